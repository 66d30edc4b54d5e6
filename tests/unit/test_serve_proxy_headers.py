"""`mps serve` leaves X-Forwarded-* to the app (MPS_TRUSTED_PROXIES, mps.web.proxies), never to uvicorn.

uvicorn's own proxy-header middleware believes any X-Forwarded-For sent from 127.0.0.1 (its default
forwarded_allow_ips): anyone on the machine, or a local proxy relaying a visitor's header, would choose
the client address the rate limits count. The app's own reading is tested in
tests/integration/web/test_proxies.py (including a loopback peer); here, that uvicorn is told not to read.
"""
from __future__ import annotations

import asyncio
import dataclasses

import pytest
import uvicorn

from mps import server
from mps.settings import load_settings


@pytest.fixture
def uvicorn_kwargs(tmp_path, monkeypatch) -> dict:
    """The keyword arguments `mps serve` gives uvicorn.run, with nothing else started."""
    monkeypatch.setenv("MPS_VAR_DIR", str(tmp_path))
    for name in ("MPS_TRUSTED_PROXIES", "MPS_SERVED_URL", "MPS_ENV", "BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("mps.db.migrate.upgrade", lambda url: None)
    monkeypatch.setattr("mps.admin.migrate.ensure_admin_schema", lambda settings: None)

    async def no_import(settings):
        return None

    monkeypatch.setattr(server, "_ensure_catalogue", no_import)
    captured: dict = {}
    monkeypatch.setattr(server.uvicorn, "run", lambda app, **kwargs: captured.update(kwargs, app=app))
    assert server.serve(dataclasses.replace(load_settings(), trusted_proxies=()), "127.0.0.1", 8799, 1) == 0
    return captured


def client_seen_by_the_app(kwargs: dict, forwarded_for: str) -> tuple[str, int]:
    """The client address the app would get, through the ASGI app uvicorn builds from these arguments,
    for a request from 127.0.0.1 carrying X-Forwarded-For."""
    options = {k: v for k, v in kwargs.items() if k in ("proxy_headers", "forwarded_allow_ips", "host", "port")}
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["client"])

    config = uvicorn.Config(app, log_config=None, **options)
    config.load()
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/", "raw_path": b"/", "query_string": b"", "root_path": "", "server": ("127.0.0.1", 8799),
             "client": ("127.0.0.1", 50000), "headers": [(b"host", b"127.0.0.1"),
                                                         (b"x-forwarded-for", forwarded_for.encode())]}
    asyncio.run(config.loaded_app(scope, None, None))
    return seen[0]


def test_serve_turns_off_uvicorns_proxy_headers(uvicorn_kwargs):
    assert uvicorn_kwargs["app"] == "mps.asgi:create_app"
    assert uvicorn_kwargs.get("proxy_headers") is False


def test_a_forwarded_for_from_loopback_reaches_the_app_unread(uvicorn_kwargs, monkeypatch):
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")  # uvicorn's variable must not matter either
    assert client_seen_by_the_app(uvicorn_kwargs, "203.0.113.9")[0] == "127.0.0.1"


def test_the_check_above_sees_uvicorns_reading_when_it_is_on(uvicorn_kwargs):
    # What the two tests above guard against: uvicorn's defaults rewrite the client from a loopback peer.
    assert client_seen_by_the_app({**uvicorn_kwargs, "proxy_headers": True}, "203.0.113.9")[0] == "203.0.113.9"


def test_serve_gives_starting_workers_longer_than_uvicorns_five_seconds(uvicorn_kwargs):
    # (why: tests/unit/test_serve_workers.py)
    assert uvicorn_kwargs["timeout_worker_healthcheck"] >= 30


def test_serve_runs_the_bounded_french_http_protocol(uvicorn_kwargs):
    # (what it does: tests/unit/test_http_protocol.py)
    assert uvicorn_kwargs["http"] == server.HTTP_PROTOCOL == "mps.web.http_protocol:HttpProtocol"
