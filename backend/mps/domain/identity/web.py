"""Who is making this request: a signed-in account, else a signed anonymous id kept with the device.

Anonymous visitors get a Person row the first time they save something; the cookie only carries
its id, signed with itsdangerous so it cannot be forged or guessed.
"""
from __future__ import annotations

from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer
from litestar import Request
from litestar.exceptions import TooManyRequestsException
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.identity.service import new_anonymous_person, person_exists
from mps.web.ratelimit import limiter_for

ANON_COOKIE = "mps_anon"
ANON_MAX_AGE = 400 * 24 * 3600  # browsers cap cookies at 400 days
WRITE_COUNTED = "mps_anon_write_counted"  # scope key: this anonymous write was counted already (mps.domain.sync.web)
# Without an account, writes and new anonymous people are counted per client address: settings.limits.


@lru_cache(maxsize=4)
def _signer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="anonymous-id")


def anonymous_id(request: Request) -> str | None:
    return anonymous_id_in(request.app.state.settings.secret_key, request.cookies.get(ANON_COOKIE))


def anonymous_id_in(secret_key: str, raw: str | None) -> str | None:
    """The person id a device's anonymous cookie value carries, if its signature holds."""
    if not raw:
        return None
    try:
        return _signer(secret_key).loads(raw)
    except BadSignature:
        return None


def current_person_id(request: Request) -> str | None:
    """The signed-in account if any, else the device's anonymous id.

    Signed-in recognition comes from the areas' `session_resolvers`, composed by create_app.
    """
    return signed_in_id(request) or anonymous_id(request)


async def _count(request: Request, kind: str, limit: tuple[int, int]) -> None:
    if not await limiter_for(request.app).hit(kind, request.client.host if request.client else "", *limit):
        raise TooManyRequestsException(
            detail="Trop de modifications en peu de temps depuis cette connexion. Attends quelques minutes, "
                   "ou connecte-toi pour continuer.", headers={"Retry-After": "600"})


def signed_in_id(request: Request) -> str | None:
    return next((pid for resolve in request.app.state.session_resolvers if (pid := resolve(request))), None)


async def ensure_person(request: Request, db: AsyncSession) -> str:
    """The current person's id, creating an anonymous person (and marking the cookie to set) if needed.

    Every write goes through here: without an account, writes are rate-limited per client address (a
    script must not fill the database), and so is the creation of anonymous people."""
    pid = current_person_id(request)
    anonymous = signed_in_id(request) is None
    if anonymous and not request.scope.get(WRITE_COUNTED):
        await _count(request, "anon-write", request.app.state.settings.limits.anon_write)
    if pid and not anonymous:  # the session middleware read the person with the session (one join): it exists
        return pid
    if pid and await person_exists(db, pid):
        return pid
    if anonymous:
        await _count(request, "anon-new", request.app.state.settings.limits.anon_new)
    pid = await new_anonymous_person(db)
    request.state.new_anonymous_id = pid
    return pid


def anonymous_cookie_header(secret_key: str, pid: str, secure: bool) -> str:
    value = URLSafeSerializer(secret_key, salt="anonymous-id").dumps(pid)
    return (f"{ANON_COOKIE}={value}; Max-Age={ANON_MAX_AGE}; Path=/; HttpOnly; SameSite=Lax"
            + ("; Secure" if secure else ""))


def send_anonymous_cookie(message, scope) -> None:
    """before_send hook (the response's start): add the cookie for a person created during this request."""
    pid = scope.get("state", {}).get("new_anonymous_id")
    if pid:
        secure = scope.get("scheme") == "https"
        header = anonymous_cookie_header(scope["app"].state.settings.secret_key, pid, secure)
        message.setdefault("headers", [])
        message["headers"] = [*message["headers"], (b"set-cookie", header.encode("latin-1"))]
