"""Requests from a chosen network address: Litestar's TestClient always says the peer is "testclient"."""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def peer(client, host: str, port: int = 50000):
    """Inside the block, `client`'s requests arrive from (host, port), as a proxy or a visitor would connect."""
    transport = client._transport
    parse = type(transport).parse_request

    def parse_from_peer(request):
        scope = parse(transport, request)
        scope["client"] = (host, port)
        return scope

    transport.parse_request = parse_from_peer
    try:
        yield client
    finally:
        del transport.parse_request
