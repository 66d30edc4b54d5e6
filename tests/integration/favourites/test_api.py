"""Favourites through the API: add, edit, remove (tombstone), revive, « pas intéressé », métiers."""
from __future__ import annotations

from sqlalchemy import select

from mps.db.models import FormationMark
from tests.integration.accounts.fixtures import Browser, db_url, new_email, run_db
from tests.integration.favourites.helpers import formation_with_places, other_formation_place


def _row(site, formation_id):
    async def work(db):
        return (await db.scalars(select(FormationMark).where(FormationMark.formation_id == formation_id)
                                 .order_by(FormationMark.id.desc()))).first()
    return run_db(db_url(site), work)


def test_add_edit_remove_and_revive_a_favourite(site):
    f, places = formation_with_places(site)
    browser = Browser(site)
    chosen = [places[0].cod_aff_form, places[1].cod_aff_form]
    put = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}",
                      json={"ambition": "realiste", "places": chosen, "note": "Portes ouvertes en février"})
    assert put.status_code == 200, put.text
    body = put.json()
    assert body["ambition"] == "realiste" and body["note"] == "Portes ouvertes en février"
    assert [p["cod_aff_form"] for p in body["places"]] == chosen
    assert all(p["position"] in ("reach", "target", "safe") and p["chosen"] for p in body["places"])
    version = body["version"]

    assert browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "Finalement oui"}).json() \
        ["ambition"] == "realiste"  # fields left out are unchanged
    doc = browser.get("/api/v1/favourites").json()
    assert [x["formation_id"] for x in doc["formations"]] == [f.id]
    assert doc["formations"][0]["version"] > version

    assert browser.api("DELETE", f"/api/v1/favourites/formations/{f.id}").status_code == 204
    assert browser.get("/api/v1/favourites").json()["formations"] == []
    tomb = _row(site, f.id)
    assert tomb.deleted is True and tomb.version > version + 1  # kept for offline devices

    revived = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={}).json()
    again = _row(site, f.id)
    assert again.id == tomb.id and again.deleted is False and again.version == tomb.version + 1
    assert revived["places"] and revived["places"][0]["cod_aff_form"] in chosen


def test_bad_input_is_refused_with_the_field_named(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    foreign = other_formation_place(site, f)
    wrong_place = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"places": [foreign.cod_aff_form]})
    assert wrong_place.status_code == 400 and "places" in wrong_place.json()["detail"]
    bad_ambition = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"ambition": "reve"})
    assert bad_ambition.status_code == 400 and "ambition" in bad_ambition.text
    unknown = browser.api("PUT", "/api/v1/favourites/formations/pas-une-formation", json={})
    assert unknown.status_code == 404
    too_long = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "x" * 2001})
    assert too_long.status_code == 400
    assert browser.get("/api/v1/favourites").json()["formations"] == []


def test_not_interested_and_restore(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    assert browser.api("PUT", f"/api/v1/favourites/not-interested/{f.id}").status_code == 204
    doc = browser.get("/api/v1/favourites").json()
    assert [x["formation_id"] for x in doc["not_interested"]] == [f.id] and doc["formations"] == []
    assert browser.api("DELETE", f"/api/v1/favourites/not-interested/{f.id}").status_code == 204
    assert browser.get("/api/v1/favourites").json()["not_interested"] == []


def test_metiers_are_kept_in_mind(site):
    browser = Browser(site)
    assert browser.api("PUT", "/api/v1/favourites/metiers/MET_1").status_code == 204
    assert browser.api("PUT", "/api/v1/favourites/metiers/MET_0000").status_code == 404
    metiers = browser.get("/api/v1/favourites").json()["metiers"]
    assert [m["metier_id"] for m in metiers] == ["MET_1"] and metiers[0]["label"]
    assert browser.api("DELETE", "/api/v1/favourites/metiers/MET_1").status_code == 204
    assert browser.get("/api/v1/favourites").json()["metiers"] == []


def test_anonymous_favourites_follow_into_the_account(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"ambition": "ambitieux"})
    browser.sign_in(new_email())
    doc = browser.get("/api/v1/favourites").json()
    assert [(x["formation_id"], x["ambition"]) for x in doc["formations"]] == [(f.id, "ambitieux")]
    # and another browser of the same account sees them too; a new anonymous browser does not
    assert Browser(site).get("/api/v1/favourites").json()["formations"] == []


def test_the_api_is_documented(site):
    paths = site.get("/schema/openapi.json").json()["paths"]
    assert "/api/v1/favourites" in paths and "/api/v1/favourites/formations/{formation_id}" in paths
