"""Signed-in sessions (database rows, Redis never needed), cookie flags, sign-out, fixation, expiry."""
from __future__ import annotations

import asyncio
import dataclasses

import hashlib
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from sqlalchemy import func, select, update

from mps.db.engine import make_engine
from mps.db.models import SignInSession
from tests.integration.accounts.fixtures import Browser, db_url, make_site, new_email, site_settings
from tests.throwaway import ThrowawayRedis


def _count_sessions(url: str) -> int:
    async def go():
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                return (await conn.execute(select(func.count()).select_from(SignInSession))).scalar_one()
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
    assert out.status_code == 200 and "data-mps-forget-device" in out.text
    assert browser.get("/api/v1/me").json()["signed_in"] is False
    replay = Browser(site)
    replay.jar.set("mps_session", stolen, domain="127.0.0.1")
    assert replay.get("/api/v1/me").json()["signed_in"] is False


def test_sign_out_and_deletion_make_the_browser_forget_what_it_kept(site):
    """A shared family computer: after sign-out the next person must find no private page in the HTTP cache or
    the service worker's caches, nor the account's data in IndexedDB (pages carry no Cache-Control)."""
    browser = Browser(site)
    signed_in = browser.sign_in(new_email())
    assert "clear-site-data" not in signed_in.headers
    out = browser.post_form("/deconnexion", follow_redirects=False)
    assert out.headers["clear-site-data"] == '"cache", "storage"'
    for erase in (lambda: browser.api("DELETE", "/api/v1/me?confirm=true"),
                  lambda: browser.post_form("/mes-donnees/supprimer", {"confirm": "oui"}, follow_redirects=False)):
        browser.sign_in(new_email())
        erased = erase()
        assert erased.status_code in (200, 204) and erased.headers["clear-site-data"] == '"cache", "storage"'


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


def _rows(url: str, stmt):
    async def go():
        engine = make_engine(url)
        try:
            async with engine.begin() as conn:
                result = await conn.execute(stmt)
                return result.all() if result.returns_rows else result.rowcount
        finally:
            await engine.dispose()
    return asyncio.run(go())


def test_the_table_holds_no_usable_cookie(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    token = browser.jar.get("mps_session")
    hashes = {r[0] for r in _rows(db_url(site), select(SignInSession.token_hash))}
    assert token not in hashes and hashlib.sha256(token.encode()).hexdigest() in hashes


def test_an_expired_session_is_not_recognised_and_its_cookie_is_dropped(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    token_hash = hashlib.sha256(browser.jar.get("mps_session").encode()).hexdigest()
    _rows(db_url(site), update(SignInSession).where(SignInSession.token_hash == token_hash)
          .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    me = browser.get("/api/v1/me")
    assert me.json()["signed_in"] is False
    assert "mps_session=" in me.headers["set-cookie"] and "max-age=0" in me.headers["set-cookie"].lower()


def test_deleting_the_account_deletes_its_sessions(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    pid = _rows(db_url(site), select(SignInSession.person_id).where(
        SignInSession.token_hash == hashlib.sha256(browser.jar.get("mps_session").encode()).hexdigest()))[0][0]
    other = Browser(site)  # the same account signed in on a second device
    other.jar = httpx.Cookies(browser.jar)
    assert browser.api("DELETE", "/api/v1/me?confirm=true").status_code == 204
    assert _rows(db_url(site), select(SignInSession).where(SignInSession.person_id == pid)) == []
    assert other.get("/api/v1/me").json()["signed_in"] is False


@pytest.fixture
def own_redis():
    with ThrowawayRedis(9412) as server:
        yield server


@pytest.fixture
def redis_site(empty_db, smtp, tmp_path, own_redis):
    settings = dataclasses.replace(site_settings(empty_db, tmp_path, smtp.port), redis_url=own_redis.url)
    with make_site(settings) as client:
        client.smtp = smtp
        yield client


def test_sessions_survive_a_redis_outage_and_restart(redis_site, own_redis, caplog):
    """Redis carries rate limits only: stopped, frozen or emptied, nobody is signed out and nothing fails."""
    browser = Browser(redis_site)
    email = new_email()
    browser.sign_in(email)
    for outage in (own_redis.stop, own_redis.start, own_redis.freeze, own_redis.thaw):
        outage()  # stopped (every key lost), back empty, frozen, back
        me = browser.get("/api/v1/me")
        assert me.status_code == 200 and me.json()["email"] == email
        assert browser.get("/compte").status_code == 200
        # Sign-in links still go out (limits count in this worker's memory while Redis is away).
        assert Browser(redis_site).post_form("/connexion", {"email": new_email()}).status_code == 200
    assert len([r for r in caplog.records if "Redis unreachable" in r.getMessage()]) <= 2  # once per outage


def test_signed_in_answers_are_private_and_never_stored(site):
    """A signed-in page is the account's (a shared family computer, a school's proxy): no cache stores it, nor
    the service worker, which skips answers marked private or no-store. A handler's own choice is kept, and an
    anonymous visitor's public pages stay cacheable."""
    browser = Browser(site)
    assert "cache-control" not in browser.get("/").headers
    browser.sign_in(new_email())
    for path in ("/compte", "/profil", "/favoris", "/famille", "/etapes", "/api/v1/me", "/api/v1/reminders"):
        answer = browser.get(path)
        assert answer.status_code == 200 and answer.headers.get("cache-control") == "private, no-store", path
    assert browser.get("/mes-donnees/export.json").headers.get_list("cache-control") == ["no-store"]
