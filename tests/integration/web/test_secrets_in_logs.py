"""What `mps serve` writes to its output never holds a secret: the SECRET_KEY, the SMTP password, a session or
anonymous cookie, a CSRF token, a sign-in link's token, a family link's token, or the e-mail address of a
person signing in, through a whole journey with refusals, 404s and hostile input along the way.

The server runs as operators run it (a subprocess, production settings, SMTP with a password) and everything
it prints, on both streams, is read afterwards.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from tests.conftest import ROOT
from tests.integration.accounts.fixtures import Mailbox, new_email

SECRET_KEY = "secret-key-that-must-never-be-logged-" + "k" * 20
SMTP_PASSWORD = "smtp-password-never-logged-42"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _accept_our_password(server, session, envelope, mechanism, auth_data):
    ok = getattr(auth_data, "password", b"") == SMTP_PASSWORD.encode()
    return AuthResult(success=ok)


@pytest.fixture()
def smtp_with_password():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port(), auth_require_tls=False,
                            authenticator=_accept_our_password)
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


def _wait_ready(base: str, proc) -> None:
    for _ in range(240):
        if proc.poll() is not None:
            raise RuntimeError("mps serve stopped")
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("mps serve did not start")


def test_the_server_output_holds_no_secret(catalogue_db, smtp_with_password, tmp_path):
    port, out = _free_port(), tmp_path / "server.log"
    env = {**os.environ, "DATABASE_URL": catalogue_db, "SECRET_KEY": SECRET_KEY, "MPS_VAR_DIR": str(tmp_path),
           "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_with_password.port), "SMTP_USERNAME": "mps",
           "SMTP_PASSWORD": SMTP_PASSWORD, "MPS_ENV": "production", "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    base = f"http://127.0.0.1:{port}"
    with out.open("wb") as sink:
        proc = subprocess.Popen([sys.executable, "-m", "mps", "serve", "--port", str(port)], env=env, cwd=ROOT,
                                stdout=sink, stderr=subprocess.STDOUT)
        try:
            _wait_ready(base, proc)
            secrets = _journey(base, smtp_with_password)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    logged = out.read_text(errors="replace")
    assert "MonProjetSup sur" in logged  # the output was captured
    leaked = {name for name, value in secrets.items() if value and value in logged}
    assert not leaked, f"secrets in the server output: {sorted(leaked)}"


def _journey(base: str, mailbox: Mailbox) -> dict[str, str]:
    """Sign in by e-mail, browse, share with the family, send junk; returns the secrets met on the way."""
    email = new_email("secret")
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as web:
        web.get("/connexion")
        csrf = web.cookies["mps_csrftoken"]
        assert web.post("/connexion", data={"email": email, "role": "lyceen", "_csrf_token": csrf}).status_code == 200
        for _ in range(60):
            if mailbox.for_address(email):
                break
            time.sleep(0.5)
        token = re.search(r"/connexion/lien\?t=(\S+)", mailbox.last_text(email)).group(1)
        web.get(f"/connexion/lien?t={token}")
        assert web.post("/connexion/lien", data={"t": token, "_csrf_token": csrf}).status_code in (302, 303)
        session = web.cookies["mps_session"]
        headers = {"x-csrftoken": csrf}
        web.put("/api/v1/profile", json={"bac": "general"}, headers=headers)
        link = web.post("/api/v1/me/family-links", json={"label": "Maman"}, headers=headers).json()
        family_token = link["url"].rsplit("/", 1)[1]
        web.get(f"/partage/{family_token}")
        # Refusals of every kind, carrying the secrets where a careless log line would copy them.
        web.get(f"/connexion/lien?t={token}x")
        web.post("/connexion/lien", data={"t": token, "_csrf_token": csrf})  # already spent
        web.post("/connexion", data={"email": email + "\x00", "_csrf_token": csrf})
        web.post("/connexion", data={"email": email})  # no CSRF token
        web.get(f"/formations/{session}")
        web.get(f"/api/v1/formations?q={email}%00")
        web.put("/api/v1/profile", content=b"{not json " + email.encode(), headers={**headers,
                                                                                    "content-type": "application/json"})
        web.get("/api/v1/family/" + family_token + "x")
        web.post("/deconnexion", data={"_csrf_token": csrf})
        anonymous = httpx.Client(base_url=base)
        anonymous.get("/connexion")
        anonymous.post("/api/v1/favourites/formations/x", headers={"x-csrftoken": anonymous.cookies["mps_csrftoken"]})
        anon_cookie = anonymous.cookies.get("mps_anon", "")
        anonymous.close()
    return {"SECRET_KEY": SECRET_KEY, "SMTP_PASSWORD": SMTP_PASSWORD, "e-mail": email, "sign-in token": token,
            "session cookie": session, "CSRF token": csrf, "family token": family_token,
            "anonymous cookie": anon_cookie}
