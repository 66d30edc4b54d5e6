"""Two app instances on two ports sharing one PostgreSQL and one Redis, standing for two machines.

Each runs `mps serve` with its own var/ directory (nothing shared on disk but the secret key a
deployment sets): a session opened on one works on the other, rate limits add up across both, and a
catalogue imported through one is served by both (each polls the catalogue version). That a reminder
is sent once by several workers is tested in tests/integration/reminders/test_scheduler.py.
"""
from __future__ import annotations

import os
import re
import secrets
import subprocess
import time
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path

import httpx
import pytest

from tests.conftest import ROOT
from tests.integration.accounts.fixtures import LINK, _free_port, new_email

REDIS = "redis://127.0.0.1:6379/0"


def _healthz(base: str) -> dict | None:
    try:
        return httpx.get(base + "/healthz", timeout=10).json()
    except (httpx.HTTPError, ValueError):
        return None


def _version(base: str) -> int | None:
    return (_healthz(base) or {}).get("catalogue_version")


class Instance:
    def __init__(self, url: str, var: Path, secret: str):
        self.port, self.var = _free_port(), var
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": REDIS, "SECRET_KEY": secret, "MPS_VAR_DIR": str(var),
               "MPS_ROOT": str(ROOT), "MPS_JOBS": "off"}
        for name in ("MPS_ENV", "SMTP_HOST", "BASE_URL"):
            env.pop(name, None)  # production, mails to var/outbox
        var.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(self.port)], env=env,
                                     stdout=open(var / "serve.log", "ab"), stderr=subprocess.STDOUT)

    def wait_ready(self, timeout_s: float = 240) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if (_healthz(self.base) or {}).get("status") == "ok":
                return
            assert self.proc.poll() is None, (self.var / "serve.log").read_text()[-2000:]
            time.sleep(0.5)
        raise AssertionError(f"{self.base} not ready: {(self.var / 'serve.log').read_text()[-2000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def pair(databases, tmp_path_factory):
    url = databases.new("postgresql")
    secret = secrets.token_urlsafe(32)
    tmp = tmp_path_factory.mktemp("two")
    a = Instance(url, tmp / "a", secret)
    a.wait_ready()  # the first one migrates and imports; the second finds it done
    b = Instance(url, tmp / "b", secret)
    b.wait_ready()
    yield url, a, b
    a.stop()
    b.stop()


def _form(client: httpx.Client, base: str, path: str, data: dict) -> httpx.Response:
    if "mps_csrftoken" not in client.cookies:
        client.get(base + "/connexion")
    return client.post(base + path, data={**data, "_csrf_token": client.cookies["mps_csrftoken"]})


def _last_link(var: Path, email: str) -> str:
    for _ in range(100):
        for path in sorted((var / "outbox").glob("*.eml"), reverse=True):
            mail = message_from_bytes(path.read_bytes(), policy=policy.default)
            if mail["To"] == email:
                return LINK.search(mail.get_body(("plain",)).get_content()).group(1)
        time.sleep(0.1)
    raise AssertionError(f"no mail for {email}")


def test_a_session_opened_on_one_machine_works_on_the_other(pair):
    _, a, b = pair
    email = new_email()
    with httpx.Client() as browser:
        assert _form(browser, a.base, "/connexion", {"email": email, "role": "lyceen"}).status_code == 200
        token = _last_link(a.var, email).split("t=", 1)[1]
        assert _form(browser, a.base, "/connexion/lien", {"t": token}).status_code in (200, 303)
        # The same cookies, sent to the other machine (as a load balancer would): still signed in.
        page = browser.get(b.base + "/compte")
        assert page.status_code == 200 and email in page.text
        browser.post(b.base + "/deconnexion", data={"_csrf_token": browser.cookies["mps_csrftoken"]})
        assert email not in browser.get(a.base + "/compte").text  # signed out on B: out on A too


def test_rate_limits_add_up_across_machines(pair):
    _, a, b = pair
    email = new_email()  # 5 sign-in links per address and hour (accounts/web.py PER_ADDRESS)
    with httpx.Client() as browser:
        codes = [_form(browser, (a if i % 2 else b).base, "/connexion", {"email": email, "role": "lyceen"}).status_code
                 for i in range(7)]
    assert codes == [200] * 5 + [429, 429]


def test_a_catalogue_imported_through_one_machine_is_served_by_both(pair):
    url, a, b = pair
    before = _version(a.base)
    assert before is not None and _version(b.base) == before
    env = {**os.environ, "DATABASE_URL": url, "MPS_VAR_DIR": str(a.var), "MPS_ROOT": str(ROOT)}
    done = subprocess.run([str(ROOT / ".venv/bin/mps"), "import", "--force"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    deadline = time.monotonic() + 60  # each instance polls the version every 15 s
    while time.monotonic() < deadline:
        versions = {_version(a.base), _version(b.base)}
        if len(versions) == 1 and versions.isdisjoint({before, None}):
            break
        time.sleep(1)
    assert len(versions) == 1 and versions.isdisjoint({before, None}), versions
