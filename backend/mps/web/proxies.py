"""The visitor's address and scheme behind a reverse proxy, believed only from the proxies we trust.

MPS_TRUSTED_PROXIES (or `mps serve --forwarded-allow-ips`) lists the proxies' addresses or networks. A
request arriving from one of them has its client address taken from X-Forwarded-For, walking from the
right past trusted hops (what a visitor writes at the left is never believed), and its scheme from
X-Forwarded-Proto (so cookies get Secure behind a TLS-terminating proxy). From any other peer, or with
the setting empty (the default), both headers are ignored. uvicorn's ProxyHeadersMiddleware does the
parsing; `mps serve` turns uvicorn's own reading off, which would trust any header sent from 127.0.0.1.
"""
from __future__ import annotations

from litestar.middleware import DefineMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware


def proxy_middleware(settings) -> list[DefineMiddleware]:
    """The outermost middleware of the app: nothing before it reads the client address or the scheme."""
    if not settings.trusted_proxies:
        return []
    return [DefineMiddleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))]
