"""Unsafe requests sent by another site are refused before the CSRF token is even looked at.

The CSRF token (mps.web.security) is a double-submit cookie: it is not tied to the session, so whoever can plant
a cookie on our host (a sibling sub-domain, a network on plain HTTP before HSTS) can pair it with its own token.
The browser says where a request comes from, and no page can forge it: `Sec-Fetch-Site: cross-site`, or an
`Origin` whose host is neither the request's Host nor BASE_URL's, is refused with 403 on every path the CSRF
check covers (same exemptions: the partner API's bearer tokens, Piccolo Admin...). No header at all (an old
browser, a script, the tests) or `Origin: null` decides nothing: the CSRF token still applies.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from litestar.exceptions import PermissionDeniedException

_SAFE = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
CROSS_SITE = "Demande refusée : elle vient d'un autre site que MonProjetSup."


def _netloc(origin: str) -> str:
    try:
        return urlsplit(origin).netloc.lower()
    except ValueError:  # « http://[ » : not an origin a browser sends
        return "?"


def from_another_site(headers: Iterable[tuple[bytes, bytes]], base_url: str | None) -> bool:
    host = origin = fetch_site = None
    for name, value in headers:
        if name == b"host":
            host = value.decode("latin-1").lower()
        elif name == b"origin":
            origin = value.decode("latin-1")
        elif name == b"sec-fetch-site":
            fetch_site = value.decode("latin-1").lower()
    if fetch_site == "cross-site":
        return True
    if origin is None or origin == "null":
        return False
    netloc = _netloc(origin)
    return netloc != host and not (base_url and netloc == _netloc(base_url))


def _path(scope) -> str:
    """The path the exemptions are written for: a mounted app (Piccolo Admin) sees its sub-path in scope["path"]."""
    if getattr(scope.get("route_handler"), "is_mount", False):
        return scope.get("raw_path", b"").decode("latin-1")
    return scope["path"]


def cross_site_refusal(settings, exempt: Iterable[str], skip_key: str):
    """The check mps.web.edge runs on every request, after the hostile input's: `exempt` are the CSRF exemptions'
    patterns, `skip_key` the handler opt that skips CSRF."""
    skipped = re.compile("|".join(exempt)) if exempt else None

    def refuse_cross_site(scope) -> None:
        if (scope["method"] not in _SAFE and not (skipped and skipped.search(_path(scope)))
                and not getattr(scope.get("route_handler"), "opt", {}).get(skip_key)
                and from_another_site(scope["headers"], settings.base_url)):
            raise PermissionDeniedException(CROSS_SITE)
    return refuse_cross_site
