"""The sign-in page ticks the role the page that sent someone there is for."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import Browser


def _ticked(page: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r'<input[^>]*name="role"[^>]*value="(\w+)"[^>]*checked', page)]


def test_an_employer_sent_to_sign_in_finds_employer_ticked(site):
    """An employer opening « Publier une offre » found « Lycéen ou lycéenne » ticked and signed in as one."""
    browser = Browser(site)
    sent = browser.get("/stages/employeur", follow_redirects=False)
    assert sent.status_code in (302, 303) and "next=%2Fstages%2Femployeur" in sent.headers["location"]
    assert _ticked(browser.get(sent.headers["location"]).text) == ["employeur"]
    assert _ticked(browser.get("/connexion?next=/classes").text) == ["enseignant"]
    assert _ticked(browser.get("/connexion?next=/favoris").text) == ["lyceen"]
    assert _ticked(browser.get("/connexion").text) == ["lyceen"]
