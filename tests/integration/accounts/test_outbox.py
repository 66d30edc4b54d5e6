"""Without SMTP, mails go to var/outbox and are listed at /dev/outbox — in development only."""
from __future__ import annotations

import dataclasses

from mps.settings import MailSettings
from tests.conftest import settings_for
from tests.integration.accounts.fixtures import Browser, make_site, new_email

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
        page = Browser(client).get("/dev/outbox")
        assert page.status_code == 200 and email in page.text and "/connexion/lien?t=" in page.text


def test_outbox_is_not_shown_in_production(empty_db, tmp_path):
    with _site(empty_db, tmp_path, "production") as client:
        email = new_email()
        sent = Browser(client).post_form("/connexion", {"email": email})
        assert sent.status_code == 200 and "/dev/outbox" not in sent.text
        assert list((tmp_path / "outbox").glob("*.eml"))  # kept on disk for the operator
        page = Browser(client).get("/dev/outbox")
        assert page.status_code == 404 and email not in page.text
