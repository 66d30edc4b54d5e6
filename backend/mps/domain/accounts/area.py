"""Accounts: magic-link sign-in, server-side sessions (who is signed in), /compte and /api/v1/me."""
from mps.domain.accounts.api import AccountApi
from mps.domain.accounts.pages import AccountPages
from mps.domain.accounts.web import SignInRequired, forget_anonymous_cookie, sign_in_required_handler
from mps.web.area import Area
from mps.web.sessions import session_config, session_person_id, session_store

AREA = Area(
    name="accounts",
    route_handlers=[AccountPages, AccountApi],
    middleware=[session_config().middleware],
    stores={"sessions": session_store},
    session_resolvers=[session_person_id],
    before_send=[forget_anonymous_cookie],
    exception_handlers={SignInRequired: sign_in_required_handler},
)
