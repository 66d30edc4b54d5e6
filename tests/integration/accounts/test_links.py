"""Absolute links (sign-in mail, family link and invitation, class join link) follow the address the app
is served on when BASE_URL is unset, and BASE_URL when it is set (mps/web/links.py)."""
from __future__ import annotations

import dataclasses
import re

import pytest

from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.integration.classes.helpers import some_lycee
from mps.domain.classes.service import current_school_year

SERVED = "http://127.0.0.1:9310"
HOST = {"host": "127.0.0.1:9310"}  # the visitor uses the server on port 9310, not 8000


@pytest.fixture(scope="module", params=["unset", "set", "production"])
def linked_site(request, catalogue_db, smtp, tmp_path_factory):
    base = site_settings(catalogue_db, tmp_path_factory.mktemp("links"), smtp.port)
    settings = dataclasses.replace(
        base, base_url="https://monprojetsup.example" if request.param == "set" else None,
        environment="production" if request.param == "production" else "development", served_url=SERVED)
    with make_site(settings) as client:
        client.smtp = smtp
        client.mode = request.param
        yield client


def _sign_in(browser: Browser, email: str, role: str = "lyceen", headers=HOST) -> str:
    sent = browser.request("POST", "/connexion", headers=headers,
                           data={"email": email, "role": role, "next": "/compte", "_csrf_token": browser.csrf()})
    assert sent.status_code == 200, sent.text
    link = re.search(r"(https?://\S+/connexion/lien\?t=\S+)", browser.client.smtp.last_text(email)).group(1)
    token = link.split("t=", 1)[1]
    browser.get(f"/connexion/lien?t={token}")
    browser.post_form("/connexion/lien", {"t": token}, headers=headers)
    return link


def test_links_follow_the_served_address_or_base_url(linked_site):
    expected = {"unset": SERVED, "set": "https://monprojetsup.example", "production": SERVED}[linked_site.mode]
    student = Browser(linked_site)
    assert _sign_in(student, new_email()).startswith(f"{expected}/connexion/lien?t=")

    family = student.request("POST", "/api/v1/me/family-links", headers={**HOST, "x-csrftoken": student.csrf()},
                             json={"label": "Maman", "days": 30, "email": "parent@exemple.fr"})
    assert family.json()["url"].startswith(f"{expected}/partage/")
    assert f"{expected}/partage/" in linked_site.smtp.last_text("parent@exemple.fr")
    assert f'{expected}/partage/' in student.request("GET", "/famille", headers=HOST).text

    prof = Browser(linked_site)
    _sign_in(prof, new_email("prof", "ac-lille.fr"), role="enseignant")
    made = prof.request("POST", "/classes", headers=HOST, follow_redirects=False, data={
        "lycee": some_lycee(linked_site).uai, "label": "Terminale 2", "school_year": current_school_year(),
        "_csrf_token": prof.csrf()})
    board = prof.request("GET", made.headers["location"], headers=HOST).text
    assert f"{expected}/ma-classe/rejoindre?code=" in board


@pytest.mark.parametrize("linked_site", ["production"], indirect=True)
def test_a_forged_host_never_reaches_a_sign_in_mail_in_production(linked_site):
    email = new_email()
    link = _sign_in(Browser(linked_site), email, headers={"host": "attaquant.example"})
    assert link.startswith(f"{SERVED}/connexion/lien?t=") and "attaquant" not in link
