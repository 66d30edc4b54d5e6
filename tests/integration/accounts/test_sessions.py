"""Server-side sessions (database store, Redis store), cookie flags, sign-out, fixation."""
from __future__ import annotations

import asyncio
import dataclasses
import uuid

import pytest
import redis
from sqlalchemy import func, select

from mps.db.engine import make_engine
from mps.db.models import WebSession
from mps.web.session_store import SQLAlchemyStore
from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings


def _count_sessions(url: str) -> int:
    async def go():
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                return (await conn.execute(select(func.count()).select_from(WebSession))).scalar_one()
        finally:
            await engine.dispose()
    return asyncio.run(go())


def _cookie_header(response, name: str) -> str:
    return next(h for h in response.headers.get_list("set-cookie") if h.startswith(name + "="))


def test_session_cookie_is_httponly_lax_and_not_secure_over_http(site):
    done = Browser(site).sign_in(new_email())
    header = _cookie_header(done, "mps_session").lower()
    assert "httponly" in header and "samesite=lax" in header and "secure" not in header


def test_cookies_are_secure_over_https(site):
    browser = Browser(site)
    page = browser.get("https://127.0.0.1:8000/connexion")
    assert "; Secure" in _cookie_header(page, "mps_csrftoken")
    token = browser.jar.get("mps_csrftoken")
    email = new_email()
    browser.request("POST", "https://127.0.0.1:8000/connexion", data={"email": email, "_csrf_token": token})
    link = site.smtp.last_text(email).split("t=", 1)[1].split()[0]
    done = browser.request("POST", "https://127.0.0.1:8000/connexion/lien",
                           data={"t": link, "_csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    assert "; Secure" in _cookie_header(done, "mps_session")


def test_anonymous_visits_create_no_session(site):
    url = site.app.state.settings.database.url
    before = _count_sessions(url)
    browser = Browser(site)
    for path in ("/", "/recherche?q=droit", "/connexion", "/api/v1/me"):
        answer = browser.get(path)
        assert not any(h.startswith("mps_session=") for h in answer.headers.get_list("set-cookie"))
    assert _count_sessions(url) == before


def test_sign_out_ends_the_session_on_the_server(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    stolen = browser.jar.get("mps_session")
    out = browser.post_form("/deconnexion", follow_redirects=False)
    assert out.status_code == 303
    assert browser.get("/api/v1/me").json()["signed_in"] is False
    replay = Browser(site)
    replay.jar.set("mps_session", stolen, domain="127.0.0.1")
    assert replay.get("/api/v1/me").json()["signed_in"] is False


def test_sign_in_issues_a_new_session_id(site):
    """A session id planted before sign-in (fixation) is never the one that gets signed in."""
    attacker = Browser(site)
    attacker.sign_in(new_email())
    planted = attacker.jar.get("mps_session")
    victim, victim_email = Browser(site), new_email()
    victim.jar.set("mps_session", planted, domain="127.0.0.1")
    victim.sign_in(victim_email)
    assert victim.jar.get("mps_session") != planted
    assert victim.get("/api/v1/me").json()["email"] == victim_email
    assert attacker.get("/api/v1/me").json()["email"] != victim_email


def test_database_store_expires_and_renews(empty_db):
    async def go():
        engine = make_engine(empty_db)
        store = SQLAlchemyStore(engine)
        try:
            await store.set("a", b"one", expires_in=60)
            await store.set("a", b"two", expires_in=60)  # replaces
            await store.set("gone", b"x", expires_in=-1)
            await store.set("forever", "text")
            got = (await store.get("a"), await store.get("gone"), await store.get("forever"),
                   await store.exists("gone"), await store.expires_in("forever"))
            await store.get("a", renew_for=3600)
            renewed = await store.expires_in("a")
            await store.delete("a")
            return got, renewed, await store.get("a")
        finally:
            await engine.dispose()
    (a, gone, forever, gone_exists, forever_ttl), renewed, deleted = asyncio.run(go())
    assert (a, gone, forever, gone_exists, forever_ttl) == (b"two", None, b"text", False, None)
    assert renewed > 60 and deleted is None


@pytest.fixture
def redis_site(empty_db, smtp, tmp_path):
    namespace = f"mps_test_{uuid.uuid4().hex[:8]}"
    settings = dataclasses.replace(site_settings(empty_db, tmp_path, smtp.port, session_namespace=namespace),
                                   redis_url="redis://127.0.0.1:6379/0")
    client_redis = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    with make_site(settings) as client:
        client.smtp = smtp
        yield client, client_redis, namespace
    for key in client_redis.scan_iter(f"{namespace}*"):
        client_redis.delete(key)


def test_sessions_live_in_redis_when_configured(redis_site):
    site, client_redis, namespace = redis_site
    url = site.app.state.settings.database.url
    browser = Browser(site)
    browser.sign_in(new_email())
    session_id = browser.jar.get("mps_session")
    assert client_redis.exists(f"{namespace}:{session_id}")
    assert 0 < client_redis.ttl(f"{namespace}:{session_id}") <= 30 * 24 * 3600
    assert _count_sessions(url) == 0
    assert browser.get("/api/v1/me").json()["signed_in"] is True
    browser.post_form("/deconnexion")
    assert not client_redis.exists(f"{namespace}:{session_id}")
