"""The back-office is Piccolo Admin at /admin, behind its own login and its own cookies."""
from __future__ import annotations

import dataclasses

import pytest
from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.testing import TestClient

from mps.admin.mount import admin_mount
from mps.asgi import create_app
from mps.domain.identity.web import ANON_COOKIE
from tests.integration.admin.backoffice import admin_login, app_settings, make_admin

pytestmark = pytest.mark.filterwarnings("ignore:If running sessions in production")
APP_CSRF_COOKIE = "mps_csrftoken"  # the app's CSRF cookie (accounts area)


@pytest.fixture
def client(empty_db, tmp_path):
    make_admin(empty_db)
    with TestClient(app=create_app(app_settings(empty_db, tmp_path)), base_url="https://127.0.0.1:8000") as c:
        yield c


def test_admin_signs_in_and_reads_the_back_office_tables(client):
    assert client.get("/admin/api/tables/").status_code in (401, 403)  # nothing without signing in
    assert admin_login(client).status_code == 200
    tables = client.get("/admin/api/tables/")
    assert tables.status_code == 200
    assert {"admin_announcement", "admin_help_text", "admin_feedback"} <= set(tables.json())
    assert client.get("/admin/api/tables/admin_feedback/").json() == {"rows": []}


def test_wrong_password_is_refused(client):
    assert admin_login(client, password="pas le bon mot de passe").status_code == 401
    assert client.get("/admin/api/tables/").status_code in (401, 403)


def test_admin_without_trailing_slash_redirects_so_assets_load(client):
    response = client.get("/admin", follow_redirects=False)
    assert response.status_code == 308 and response.headers["location"] == "/admin/"
    assert "./assets/" in client.get("/admin/").text


def test_admin_cookies_never_share_a_name_with_the_app_cookies(client):
    admin_login(client)
    admin_cookies = set(client.cookies.keys())
    assert {"csrftoken", "id"} <= admin_cookies
    assert not admin_cookies & {APP_CSRF_COOKIE, ANON_COOKIE}


def test_app_csrf_protection_leaves_piccolo_login_alone(empty_db, tmp_path):
    """With the app's CSRF middleware on, Piccolo Admin still works: it checks its own token."""
    make_admin(empty_db)
    settings = app_settings(empty_db, tmp_path)

    def startup(app: Litestar) -> None:
        app.state.settings = settings

    app = Litestar([admin_mount], on_startup=[startup],
                   csrf_config=CSRFConfig(secret="s" * 32, cookie_name=APP_CSRF_COOKIE))
    with TestClient(app=app, base_url="https://127.0.0.1:8000") as c:
        assert admin_login(c).status_code == 200
        assert c.get("/admin/api/tables/").status_code == 200


def test_back_office_is_in_production_mode_by_default(empty_db, tmp_path, monkeypatch):
    """MPS_ENV unset: Piccolo Admin runs in production mode (Secure cookies), not development."""
    monkeypatch.delenv("MPS_ENV", raising=False)
    make_admin(empty_db)
    settings = app_settings(empty_db, tmp_path)
    assert settings.environment == "production"
    with TestClient(app=create_app(settings), base_url="https://127.0.0.1:8000") as c:
        response = admin_login(c)
        assert response.status_code == 200
        assert "secure" in response.headers["set-cookie"].lower()


def test_back_office_cookies_are_scoped_to_admin(client):
    response = admin_login(client)
    cookies = response.headers.get_list("set-cookie")
    assert cookies and all("Path=/admin" in c and "Path=/;" not in c for c in cookies)
    assert all("Path=/admin" in c for c in client.get("/admin/").headers.get_list("set-cookie"))


def test_too_many_login_attempts_are_refused_in_french(client):
    """Piccolo Admin's limit (20 in 5 minutes per address) answered « Too many requests »."""
    for _ in range(20):
        client.get("/admin/public/login/")  # every request to the login endpoint counts, cheaper than a wrong password
    refused = admin_login(client)
    assert refused.status_code == 429
    assert refused.text == "Trop de tentatives de connexion depuis cette adresse : réessayez dans quelques minutes."
    assert refused.headers["retry-after"] == "300" and "charset=utf-8" in refused.headers["content-type"]
