"""Passwordless sign-in: a link by e-mail, valid 15 minutes, once; roles; rate limits; safe redirects."""
from __future__ import annotations

import re
import time

import itsdangerous.timed
import pytest

from mps.domain.accounts.roles import normalise_email
from mps.domain.accounts.tokens import make_link_token
from tests.integration.accounts.fixtures import LINK, Browser, new_email


def _token_from_mail(site, email: str) -> str:
    return LINK.search(site.smtp.last_text(email)).group(1).split("t=", 1)[1]


def test_link_by_mail_signs_in_and_lands_on_the_account(site):
    browser, email = Browser(site), new_email()
    done = browser.sign_in(email)
    assert done.status_code == 303 and done.headers["location"] == "/compte"
    page = browser.get("/compte")
    assert page.status_code == 200 and email in page.text
    assert browser.get("/api/v1/me").json() == {"signed_in": True, "role": "lyceen", "email": email}
    mail = site.smtp.for_address(email)[-1]
    assert mail["Subject"] == "Ton lien de connexion à MonProjetSup"
    assert "15 minutes" in site.smtp.last_text(email)


def test_link_works_only_once(site):
    browser, email = Browser(site), new_email()
    browser.sign_in(email)
    token = _token_from_mail(site, email)
    other = Browser(site)
    again = other.post_form("/connexion/lien", {"t": token}, follow_redirects=False)
    assert again.status_code == 400 and "déjà servi" in again.text
    assert other.get("/api/v1/me").json() == {"signed_in": False, "role": None, "email": None}


def test_link_older_than_15_minutes_is_refused(site, monkeypatch):
    email = new_email()
    real = time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real() - 16 * 60)
    token = make_link_token(site.app.state.settings.secret_key, email)
    monkeypatch.setattr(itsdangerous.timed.time, "time", real)
    browser = Browser(site)
    assert "expiré" in browser.get(f"/connexion/lien?t={token}").text
    refused = browser.post_form("/connexion/lien", {"t": token}, follow_redirects=False)
    assert refused.status_code == 400 and "expiré" in refused.text
    assert browser.get("/api/v1/me").json()["signed_in"] is False


def test_tampered_or_foreign_link_is_refused(site):
    email = new_email()
    token = make_link_token("another-secret", email)
    browser = Browser(site)
    refused = browser.post_form("/connexion/lien", {"t": token}, follow_redirects=False)
    assert refused.status_code == 400 and "pas valide" in refused.text
    assert browser.get("/api/v1/me").json()["signed_in"] is False


def test_opening_the_link_does_not_spend_it(site):
    """Mail scanners open links: only the confirmation button signs in."""
    browser, email = Browser(site), new_email()
    browser.post_form("/connexion", {"email": email})
    token = _token_from_mail(site, email)
    scanner = Browser(site)
    assert scanner.get(f"/connexion/lien?t={token}").status_code == 200
    assert scanner.get("/api/v1/me").json()["signed_in"] is False
    assert browser.post_form("/connexion/lien", {"t": token}, follow_redirects=False).status_code == 303


def test_next_is_kept_but_never_leaves_the_site(site):
    browser = Browser(site)
    assert browser.sign_in(new_email(), next_url="/favoris").headers["location"] == "/favoris"
    evil = Browser(site)
    assert evil.sign_in(new_email(), next_url="//evil.example/x").headers["location"] == "/compte"


def test_same_answer_whether_or_not_the_account_exists(site):
    known = new_email()
    Browser(site).sign_in(known)
    first = Browser(site).post_form("/connexion", {"email": known})
    second = Browser(site).post_form("/connexion", {"email": new_email()})
    strip = lambda text: re.sub(r"[\w.]+@exemple\.fr|value=\"[^\"]*\"", "", text)  # noqa: E731
    assert first.status_code == second.status_code == 200
    assert strip(first.text) == strip(second.text)


