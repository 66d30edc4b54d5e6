"""Who calls the partner API: a bearer token in the Authorization header, and nothing else.

A guard, so it runs before the body is decoded: an unknown caller gets 401 whatever it sent, except a body the
edge refuses for everyone before any route runs (a control character, too deep, not UTF-8: 400, mps.web.hostile_input). Cookies never
authorise these routes (a signed-in employer's browser gets 401 like anyone), so they need no CSRF check.
Refused tokens are counted per client address: past `limits.partner_token_failures` every call from there gets
429 with Retry-After before any token is looked up, so tokens cannot be guessed at full speed and the answer says
nothing of the token sent. A token put in the address is refused outright: addresses end up in proxies' and
browsers' histories.
Our access log writes the route template, never the path or query typed (mps.web.observability).
"""
from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import ClientException, NotAuthorizedException, TooManyRequestsException

from mps.domain.stages.partners.tokens import LOOKS_LIKE_TOKEN, authenticate
from mps.web.ratelimit import limiter_for

REALM = 'Bearer realm="mps-partenaires"'
URL_NAMES = {"token", "access_token", "api_key", "apikey", "key", "jeton", "authorization", "bearer"}
IN_URL = ("Le jeton ne doit jamais figurer dans l'adresse (elle finit dans les journaux des serveurs et des "
          "proxys) : envoyez-le dans l'en-tête « Authorization: Bearer <jeton> ». Par prudence, révoquez ce jeton "
          "et créez-en un autre depuis votre espace employeur.")
MISSING = "Envoyez votre jeton de partenaire dans l'en-tête « Authorization: Bearer <jeton> »."
INVALID = "Ce jeton n'est pas valide ou a été révoqué."
FAILURES = "partner-refused"  # refused tokens per client address


def _token_in_url(connection: ASGIConnection) -> bool:
    query = connection.query_params
    return any(k.lower() in URL_NAMES for k in query) or any(
        LOOKS_LIKE_TOKEN.search(v) for _, v in query.multi_items()) or bool(LOOKS_LIKE_TOKEN.search(connection.url.path))


async def partner_guard(connection: ASGIConnection, _handler) -> None:
    """Sets connection.state.partner_org_id, or refuses: 400 token in the URL, 401 no or bad token, 429."""
    if _token_in_url(connection):
        raise ClientException(detail=IN_URL)
    scheme, _, token = (connection.headers.get("authorization") or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorizedException(detail=MISSING, headers={"WWW-Authenticate": REALM})
    state = connection.app.state
    limiter = limiter_for(connection.app)
    address = connection.client.host if connection.client else ""
    limit, window = state.settings.limits.partner_token_failures
    # Checked before the token is looked up: once refused, an address gets the same answer for any token.
    if not await limiter.hit(FAILURES, address, limit, window, cost=0):
        raise await _too_many_failures(limiter, address, limit, window)
    async with state.sessionmaker() as db:
        row = await authenticate(db, token.strip())
        if row is None:
            if not await limiter.hit(FAILURES, address, limit, window):
                raise await _too_many_failures(limiter, address, limit, window)
            raise NotAuthorizedException(detail=INVALID,
                                         headers={"WWW-Authenticate": REALM + ', error="invalid_token"'})
        org_id, prefix = row.organisation_id, row.prefix  # ids are reused after a delete, prefixes not
        await db.commit()  # last_used_at
    limit, window = state.settings.limits.partner_api
    if not await limiter.hit("partner-token", prefix, limit, window):
        wait = await limiter.retry_after("partner-token", prefix, limit, window)
        raise TooManyRequestsException(
            detail=f"Plus de {limit} appels en {window} secondes avec ce jeton : réessayez dans {wait} s.",
            headers={"Retry-After": str(wait)})
    connection.state.partner_org_id = org_id


async def _too_many_failures(limiter, address: str, limit: int, window: int) -> TooManyRequestsException:
    wait = await limiter.retry_after(FAILURES, address, limit, window)
    return TooManyRequestsException(detail=f"Trop de jetons refusés depuis cette adresse : réessayez dans {wait} s.",
                                    headers={"Retry-After": str(wait)})
