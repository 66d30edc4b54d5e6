"""Web security wiring for the whole app: sessions, CSRF and cookie flags.

CSRF (double-submit cookie `mps_csrftoken`, checked against the `_csrf_token` form field or the
`x-csrftoken` header) protects every unsafe request except the paths below:
- `/admin`: Piccolo's back-office brings its own CSRF protection and its own session cookie;
- `/api/v1/suggestions` (POST): computes suggestions from the profile sent in the body; it reads no
  cookie, writes nothing and sets no cookie, so a forged cross-site call gains nothing;
- static files, the service worker and the manifest: GET only, and they must stay cacheable
  without a Set-Cookie header;
- the read-only catalogue API, /healthz and /schema: GET only, called by partners and the service
  worker without a cookie (excluding them only skips minting a token there).
Other areas may append a regex to CSRF_EXCLUDE (before create_app) for another stateless endpoint,
with the reason in a comment.
"""
from __future__ import annotations

from litestar.config.csrf import CSRFConfig

from mps.domain.accounts.sessions import session_config, session_store

CSRF_COOKIE = "mps_csrftoken"
CSRF_HEADER = "x-csrftoken"
CSRF_EXCLUDE: list[str] = [
    r"^/admin",
    r"^/api/v1/suggestions$",
    r"^/static/",
    r"^/sw\.js$",
    r"^/manifest\.webmanifest$",
    # Read-only catalogue API, health and schema: GET only, no cookie read, and partner platforms and
    # the service worker call them without a CSRF cookie; minting a token there only costs time.
    r"^/api/v1/(formations|places|catalogue)(/|$)",
    r"^/healthz$",
    r"^/schema",
]
_OUR_COOKIES = (b"mps_", )


def csrf_config(settings) -> CSRFConfig:
    # Not HttpOnly: the page's scripts read it to send the x-csrftoken header with fetch().
    return CSRFConfig(secret=settings.secret_key, cookie_name=CSRF_COOKIE, header_name=CSRF_HEADER,
                      cookie_httponly=False, cookie_samesite="lax", exclude=list(CSRF_EXCLUDE))


async def secure_cookies_over_https(message, scope) -> None:
    """before_send hook: our cookies get the Secure flag whenever the request came over HTTPS.

    Behind a TLS-terminating proxy the scheme comes from the proxy headers (uvicorn --proxy-headers).
    """
    if message["type"] != "http.response.start" or scope.get("scheme") != "https":
        return
    headers = message.get("headers") or []
    fixed = []
    for name, value in headers:
        if name.lower() == b"set-cookie" and value.startswith(_OUR_COOKIES) and b"; secure" not in value.lower():
            value = value + b"; Secure"
        fixed.append((name, value))
    message["headers"] = fixed


def web_security(settings, engine) -> dict:
    """Keyword arguments for Litestar(): session middleware and store, CSRF, cookie flags."""
    return {
        "middleware": [session_config().middleware],
        "stores": {"sessions": session_store(settings, engine)},
        "csrf_config": csrf_config(settings),
        "before_send": [forget_anonymous_cookie, secure_cookies_over_https],
    }


async def forget_anonymous_cookie(message, scope) -> None:
    """before_send hook: after sign-in or sign-out the device's anonymous id is dropped.

    Its work now belongs to the account (sign-in) and must not stay readable on a shared computer
    (sign-out).
    """
    from mps.domain.accounts.service import forget_anonymous_requested
    from mps.domain.identity.service import ANON_COOKIE

    if message["type"] == "http.response.start" and forget_anonymous_requested(scope):
        header = f"{ANON_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax".encode("latin-1")
        message["headers"] = [*(message.get("headers") or []), (b"set-cookie", header)]
