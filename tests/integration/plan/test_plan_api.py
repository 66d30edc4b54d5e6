"""GET /api/v1/plan, /api/v1/plan.csv and the /mes-voeux page, on SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import html
import io

from tests.integration.accounts.fixtures import Browser


def _cat(site):
    return site.app.state.catalogue.current


def bts_places(site, n=3):
    for f in _cat(site).formations.values():
        school = [p for p in f.places if not p.apprenticeship]
        if f.family == "BTS" and len(school) >= n:
            return f, school[:n]
    raise AssertionError("no BTS")


def licence_places(site, n=2):
    for f in _cat(site).formations.values():
        if f.family == "Licence" and len(f.places) >= n and not any(p.row.get("concours") for p in f.places):
            return f, f.places[:n]
    raise AssertionError("no licence")


def with_plan(site):
    """A student with a BTS at 3 lycées and a licence at 2 universities (simple wishes)."""
    browser = Browser(site)
    bts, bp = bts_places(site)
    lic, lp = licence_places(site)
    assert browser.api("PUT", f"/api/v1/favourites/formations/{bts.id}",
                       json={"places": [p.cod_aff_form for p in bp], "note": "=HYPERLINK(\"x\") mon secret"}).status_code == 200
    assert browser.api("PUT", f"/api/v1/favourites/formations/{lic.id}",
                       json={"places": [p.cod_aff_form for p in lp]}).status_code == 200
    return browser, (bts, bp), (lic, lp)


def test_plan_counts_links_and_warnings(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    plan = browser.get("/api/v1/plan").json()
    assert plan["counts"]["school"] == 3 and plan["counts"]["sub_wishes"] == 3  # 1 BTS wish + 2 licence wishes
    first = plan["wishes"][0]
    assert first["multiple"] and first["rule_id"] == "bts" and first["formation_ids"] == [bts.id]
    assert [p["cod_aff_form"] for p in first["places"]] == [p.cod_aff_form for p in bp]
    assert all(p["parcoursup_url"] == _cat(site).place(p["cod_aff_form"]).row["parcoursup_url"]
               for p in first["places"])
    assert first["onisep_url"].startswith("https://www.onisep.fr/")
    assert [w["multiple"] for w in plan["wishes"][1:]] == [False, False]
    assert "7 vœux de plus possibles sous statut étudiant." in plan["missing"]
    assert first["note"].endswith("mon secret")  # the student sees their own note
    assert plan["rules"] and all(r["quote"] and r["source_title"] for r in plan["rules"])
    assert plan["rules_session"] <= plan["session"]


def test_next_dates_are_the_timelines_parcoursup_steps(site):
    from datetime import date

    from mps.domain.timeline.data import STORE
    steps = [s for y in STORE.current().values() for s in y.steps if s.kind == "parcoursup" and s.end >= date.today()]
    plan = Browser(site).get("/api/v1/plan").json()
    assert plan["deadlines"], "the timeline has Parcoursup steps to come"
    titles = {s.title for s in steps}
    assert all(d["title"] in titles for d in plan["deadlines"])
    assert [d["day"] for d in plan["deadlines"]] == sorted(d["day"] for d in plan["deadlines"])


def test_empty_plan_for_a_new_visitor(site):
    plan = Browser(site).get("/api/v1/plan").json()
    assert plan["wishes"] == [] and plan["counts"]["school"] == 0
    assert plan["missing"][0].startswith("Aucun vœu pour l'instant")


def test_csv_has_bom_semicolons_and_reads_back(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    r = browser.get("/api/v1/plan.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Rang", "Vœu", "Statut"]
    body = rows[1:]
    assert len(body) == 5  # 3 sub-wishes of the BTS + 2 licence places
    assert {r[5] for r in body[:3]} == {p.etablissement for p in bp}
    assert body[0][-1].startswith("'=")  # a note never runs as a spreadsheet formula
    assert body[0][11] == bp[0].row["parcoursup_url"]


def test_page_shows_wishes_and_edits_go_through_favourites(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    page = browser.get("/mes-voeux")
    text = html.unescape(page.text)
    assert page.status_code == 200
    assert "Mes vœux Parcoursup" in text and bts.label in text and bp[0].etablissement in text
    assert "<script>" not in page.text and "onclick" not in page.text
    r = browser.post_form(f"/mes-voeux/{bts.id}", {"sur_parcoursup": "oui", "note": "Appeler le lycée",
                                                   "partager": "oui"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/mes-voeux?ok=1")
    plan = browser.get("/api/v1/plan").json()
    first = plan["wishes"][0]
    assert first["on_parcoursup"] and first["note"] == "Appeler le lycée" and first["note_shared"]
    assert plan["counts"]["on_parcoursup"] == 1
    fav = browser.get("/api/v1/favourites").json()["formations"][0]
    assert fav["note"] == "Appeler le lycée"  # the same note as on /favoris: one mark, one service
    too_long = browser.post_form(f"/mes-voeux/{bts.id}", {"note": "x" * 2001})
    assert too_long.status_code == 400 and "rien n'a été coupé" in html.unescape(too_long.text)
    assert browser.get("/api/v1/plan").json()["wishes"][0]["note"] == "Appeler le lycée"
    # The API refuses the same note (FavouriteIn decides both), and the page keeps the longest it allows
    api = browser.api("PUT", f"/api/v1/favourites/formations/{bts.id}", json={"note": "x" * 2001})
    assert api.status_code == 400 and api.json()["extra"][0]["key"] == "note"
    assert browser.post_form(f"/mes-voeux/{bts.id}", {"note": "x" * 2000}, follow_redirects=False).status_code == 303
    assert browser.get("/api/v1/plan").json()["wishes"][0]["note"] == "x" * 2000


def test_order_follows_the_students_favourites(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    assert browser.post_form(f"/mes-voeux/{lic.id}/deplacer", {"sens": "haut"},
                             follow_redirects=False).status_code == 303
    plan = browser.get("/api/v1/plan").json()
    assert plan["wishes"][0]["formation_ids"] == [lic.id]


def test_someone_elses_or_unknown_formation_is_a_404(site):
    browser, (bts, bp), _ = with_plan(site)
    stranger = Browser(site)
    assert stranger.post_form(f"/mes-voeux/{bts.id}", {"note": "x"}).status_code == 404
    assert browser.post_form("/mes-voeux/n-existe-pas", {"note": "x"}).status_code == 404


def test_plan_in_openapi(site):
    schema = site.get("/schema/openapi.json").json()
    assert "/api/v1/plan" in schema["paths"] and "/api/v1/plan.csv" in schema["paths"]
    assert "PlanWish" in schema["components"]["schemas"]


def test_flags_travel_through_sync_both_ways(site):
    """Offline edits of « déjà sur Parcoursup » and « montrer ma note » reach the plan; website edits reach devices."""
    from tests.integration.sync.test_sync_api import T0, op, sync

    browser, (bts, bp), (lic, lp) = with_plan(site)
    out = sync(browser, [op("set_on_parcoursup", lic.id, 1, ts=T0), op("set_note_shared", lic.id, 1, ts=T0 + 1),
                         op("set_on_parcoursup", lic.id, "oui", ts=T0 + 2)])
    assert [r["status"] for r in out["results"]] == ["applied", "applied", "rejected"]
    mark = next(m for m in out["marks"] if m["formation_id"] == lic.id)
    # A device's set_on_parcoursup on a favourite with places (queued before marks were per wish) marks each.
    assert mark["added_places"] == sorted(p.cod_aff_form for p in lp) and mark["note_shared"]
    assert not mark["on_parcoursup"]
    plan = browser.get("/api/v1/plan").json()
    assert all(w["on_parcoursup"] for w in plan["wishes"] if w["formation_ids"] == [lic.id])
    assert browser.post_form(f"/mes-voeux/{lic.id}", {"note": ""}, follow_redirects=False).status_code == 303
    later = sync(browser, since=out["cursor"])  # the website cleared both boxes: the device learns it
    mark = next(m for m in later["marks"] if m["formation_id"] == lic.id)
    assert (mark["added_places"], mark["note_shared"]) == ([], False)
