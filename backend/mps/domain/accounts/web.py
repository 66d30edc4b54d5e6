"""The accounts area's request helpers: sign a browser in and out, guards for pages and API routes
that need an account (and sometimes a role), the sign-in rate limit, the anonymous-cookie hook."""
from __future__ import annotations

from urllib.parse import quote

from litestar import Request
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.response import Redirect
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.accounts.service import account, sign_in_account
from mps.domain.identity.web import ANON_COOKIE, anonymous_id
from mps.web.ratelimit import limiter_for
from mps.web.sessions import end_session, session_person_id, start_session

_FORGET_ANONYMOUS = "mps_forget_anonymous"
_CLEAR_DEVICE = "mps_clear_device"
# Sign-out (and account deletion): the browser forgets what it kept of the account, its HTTP cache and the
# service worker's page caches and IndexedDB included, so the next person on a shared computer finds nothing
# offline (private pages carry no Cache-Control, and the service worker caches what it served).
CLEAR_SITE_DATA = (b"clear-site-data", b'"cache", "storage"')


async def complete_sign_in(request: Request, db: AsyncSession, email: str, role: str, provider: str) -> Person:
    """Sign this browser in to the account of `email` (the device's anonymous work merged into it)."""
    person = await sign_in_account(db, email, role, anonymous_id(request))
    await start_session(request, db, person.id, provider)
    request.scope[_FORGET_ANONYMOUS] = True  # type: ignore[index]
    return person


async def sign_out(request: Request, db: AsyncSession) -> None:
    await end_session(request, db)
    request.scope[_FORGET_ANONYMOUS] = True  # type: ignore[index]
    request.scope[_CLEAR_DEVICE] = True  # type: ignore[index]


async def signed_in_person(request: Request, db: AsyncSession) -> Person | None:
    """The signed-in account, or None (anonymous device, or an account deleted since)."""
    return await account(db, session_person_id(request))


def forget_anonymous_cookie(message, scope) -> None:
    """before_send hook (the response's start): after sign-in or sign-out the device's anonymous id is dropped (after sign-out, what
    the browser stored too: CLEAR_SITE_DATA).

    Its work now belongs to the account (sign-in) and must not stay readable on a shared computer
    (sign-out).
    """
    if scope.get(_FORGET_ANONYMOUS):
        header = f"{ANON_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax".encode("latin-1")
        message["headers"] = [*(message.get("headers") or []), (b"set-cookie", header),
                              *((CLEAR_SITE_DATA,) if scope.get(_CLEAR_DEVICE) else ())]


# Gmail ignores dots in the name and has two domain names: "e.l.e.v.e@googlemail.com" reaches eleve@gmail.com.
_DOTLESS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def address_key(email: str) -> str:
    """The mailbox an address reaches: "name+tag@x.fr" is "name@x.fr", so tags (and Gmail's dots) do not
    multiply the limit."""
    local, _, domain = email.lower().partition("@")
    local = local.split("+", 1)[0]
    if domain in _DOTLESS:
        local, domain = local.replace(".", ""), _DOTLESS[domain]
    return f"{local}@{domain}"


async def sign_in_allowed(request: Request, email: str) -> bool:
    """Sign-in links are rate-limited per mailbox and per client address (shared limiter: memory, or Redis)."""
    limits = request.app.state.settings.limits  # (count, window in seconds): settings.RateLimits
    per_address, per_ip = limits.sign_in_per_address, limits.sign_in_per_ip
    limiter = limiter_for(request.app)
    ok_address = await limiter.hit("sign-in:address", address_key(email), *per_address)
    # The client address comes through trusted proxies only (mps.web.proxies).
    ok_ip = await limiter.hit("sign-in:ip", request.client.host if request.client else "", *per_ip)
    return ok_address and ok_ip


TOO_MANY_MAILS = "Tu as déjà envoyé beaucoup d'e-mails aujourd'hui : réessaie demain."


async def typed_mail_allowed(request: Request, person_id: str) -> bool:
    """Counts one mail this account has us send to an address it typed; False past its daily allowance."""
    return await limiter_for(request.app).hit("typed-mail", person_id, *request.app.state.settings.limits.typed_mails_per_person)


class SignInRequired(Exception):
    """Raised by page guards; answered with a redirect to the sign-in page (see asgi HANDLERS)."""


def sign_in_redirect(request: Request) -> Redirect:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"/connexion?next={quote(target, safe='')}", status_code=303)


async def page_person(request: Request, db: AsyncSession, *roles: str) -> Person:
    """The signed-in person for a page; not signed in -> sign-in page; wrong role -> 404."""
    person = await signed_in_person(request, db)
    if person is None:
        raise SignInRequired()
    if roles and person.role not in roles:
        raise NotFoundException(detail="Cette page n'existe pas pour ton compte.")
    return person


async def api_person(request: Request, db: AsyncSession, *roles: str) -> Person:
    """The signed-in person for an API call; not signed in -> 401; wrong role -> 404."""
    person = await signed_in_person(request, db)
    if person is None:
        raise NotAuthorizedException(detail="Connecte-toi pour accéder à cette ressource.")
    if roles and person.role not in roles:
        raise NotFoundException(detail="Ressource introuvable.")
    return person


def sign_in_required_handler(request: Request, exc: SignInRequired) -> Redirect:
    return sign_in_redirect(request)
