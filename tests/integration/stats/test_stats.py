"""The public statistics count what happens, aggregated, and never show a person."""
from __future__ import annotations

import pytest

from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.integration.classes.helpers import create_class, join, set_profile, student, teacher
from tests.integration.favourites.helpers import formation_with_places


@pytest.fixture
def fresh_site(catalogue_db, smtp, tmp_path):
    """Stats count the whole database: a site whose figures are not cached between calls."""
    settings = site_settings(catalogue_db, tmp_path, smtp.port, stats_cache_s=0)
    with make_site(settings) as client:
        client.smtp = smtp
        yield client


def test_figures_follow_what_people_do(fresh_site):
    site = fresh_site
    before = site.get("/api/v1/stats").json()
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    join(pupil, klass["join_code"])
    set_profile(site, email, {"classe": "terminale", "bac": "STMG", "specialites": ["x"], "interets": ["ci1"],
                              "metiers": ["MET_1"], "duree": "courte", "alternance": "interesse",
                              "villes": [{"nom": "Lille", "lat": 50.6, "lon": 3.0}]})
    f, _ = formation_with_places(site)
    pupil.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={})
    pupil.api("POST", "/api/v1/me/family-links", json={})
    after = site.get("/api/v1/stats").json()
    grew = {k: after[k] - before[k] for k in after}
    assert grew["accounts"] == 2 and grew["students"] == 1 and grew["teachers"] == 1
    assert grew["profiles_completed"] == 1 and grew["favourites"] == 1 and grew["people_with_favourites"] == 1
    assert grew["classes"] == 1 and grew["students_in_classes"] == 1 and grew["family_links"] == 1
    page = Browser(site).get("/statistiques")
    assert page.status_code == 200 and "Statistiques" in page.text
    assert email not in page.text and klass["label"] not in page.text


def test_the_page_is_public_and_cached(site):
    first = Browser(site).get("/api/v1/stats").json()
    Browser(site).sign_in(new_email())  # a new account, inside the 5-minute cache window
    assert Browser(site).get("/api/v1/stats").json() == first
