"""`mps admin create`: flags for scripts, questions (password hidden) for people."""
from __future__ import annotations

import io

import pytest
from litestar.testing import TestClient

from mps import cli
from mps.asgi import create_app
from tests.integration.admin.backoffice import admin_login, app_settings

pytestmark = pytest.mark.filterwarnings("ignore:If running sessions in production")
GOOD = "correct horse battery staple"


@pytest.fixture
def env(empty_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", empty_db)
    monkeypatch.setenv("MPS_VAR_DIR", str(tmp_path))
    return empty_db, tmp_path


def can_log_in(env, username: str, password: str) -> bool:
    url, tmp = env
    with TestClient(app=create_app(app_settings(url, tmp)), base_url="https://127.0.0.1:8000") as c:
        return admin_login(c, username, password).status_code == 200


def test_create_with_flags_then_log_in(env, capsys):
    assert cli.main(["admin", "create", "--email", "lea@example.fr", "--password", GOOD]) == 0
    assert "« lea » créé" in capsys.readouterr().out  # username defaults to the start of the e-mail
    assert can_log_in(env, "lea", GOOD)


def test_running_again_resets_the_password(env):
    cli.main(["admin", "create", "--email", "lea@example.fr", "--username", "lea", "--password", GOOD])
    assert cli.main(["admin", "create", "--email", "lea@example.fr", "--username", "lea",
                     "--password", "un tout autre mot de passe"]) == 0
    assert not can_log_in(env, "lea", GOOD)
    assert can_log_in(env, "lea", "un tout autre mot de passe")


def test_short_password_is_refused_and_nothing_created(env, capsys):
    assert cli.main(["admin", "create", "--email", "lea@example.fr", "--password", "court"]) == 2
    assert "Mot de passe refusé" in capsys.readouterr().err
    assert not can_log_in(env, "lea", "court")


def test_missing_flags_are_asked_with_a_hidden_password(env, monkeypatch):
    asked = []
    monkeypatch.setattr("sys.stdin", io.StringIO("sam@example.fr\n\n"))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or GOOD)
    assert cli.main(["admin", "create"]) == 0
    assert len(asked) == 2  # password and its confirmation, through getpass (no echo)
    assert can_log_in(env, "sam", GOOD)


def test_no_terminal_and_no_password_flag_fails_clearly(env, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["admin", "create", "--email", "lea@example.fr"]) == 2
    assert "--password" in capsys.readouterr().err
