"""Without SMTP, mails go to var/outbox and are listed at /dev/outbox — in development only."""
from __future__ import annotations

import dataclasses

from mps.settings import DatabaseSettings, MailSettings, load_settings
from tests.conftest import settings_for
from tests.integration.accounts.fixtures import Browser, make_site, new_email
from tests.peer import peer

NO_SMTP = MailSettings(host=None, port=25, username=None, password=None, use_tls=False, sender="mps <a@b.fr>")


def _site(url, tmp_path, environment):
    settings = dataclasses.replace(settings_for(url, tmp_path), mail=NO_SMTP, environment=environment, redis_url=None)
    return make_site(settings)


def test_dev_outbox_lists_the_sign_in_mail(empty_db, tmp_path):
    with _site(empty_db, tmp_path, "development") as client:
        email = new_email()
        sent = Browser(client).post_form("/connexion", {"email": email})
        assert "boîte d'envoi locale" in sent.text
        files = list((tmp_path / "outbox").glob("*.eml"))
        assert len(files) == 1 and email in files[0].read_text()
        with peer(client, "127.0.0.1"):
            page = Browser(client).get("/dev/outbox")
        assert page.status_code == 200 and email in page.text and "/connexion/lien?t=" in page.text
        with peer(client, "192.0.2.7"):  # another machine, even in development: nothing
            page = Browser(client).get("/dev/outbox")
        assert page.status_code == 404 and email not in page.text


def test_outbox_is_off_when_mps_env_is_unset(empty_db, tmp_path, monkeypatch):
    monkeypatch.delenv("MPS_ENV", raising=False)
    settings = dataclasses.replace(load_settings(), database=DatabaseSettings(url=empty_db), mail=NO_SMTP,
                                   redis_url=None)
    settings = dataclasses.replace(settings, paths=dataclasses.replace(settings.paths, var_dir=tmp_path))
    with make_site(settings) as client:
        email = new_email()
        assert "/dev/outbox" not in Browser(client).post_form("/connexion", {"email": email}).text
        with peer(client, "127.0.0.1"):
            page = Browser(client).get("/dev/outbox")
        assert page.status_code == 404 and email not in page.text


def test_outbox_is_not_shown_in_production(empty_db, tmp_path):
    with _site(empty_db, tmp_path, "production") as client:
        email = new_email()
        sent = Browser(client).post_form("/connexion", {"email": email})
        assert sent.status_code == 200 and "/dev/outbox" not in sent.text
        assert list((tmp_path / "outbox").glob("*.eml"))  # kept on disk for the operator
        with peer(client, "127.0.0.1"):
            page = Browser(client).get("/dev/outbox")
        assert page.status_code == 404 and email not in page.text
