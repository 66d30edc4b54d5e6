"""Without SMTP, mails are files in var/outbox/: deleting an account deletes the mails to its address there
(sign-in links included), through the page and the API alike, and keeps everyone else's (SQLite and PostgreSQL)."""
from __future__ import annotations

import asyncio
import dataclasses
import email.policy
from email.parser import BytesParser

import pytest

from mps.domain.accounts.mail import outbox_dir, send_mail
from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings


class Outbox:
    """The test SMTP server's reading methods (Browser.sign_in uses them), over the outbox files."""

    def __init__(self, settings):
        self.folder = outbox_dir(settings)

    def for_address(self, address: str) -> list:
        mails = [BytesParser(policy=email.policy.default).parsebytes(p.read_bytes())
                 for p in sorted(self.folder.glob("*.eml"))]
        return [m for m in mails if address.lower() in str(m["To"]).lower()]

    def last_text(self, address: str) -> str:
        mails = self.for_address(address)
        assert mails, f"no mail for {address}"
        return mails[-1].get_body(preferencelist=("plain",)).get_content()


@pytest.fixture(scope="module")
def outbox_site(catalogue_db, tmp_path_factory):
    settings = site_settings(catalogue_db, tmp_path_factory.mktemp("outboxvar"), 0)
    settings = dataclasses.replace(settings, mail=dataclasses.replace(settings.mail, host=None))
    with make_site(settings) as client:
        client.smtp = Outbox(settings)
        yield client


def signed_in(site) -> tuple[Browser, str]:
    browser, address = Browser(site), new_email()
    assert browser.sign_in(address).status_code == 303
    settings = site.app.state.settings
    asyncio.run(send_mail(settings, f"Léa <{address.upper()}>", "Ta famille", "Bonjour"))  # any spelling of it
    assert len(site.smtp.for_address(address)) == 2
    return browser, address


def test_deleting_the_account_deletes_its_outbox_mails_and_keeps_the_others(outbox_site):
    page_user, page_address = signed_in(outbox_site)
    api_user, api_address = signed_in(outbox_site)
    other, other_address = signed_in(outbox_site)

    done = page_user.post_form("/mes-donnees/supprimer", {"confirm": "oui"})
    assert done.status_code == 200 and "supprimé" in done.text
    assert outbox_site.smtp.for_address(page_address) == []
    assert api_user.api("DELETE", "/api/v1/me", params={"confirm": "true"}).status_code == 204
    assert outbox_site.smtp.for_address(api_address) == []
    assert len(outbox_site.smtp.for_address(other_address)) == 2
    assert other.get("/api/v1/me").json()["signed_in"] is True
