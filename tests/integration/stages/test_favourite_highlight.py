"""What the board knows of the student shapes the list (SQLite and PostgreSQL): with no place typed, it searches
around the place last searched, else around the student's school; offers in sectors linked to the student's
favourite domains or métiers are highlighted on the list, the map and the offer's page (the profile's domains and
a favourite métier both lead, through ONISEP's sous-domaines and data/stages/secteurs-domaines.json, to sectors)."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import delete, select

from mps.db.models import Metier, StageOrganisation
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.helpers import employer_org, published, run

AURILLAC = (44.9264, 2.4397)  # far from the other tests' offers: only this file's two are within 5 km
HEALTH, CAR_REPAIR = "s43", "s8"  # Santé (dom27) and Automobile (dom34) in secteurs-domaines.json


@pytest.fixture
def offers(site, board, geocoder):
    async def work(db):
        _, org = await employer_org(db, verified=True, siret="35600000049837", name="Centre hospitalier")
        near = dict(lat=AURILLAC[0], lon=AURILLAC[1], commune="Aurillac")
        care = await published(db, board, geocoder, org, title="Soins au centre hospitalier", secteur=HEALTH, **near)
        garage = await published(db, board, geocoder, org, title="Atelier de carrosserie", secteur=CAR_REPAIR,
                                 **{**near, "lon": AURILLAC[1] + 0.01})
        return org.id, care.id, garage.id
    org_id, care, garage = run(db_url(site), work)
    yield care, garage

    async def clean(db):
        await db.execute(delete(StageOrganisation).where(StageOrganisation.id == org_id))
    run(db_url(site), clean)


def highlighted(browser: Browser, ids: tuple[int, ...]) -> dict:
    """offer id -> (card highlighted with its badge, map point highlighted, offer page badge)."""
    listing = browser.get("/stages", params={"autour": "Aurillac", "rayon": "5"}).text
    mapped = browser.get("/stages", params={"autour": "Aurillac", "rayon": "5", "vue": "carte"}).text
    out = {}
    for offer_id in ids:
        card = re.search(rf'<li class="([^"]*)" id="offre-{offer_id}">(.*?)</li>\s*</ul>', listing, re.S)
        # (the drawn point, after the larger invisible disc that takes a finger's tap: class mps-map-hit)
        point = re.search(rf'<a href="/stages/offres/{offer_id}">\s*(?:<circle [^>]*class="mps-map-hit"/>\s*)?'
                          rf'<circle [^>]*class="([^"]*)"', mapped)
        assert card and point, f"offer {offer_id} not on the list or the map"
        page = browser.get(f"/stages/offres/{offer_id}").text
        out[offer_id] = ("mps-stage--highlighted" in card.group(1) and "Proche de tes favoris" in card.group(2),
                         "mps-map-point--fav" in point.group(1), "Proche de tes favoris" in page)
    return out


def test_favourite_domains_and_metiers_highlight_their_sectors(site, offers):
    care, garage = offers
    nobody = Browser(site)
    nobody.sign_in(new_email())
    assert highlighted(nobody, offers) == {care: (False,) * 3, garage: (False,) * 3}

    by_domain = Browser(site)
    by_domain.sign_in(new_email())
    assert by_domain.api("PUT", "/api/v1/profile", json={"domaines": ["dom27"]}).status_code < 300  # Santé
    assert highlighted(by_domain, offers) == {care: (True,) * 3, garage: (False,) * 3}

    async def nurse(db):
        return (await db.execute(select(Metier.id).where(Metier.label == "infirmier / infirmière"))).scalar_one()
    by_metier = Browser(site)
    by_metier.sign_in(new_email())
    metier_id = run(db_url(site), nurse)
    assert by_metier.api("PUT", f"/api/v1/favourites/metiers/{metier_id}").status_code == 204
    assert highlighted(by_metier, offers) == {care: (True,) * 3, garage: (False,) * 3}
    # Taken off the favourites, the métier no longer highlights anything.
    by_metier.api("DELETE", f"/api/v1/favourites/metiers/{metier_id}")
    assert highlighted(by_metier, offers) == {care: (False,) * 3, garage: (False,) * 3}


def listed(browser: Browser, **params) -> list[int]:
    return [int(i) for i in re.findall(r'id="offre-(\d+)"', browser.get("/stages", params=params).text)]


def test_without_a_place_typed_the_board_searches_around_the_last_place_else_the_school(site, offers):
    care, garage = offers
    student = Browser(site)
    student.sign_in(new_email())
    assert listed(student) == []  # nothing known yet: the form only
    chosen = student.post_form("/stages/etablissement", {"etablissement": "0150646W", "niveau": "seconde"},
                               follow_redirects=False)  # Lycée Émile Duclaux, Aurillac
    assert chosen.status_code == 303
    page = student.get("/stages", params={"rayon": "5"}).text
    assert "Émile Duclaux" in page and listed(student, rayon="5") == [care, garage]  # nearest first
    # A place typed wins, and is remembered (other tests leave offers around Lille: only ours are looked for).
    assert {care, garage}.isdisjoint(listed(student, autour="Lille", rayon="5"))
    assert {care, garage}.isdisjoint(listed(student, rayon="5"))
    assert listed(student, autour="15000", rayon="5") == [care, garage]
    assert listed(student) == [care, garage]  # the radius is remembered with the place
