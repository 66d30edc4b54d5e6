"""Fixtures for the accounts-based areas: a real SMTP server, a site app, browsers that sign in.

Import them in a conftest.py with `from tests.integration.accounts.fixtures import *  # noqa: F403`.
"""
from __future__ import annotations

import dataclasses
import re
import socket
import threading
import uuid
from email import message_from_bytes, policy

import httpx
import pytest
from aiosmtpd.controller import Controller

from mps.settings import MailSettings, RateLimits
from tests.conftest import settings_for

__all__ = ["smtp", "site", "site_settings", "Browser", "Mailbox", "new_email", "make_site", "run_db", "db_url",
           "plant_anonymous"]


class Mailbox:
    """aiosmtpd handler keeping every message received, per recipient."""

    def __init__(self):
        self.messages: list = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def for_address(self, address: str) -> list:
        with self.lock:
            return [m for rcpts, m in self.messages if address in rcpts]

    def last_text(self, address: str) -> str:
        mails = self.for_address(address)
        assert mails, f"no mail for {address}"
        return mails[-1].get_body(preferencelist=("plain",)).get_content()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def smtp():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


def site_settings(url: str, var_dir, smtp_port: int, **overrides):
    """Settings of a test site; `overrides` name fields of Settings or of its RateLimits."""
    base = settings_for(url, var_dir)
    mail = MailSettings(host="127.0.0.1", port=smtp_port, username=None, password=None, use_tls=False,
                        sender="MonProjetSup <ne-pas-repondre@monprojetsup.fr>")
    # Every test client shares one address: per-address limits would count the whole session.
    limit_names = {f.name for f in dataclasses.fields(RateLimits)}
    limits = dataclasses.replace(base.limits, **{"sign_in_per_address": (4, 3600), "sign_in_per_ip": (100000, 3600),
                                                 "class_code_per_address": (100000, 3600),
                                                 "partner_token_failures": (100000, 600),
                                                 **{k: v for k, v in overrides.items() if k in limit_names}})
    return dataclasses.replace(base, mail=mail, redis_url=None, limits=limits,
                               **{k: v for k, v in overrides.items() if k not in limit_names})


def make_site(settings):
    from litestar.testing import TestClient

    from mps.asgi import create_app

    return TestClient(app=create_app(settings), base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="session")
def site(catalogue_db, smtp, tmp_path_factory):
    """The full app on the imported catalogue (each backend), sending mail to the test SMTP server."""
    with make_site(site_settings(catalogue_db, tmp_path_factory.mktemp("sitevar"), smtp.port)) as client:
        client.smtp = smtp
        yield client


def new_email(prefix: str = "eleve", domain: str = "exemple.fr") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@{domain}"


LINK = re.compile(r"(https?://\S+/connexion/lien\?t=\S+)")


class Browser:
    """One person's browser on the shared test client: its own cookie jar, CSRF handled like a page would."""

    def __init__(self, client, scheme_host: str = "http://127.0.0.1:8000"):
        self.client, self.jar, self.base = client, httpx.Cookies(), scheme_host

    def request(self, method: str, url: str, **kw) -> httpx.Response:
        self.client.cookies = self.jar
        try:
            response = self.client.request(method, url, **kw)
        finally:
            self.jar = httpx.Cookies(self.client.cookies)
            self.client.cookies = httpx.Cookies()
        return response

    def get(self, url: str, **kw) -> httpx.Response:
        return self.request("GET", url, **kw)

    def csrf(self) -> str:
        if not self.jar.get("mps_csrftoken"):
            self.get("/connexion")
        return self.jar.get("mps_csrftoken")

    def post_form(self, url: str, data: dict | None = None, **kw) -> httpx.Response:
        return self.request("POST", url, data={**(data or {}), "_csrf_token": self.csrf()}, **kw)

    def api(self, method: str, url: str, json=None, **kw) -> httpx.Response:
        headers = {"x-csrftoken": self.csrf(), **kw.pop("headers", {})}
        return self.request(method, url, json=json, headers=headers, **kw)

    def sign_in(self, email: str, role: str = "lyceen", next_url: str = "/compte") -> httpx.Response:
        sent = self.post_form("/connexion", {"email": email, "role": role, "next": next_url})
        assert sent.status_code == 201 or sent.status_code == 200, sent.text
        link = LINK.search(self.client.smtp.last_text(email)).group(1)
        token = link.split("t=", 1)[1]
        assert self.get(f"/connexion/lien?t={token}").status_code == 200
        return self.post_form("/connexion/lien", {"t": token}, follow_redirects=False)


def run_db(url: str, work):
    """Run `await work(session)` on its own engine and commit; returns its result."""
    import asyncio

    from mps.db.engine import make_engine, make_sessionmaker

    async def go():
        engine = make_engine(url)
        try:
            async with make_sessionmaker(engine)() as session:
                result = await work(session)
                await session.commit()
                return result
        finally:
            await engine.dispose()
    return asyncio.run(go())


def db_url(site) -> str:
    return site.app.state.settings.database.url


def plant_anonymous(browser: "Browser", person_id: str) -> None:
    """Give the browser the signed anonymous cookie of `person_id` (as if it had saved things before)."""
    from itsdangerous import URLSafeSerializer

    value = URLSafeSerializer(browser.client.app.state.settings.secret_key, salt="anonymous-id").dumps(person_id)
    browser.jar.set("mps_anon", value, domain="127.0.0.1")
