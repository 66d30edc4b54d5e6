"""The /favoris pages work without JavaScript: add, edit, choose places, remove, restore."""
from __future__ import annotations

from tests.integration.accounts.fixtures import Browser
from tests.integration.favourites.helpers import formation_with_places


def test_add_from_a_form_then_edit_on_the_page(site):
    f, places = formation_with_places(site)
    browser = Browser(site)
    added = browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": f"/formations/{f.id}"},
                              follow_redirects=False)
    assert added.status_code == 303 and added.headers["location"] == f"/formations/{f.id}"
    page = browser.get("/favoris").text
    assert f.label in page and "Équilibre des choix" in page

    saved = browser.post_form(f"/favoris/{f.id}", {"ambition": "plan_b", "note": "Près de chez moi"},
                              follow_redirects=False)
    assert saved.status_code == 303
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert (fav["ambition"], fav["note"]) == ("plan_b", "Près de chez moi")

    choose = browser.get(f"/favoris/{f.id}/lieux")
    assert choose.status_code == 200 and places[0].etablissement in choose.text
    browser.post_form(f"/favoris/{f.id}/lieux", {"places": [str(places[0].cod_aff_form), "999999999"]})
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert [p["cod_aff_form"] for p in fav["places"]] == [places[0].cod_aff_form]
    assert places[0].etablissement in browser.get("/favoris").text

    browser.post_form(f"/favoris/{f.id}/retirer")
    assert browser.get("/api/v1/favourites").json()["formations"] == []


def test_set_aside_and_restore_on_the_page(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    browser.post_form("/favoris/pas-interesse", {"formation_id": f.id})
    page = browser.get("/favoris").text
    assert "Pas intéressé (1)" in page and f.label in page
    browser.post_form(f"/favoris/pas-interesse/{f.id}/retablir")
    assert "Pas intéressé (0)" in browser.get("/favoris").text


def test_editing_someone_else_s_favourite_is_impossible(site):
    f, _ = formation_with_places(site)
    owner, intruder = Browser(site), Browser(site)
    owner.post_form("/favoris/ajouter", {"formation_id": f.id})
    assert intruder.post_form(f"/favoris/{f.id}", {"note": "x"}).status_code == 404
    assert intruder.get(f"/favoris/{f.id}/lieux").status_code == 404
    assert owner.get("/api/v1/favourites").json()["formations"][0]["note"] == ""


def test_empty_list_invites_without_judging(site):
    page = Browser(site).get("/favoris")
    assert page.status_code == 200 and "Pas encore de favori" in page.text