def test_bad_address_is_named_and_no_mail_sent(site):
    sent_before = len(site.smtp.messages)
    page = Browser(site).post_form("/connexion", {"email": "pas-une-adresse"})
    assert page.status_code == 400 and "adresse e-mail valide" in page.text
    assert len(site.smtp.messages) == sent_before


@pytest.mark.parametrize("email", ["\uff41dmin@example.fr",  # fullwidth « ａ »
                                   "\u0430dmin@example.fr",  # Cyrillic « а »
                                   "admin@exampl\u212a.fr"])  # Kelvin sign, which lower() turns into « k »
def test_an_address_that_only_looks_like_ascii_is_refused_and_no_mail_sent(site, email):
    """Else it would be another account looking like the first one, and a mail relay without SMTPUTF8 refuses
    it (the outbox wrote a broken « To: =?utf-8?q?=EF=BD=81dmin?=@example.fr »)."""
    sent_before = len(site.smtp.messages)
    page = Browser(site).post_form("/connexion", {"email": email})
    assert page.status_code == 400 and "adresse e-mail valide" in page.text
    assert len(site.smtp.messages) == sent_before
    assert normalise_email(email) is None and normalise_email(" Admin@Example.fr ") == "admin@example.fr"


def test_teacher_space_needs_an_academic_address(site):
    refused = Browser(site).post_form("/connexion", {"email": new_email("prof"), "role": "enseignant"})
    assert refused.status_code == 400 and "adresse académique" in refused.text
    browser, email = Browser(site), new_email("prof", "ac-lille.fr")
    browser.sign_in(email, role="enseignant")
    assert browser.get("/api/v1/me").json()["role"] == "enseignant"


def test_admin_role_cannot_be_self_assigned(site):
    page = Browser(site).post_form("/connexion", {"email": new_email(), "role": "admin"})
    assert page.status_code == 400
    browser = Browser(site)
    browser.sign_in(new_email())
    assert browser.post_form("/compte/role", {"role": "admin"}).status_code == 400
    assert browser.get("/api/v1/me").json()["role"] == "lyceen"


def test_role_can_change_to_family(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    assert browser.post_form("/compte/role", {"role": "famille"}, follow_redirects=False).status_code == 303
    assert browser.get("/api/v1/me").json()["role"] == "famille"


def test_requests_per_address_are_limited(site):
    email, browser = new_email(), Browser(site)
    answers = [browser.post_form("/connexion", {"email": email}).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    assert len(site.smtp.for_address(email)) == 4
    assert Browser(site).post_form("/connexion", {"email": new_email()}).status_code == 200


@pytest.fixture
def tight_site(empty_db, smtp, tmp_path):
    from tests.integration.accounts.fixtures import make_site, site_settings

    settings = site_settings(empty_db, tmp_path, smtp.port, sign_in_per_ip=(3, 3600))
    with make_site(settings) as client:
        client.smtp = smtp
        yield client


def test_requests_per_ip_are_limited(tight_site):
    browser = Browser(tight_site)
    answers = [browser.post_form("/connexion", {"email": new_email()}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_pages_needing_an_account_send_to_sign_in(site):
    answer = Browser(site).get("/compte", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/connexion?next=%2Fcompte"


def test_header_offers_sign_in_then_the_account(site):
    browser = Browser(site)
    assert 'href="/connexion"' in browser.get("/").text
    browser.sign_in(new_email())
    home = browser.get("/").text
    assert 'href="/compte"' in home and "Mon compte" in home and ">Se connecter<" not in home


def test_the_link_page_is_kept_by_no_cache_and_named_to_no_site(site):
    """The confirmation page holds a live token (in its form, and in its address): no-store, no Referer at all."""
    email = new_email()
    Browser(site).post_form("/connexion", {"email": email})
    page = Browser(site).get(f"/connexion/lien?t={_token_from_mail(site, email)}")
    assert page.status_code == 200
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
