"""The /favoris pages work without JavaScript: add, edit, choose places, remove, restore."""
from __future__ import annotations

import html
import re
from pathlib import Path

from tests.integration.accounts.fixtures import Browser
from tests.integration.favourites.helpers import formation_with_places, other_formation_place

ROOT = Path(__file__).resolve().parents[3]


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
    browser.post_form(f"/favoris/{f.id}/lieux", {"places": [str(places[0].cod_aff_form)]})
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert [p["cod_aff_form"] for p in fav["places"]] == [places[0].cod_aff_form]
    assert places[0].etablissement in browser.get("/favoris").text

    browser.post_form(f"/favoris/{f.id}/retirer")
    assert browser.get("/api/v1/favourites").json()["formations"] == []


def test_the_way_back_after_a_mark_never_leads_to_another_site(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    for target in ("/\\evil.example/", "/\t/evil.example/", "//evil.example/", "https://evil.example/"):
        r = browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": target}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/favoris", target


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


def _formations(site, n: int):
    from tests.integration.favourites.helpers import catalogue
    return [f for f in catalogue(site).formations.values() if f.places][:n]


def _order(browser) -> list[str]:
    return [f["formation_id"] for f in browser.get("/api/v1/favourites").json()["formations"]]


def test_a_note_over_2000_characters_is_refused_whole_never_cut(site):
    f, _ = formation_with_places(site)
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": f.id})
    browser.post_form(f"/favoris/{f.id}", {"note": "Avant"})
    long_note = "Portes ouvertes. " * 130  # 2,210 characters
    r = browser.post_form(f"/favoris/{f.id}", {"ambition": "ambitieux", "note": long_note}, follow_redirects=False)
    assert r.status_code == 400
    assert "<title>Erreur – " in r.text and "Ta note fait 2\u202f210 caractères : 2\u202f000 au plus" in r.text
    assert long_note.strip() in r.text  # what was typed comes back whole
    assert 'maxlength' not in r.text.split(f'id="note-{f.id}"', 1)[1].split(">", 1)[0]  # the browser cuts nothing
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert (fav["note"], fav["ambition"]) == ("Avant", None)  # nothing saved, nothing cut
    ok = browser.post_form(f"/favoris/{f.id}", {"note": "x" * 2000}, follow_redirects=False)
    assert ok.status_code == 303 and len(browser.get("/api/v1/favourites").json()["formations"][0]["note"]) == 2000
    page = browser.get("/favoris").text
    assert "2\u202f000 caractères au plus" in page and 'data-mps-counter="2000"' in page


def test_the_order_stays_as_the_student_sets_it(site):
    """Seen: the list reordered after every save (it was sorted by last edit)."""
    browser = Browser(site)
    fs = _formations(site, 3)
    for f in fs:
        browser.post_form("/favoris/ajouter", {"formation_id": f.id})
    ids = [f.id for f in fs]
    assert _order(browser) == ids
    browser.post_form(f"/favoris/{ids[0]}", {"note": "édité en dernier", "ambition": "realiste"})
    assert _order(browser) == ids  # an edit does not move it
    browser.post_form(f"/favoris/{ids[2]}/deplacer", {"sens": "haut"})
    assert _order(browser) == [ids[0], ids[2], ids[1]]
    browser.post_form(f"/favoris/{ids[0]}/deplacer", {"sens": "bas"})
    assert _order(browser) == [ids[2], ids[0], ids[1]]
    browser.post_form(f"/favoris/{ids[2]}/deplacer", {"sens": "haut"})  # already first: nothing moves
    assert _order(browser) == [ids[2], ids[0], ids[1]]
    page = browser.get("/favoris").text
    assert page.index(f'id="f-{ids[2]}"') < page.index(f'id="f-{ids[0]}"') < page.index(f'id="f-{ids[1]}"')


def test_retirer_can_be_undone_with_everything_back_in_place(site):
    browser = Browser(site)
    fs = _formations(site, 3)
    for f in fs:
        browser.post_form("/favoris/ajouter", {"formation_id": f.id})
    middle = fs[1].id
    browser.post_form(f"/favoris/{middle}", {"ambition": "plan_b", "note": "À garder"})
    r = browser.post_form(f"/favoris/{middle}/retirer", follow_redirects=False)
    page = html.unescape(browser.get(r.headers["location"]).text)
    assert f"« {fs[1].label} » n'est plus dans tes favoris." in page and f'action="/favoris/{middle}/remettre"' in page
    assert _order(browser) == [fs[0].id, fs[2].id]
    browser.post_form(f"/favoris/{middle}/remettre")
    assert _order(browser) == [f.id for f in fs]  # back where it was
    fav = browser.get("/api/v1/favourites").json()["formations"][1]
    assert (fav["ambition"], fav["note"]) == ("plan_b", "À garder")
    assert Browser(site).post_form(f"/favoris/{middle}/remettre").status_code == 404  # someone else: nothing


def test_more_than_20_places_are_refused_at_the_field_with_every_tick_kept(site):
    """Same rule as the API (FavouriteIn.places): never silently keep the first 20."""
    f, places = formation_with_places(site, minimum=21)
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": "/favoris"})
    codes = [str(p.cod_aff_form) for p in places[:21]]
    r = browser.post_form(f"/favoris/{f.id}/lieux", {"places": codes})
    assert r.status_code == 400 and "<title>Erreur – " in r.text
    assert f'<a href="#p-{codes[0]}">Lieux de formation</a>' in r.text
    assert 'aria-labelledby="lieux-legend places-messages"' in r.text
    assert all(f'value="{c}" checked' in r.text for c in codes)
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert fav["places"] == [] or all(not p["chosen"] for p in fav["places"])
    assert browser.post_form(f"/favoris/{f.id}/lieux", {"places": codes[:20]}, follow_redirects=False).status_code == 303


def test_the_computed_chances_are_named_and_explained_apart_from_the_student_s_choice(site):
    f, places = formation_with_places(site)
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": "/favoris"})
    browser.post_form(f"/favoris/{f.id}", {"ambition": "plan_b", "note": ""})
    page = html.unescape(browser.get("/favoris").text)
    assert "Que veulent dire ces couleurs ?" in page and "estimation des chances" in page
    assert '<span class="fr-sr-only">Estimation des chances : </span>' in page  # each place's badge says what it is
    assert "ton avis sur ce choix (« Pour moi, ce choix est… »)" in page


def test_the_search_explains_the_access_rate_colours(site):
    page = html.unescape(Browser(site).get("/recherche?q=bts+compta").text)
    assert "Que veut dire « accès … % » ?" in page and "part des candidats qui ont reçu une proposition" in page


def test_the_offline_search_explains_the_access_rate_colours_as_the_online_one(site):
    """The offline shell draws the same « accès % » badges (js/lib/offline/search-page.js): the same legend
    sits in its search template, and it names every colour the script can give a badge."""
    legend = re.compile(r'<details class="[^"]*mps-legend">.*?</details>', re.S)
    online = legend.search(Browser(site).get("/recherche?q=bts+compta").text).group(0)
    shell = Browser(site).get("/hors-ligne/app").text
    search_tpl = re.search(r'<template id="tpl-search">(.*?)</template>', shell, re.S).group(1)
    assert legend.search(search_tpl).group(0) == online
    script = (ROOT / "frontend/static/js/lib/offline/search-page.js").read_text()
    colours = set(re.findall(r"fr-badge--(?:success|info|warning|error|new|purple-glycine)", script))
    assert colours and all(c in online for c in colours)


def test_a_place_of_another_formation_is_refused_by_the_page_and_the_api_alike(site):
    """One rule (favourites.service.check_places): never silently drop a code the API refuses."""
    f, places = formation_with_places(site)
    foreign = other_formation_place(site, f).cod_aff_form
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": "/favoris"})
    keep = places[0].cod_aff_form
    assert browser.post_form(f"/favoris/{f.id}/lieux", {"places": [str(keep)]},
                             follow_redirects=False).status_code == 303

    r = browser.post_form(f"/favoris/{f.id}/lieux", {"places": [str(keep), str(foreign)]})
    assert r.status_code == 400 and "<title>Erreur – " in r.text
    assert f"{foreign} n'est pas un lieu de cette formation" in html.unescape(r.text)
    assert f'<a href="#p-{keep}">Lieux de formation</a>' in r.text
    for bad in (["abc"], ["0"]):  # not a place code at all: refused too, never a 500
        assert browser.post_form(f"/favoris/{f.id}/lieux", {"places": bad}).status_code == 400
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert [p["cod_aff_form"] for p in fav["places"] if p["chosen"]] == [keep]  # nothing lost

    api = browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"places": [keep, foreign]})
    assert api.status_code == 400 and "n'est pas un lieu de cette formation" in api.text
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert [p["cod_aff_form"] for p in fav["places"] if p["chosen"]] == [keep]


def test_a_stand_in_place_is_called_nearest_only_when_there_is_a_home_town(site):
    """With no town in the profile, the place judging a favourite is a typical one (median taux d'accès): it was
    labelled « lieu le plus proche » though it could be anywhere (Toulouse for a student from Lille)."""
    f, _ = formation_with_places(site)
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": f.id, "next": "/favoris"})
    page = html.unescape(browser.get("/favoris").text)
    assert "(un exemple de lieu, aucun lieu choisi)" in page and "lieu le plus proche" not in page
    profile = {"villes": [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}]}
    assert browser.api("PUT", "/api/v1/profile", json=profile).status_code == 200
    page = html.unescape(browser.get("/favoris").text)
    assert "(lieu le plus proche, aucun lieu choisi)" in page
