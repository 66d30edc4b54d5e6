"""« Déjà ajouté sur Parcoursup » belongs to each wish and sub-wish: the page's forms, the sync operations
(mark_place_added / unmark_place_added), the count, the CSV and the read-only share, on both databases."""
from __future__ import annotations

import csv
import html
import io
import re

from tests.integration.plan.test_plan_api import with_plan
from tests.integration.sync.test_sync_api import T0, op, same_person, sync


def _wishes_of(plan, fid):
    return [w for w in plan["wishes"] if fid in w["formation_ids"]]


def _count_text(page_text: str) -> str:
    li = re.search(r'<li data-count="on-parcoursup">(.*?)</li>', page_text, re.S).group(1)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", li)).split())


def test_one_simple_wish_of_a_favourite_is_marked_not_its_twin(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)  # the licence at 2 universities: 2 simple wishes
    first, second = lp[0].cod_aff_form, lp[1].cod_aff_form
    r = browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": str(first), "ajoute": str(first), "note": ""},
                          follow_redirects=False)
    assert r.status_code == 303 and f"l={first}" in r.headers["location"]
    # « C'est enregistré » under the wish whose form was sent, not under its twin
    saved = html.unescape(browser.get(r.headers["location"].split("#")[0]).text)
    assert saved.count("C'est enregistré.") == 1
    plan = browser.get("/api/v1/plan").json()
    marked = {w["places"][0]["cod_aff_form"]: w["on_parcoursup"] for w in _wishes_of(plan, lic.id)}
    assert marked == {first: True, second: False}
    assert plan["counts"]["on_parcoursup"] == 1 and plan["counts"]["wishes"] == 3
    assert _count_text(browser.get("/mes-voeux").text) == "1 / 3 vœux déjà ajoutés sur Parcoursup"
    # The other wish's form leaves the first one alone.
    browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": str(second), "note": ""}, follow_redirects=False)
    plan = browser.get("/api/v1/plan").json()
    assert {w["places"][0]["cod_aff_form"]: w["on_parcoursup"] for w in _wishes_of(plan, lic.id)} == \
        {first: True, second: False}


def test_sub_wishes_of_a_multiple_wish_each_have_their_mark(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    codes = [p.cod_aff_form for p in bp]
    browser.post_form(f"/mes-voeux/{bts.id}", {"lieu": [str(c) for c in codes], "ajoute": [str(codes[0]), str(codes[2])]},
                      follow_redirects=False)
    [wish] = _wishes_of(browser.get("/api/v1/plan").json(), bts.id)
    assert [p["on_parcoursup"] for p in wish["places"]] == [True, False, True]
    assert not wish["on_parcoursup"] and wish["places_on_parcoursup"] == 2  # not all of it yet
    page = html.unescape(browser.get("/mes-voeux").text)
    assert "2 sur 3 sous-vœux déjà sur Parcoursup" in page
    assert _count_text(browser.get("/mes-voeux").text) == "0 / 3 vœux déjà ajoutés sur Parcoursup"
    browser.post_form(f"/mes-voeux/{bts.id}", {"lieu": str(codes[1]), "ajoute": str(codes[1])}, follow_redirects=False)
    [wish] = _wishes_of(browser.get("/api/v1/plan").json(), bts.id)
    assert wish["on_parcoursup"] and wish["places_on_parcoursup"] == 3
    rows = list(csv.reader(io.StringIO(browser.get("/api/v1/plan.csv").content.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Déjà ajouté sur Parcoursup")
    by_place = {r[5]: r[column] for r in rows[1:]}
    assert all(by_place[p.etablissement] == "oui" for p in bp)
    assert [r[column] for r in rows[1:] if r[5] in {p.etablissement for p in lp}] == ["non", "non"]


def test_a_bad_place_code_is_a_400_naming_the_field(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    r = browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": "abc", "ajoute": "abc"})
    assert r.status_code == 400 and "lieu" in html.unescape(r.text)


def test_sync_marks_each_place_idempotent_last_writer_wins(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    first, second = lp[0].cod_aff_form, lp[1].cod_aff_form
    mark = op("mark_place_added", lic.id, first, ts=T0 + 10)
    out = sync(browser, [mark, op("mark_place_added", lic.id, second, ts=T0 + 10),
                         op("unmark_place_added", lic.id, second, ts=T0 + 20),
                         op("mark_place_added", lic.id, second, ts=T0 + 15),  # older than the unmark: loses
                         op("mark_place_added", lic.id, 999999999, ts=T0),  # not a place of this formation
                         op("mark_place_added", lic.id, "x", ts=T0)])
    assert [r["status"] for r in out["results"]] == ["applied"] * 4 + ["rejected"] * 2
    [m] = [m for m in out["marks"] if m["formation_id"] == lic.id]
    assert m["added_places"] == [first]
    again = sync(browser, [mark], since=out["cursor"])  # a replay is a no-op
    assert again["results"][0]["status"] == "duplicate"
    assert not [m for m in again["marks"] if m["formation_id"] == lic.id]
    plan = browser.get("/api/v1/plan").json()
    assert {w["places"][0]["cod_aff_form"]: w["on_parcoursup"] for w in _wishes_of(plan, lic.id)} == \
        {first: True, second: False}
    # Another device of the same student learns it; a website edit reaches the devices too.
    other = same_person(site, browser)
    assert next(m for m in sync(other)["marks"] if m["formation_id"] == lic.id)["added_places"] == [first]
    browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": [str(first), str(second)], "ajoute": str(second)},
                      follow_redirects=False)
    later = sync(browser, since=again["cursor"])
    assert next(m for m in later["marks"] if m["formation_id"] == lic.id)["added_places"] == [second]
    # An unmark of a place no longer chosen is still accepted (never a reason to refuse a device's queue).
    assert sync(browser, [op("unmark_place_added", lic.id, 999999999, ts=T0)])["results"][0]["status"] == "applied"


def test_a_multiple_wish_with_no_place_chosen_says_its_sub_wishes_are_to_choose(site):
    """« Vœu multiple · 0 sous-vœu » read as a count of nothing (seen on the phone walk): it says what to do."""
    browser, (bts, bp), _ = with_plan(site)
    assert browser.api("PUT", f"/api/v1/favourites/formations/{bts.id}", json={"places": []}).status_code == 200
    page = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", browser.get("/mes-voeux").text)).split())
    assert "Vœu multiple · sous-vœux à choisir" in page
    assert "· 0 sous-vœu" not in page
