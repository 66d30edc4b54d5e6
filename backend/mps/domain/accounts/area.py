"""Accounts: magic-link sign-in, server-side sessions (who is signed in), /compte and /api/v1/me."""
from mps.domain.accounts.api import AccountApi
from mps.domain.accounts.pages import AccountPages
from mps.domain.accounts.web import SignInRequired, forget_anonymous_cookie, sign_in_required_handler
from mps.web.area import Area
from mps.web.sessions import SessionMiddleware, session_person_id

AREA = Area(
    name="accounts",
    route_handlers=[AccountPages, AccountApi],
    middleware=[SessionMiddleware()],
    session_resolvers=[session_person_id],
    before_send=[forget_anonymous_cookie],
    exception_handlers={SignInRequired: sign_in_required_handler},
)
