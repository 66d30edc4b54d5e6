"""App-wide web security: the CSRF check and the Secure flag on our cookies.

CSRF (double-submit cookie `mps_csrftoken`, checked against the `_csrf_token` form field or the
`x-csrftoken` header) protects every unsafe request except the paths each area declares in its
`Area.csrf_exempt`, each with its reason, plus the core ones below. `create_app` composes them.
"""
from __future__ import annotations

from collections.abc import Iterable

from litestar.config.csrf import CSRFConfig

from mps.web.area import CsrfExempt
from mps.web.sessions import SKIP_SESSION

CSRF_COOKIE = "mps_csrftoken"
CSRF_HEADER = "x-csrftoken"
SKIP_CSRF = "exclude_from_csrf"  # a route handler's opt key (Litestar's default for CSRFConfig.exclude_from_csrf_key)
# The opt of a controller whose answers are the same for every visitor and that only reads (GET): the catalogue API,
# the health checks. No cookie is read or set there, so the CSRF and session middlewares step over it on its opt,
# before any work (matching the path against every exemption cost more than the rest of their bypass).
# tests/unit/test_csrf_exemptions.py keeps such handlers GET only.
PUBLIC_READ_ONLY = {SKIP_CSRF: True, SKIP_SESSION: True}
_OUR_COOKIES = (b"mps_", )

# Served by the app core (assets, OpenAPI), not by an area.
CORE_CSRF_EXEMPT = (
    CsrfExempt(r"^/static/", "static files: GET only, must stay cacheable without a Set-Cookie header"),
    CsrfExempt(r"^/sw\.js$", "the service worker: GET only, cacheable without a Set-Cookie header"),
    CsrfExempt(r"^/manifest\.webmanifest$", "the web app manifest: GET only, cacheable without a Set-Cookie header"),
    CsrfExempt(r"^/schema", "the OpenAPI document: GET only, read by partners without a cookie"),
)


def csrf_config(settings, exempt: Iterable[CsrfExempt]) -> CSRFConfig:
    # Not HttpOnly: the page's scripts read it to send the x-csrftoken header with fetch().
    return CSRFConfig(secret=settings.secret_key, cookie_name=CSRF_COOKIE, header_name=CSRF_HEADER,
                      cookie_httponly=False, cookie_samesite="lax", exclude=[e.pattern for e in exempt],
                      exclude_from_csrf_key=SKIP_CSRF)


def secure_cookies_over_https(message, scope) -> None:
    """before_send hook (the response's start), run last: our cookies get the Secure flag whenever the request came over HTTPS.

    Behind a TLS-terminating proxy the scheme comes from the proxy headers (uvicorn --proxy-headers).
    """
    if scope.get("scheme") != "https":
        return
    headers = message.get("headers") or []
    fixed = []
    for name, value in headers:
        if name.lower() == b"set-cookie" and value.startswith(_OUR_COOKIES) and b"; secure" not in value.lower():
            value = value + b"; Secure"
        fixed.append((name, value))
    message["headers"] = fixed


# No inline script anywhere (templates load ES modules from /static): script-src 'self' blocks injected ones.
# No inline style either, neither <style> elements nor style attributes (bar widths are data-w attributes that
# app.css has a rule for): injected markup cannot restyle a page (a fake form over the real one).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
# The back-office (Piccolo Admin's own app) and the API explorer bring their own scripts: never framed, though.
CSP_ELSEWHERE = "frame-ancestors 'none'"
_OTHER_APPS = (b"/admin", b"/schema")
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"),
    (b"x-frame-options", b"DENY"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


# The headers as sent, made once: (elsewhere, https) -> their list.
_WANTED = {(elsewhere, https): ((b"content-security-policy", (CSP_ELSEWHERE if elsewhere else CSP).encode()), *HEADERS,
                                *((HSTS,) if https else ()))
           for elsewhere in (False, True) for https in (False, True)}


def security_headers(message, scope) -> None:
    """before_send hook (the response's start): CSP, no framing, no sniffing, a sober referrer, no device APIs, HSTS over HTTPS.

    A header a handler set itself (the family view's Referrer-Policy: no-referrer) is kept."""
    headers = message.get("headers") or ()
    wanted = _WANTED[(scope.get("raw_path") or b"").startswith(_OTHER_APPS),  # mounts rewrite path
                     scope.get("scheme") == "https"]  # through a trusted proxy too (mps.web.proxies)
    for name, _ in headers:
        if name.lower() in _OURS:  # rare: then only those the handler did not set are added
            present = {name.lower() for name, _ in headers}
            message["headers"] = [*headers, *(header for header in wanted if header[0] not in present)]
            return
    message["headers"] = [*headers, *wanted]  # (no set of the names and filter on every answer)


_OURS = frozenset(name for wanted in _WANTED.values() for name, _ in wanted)
