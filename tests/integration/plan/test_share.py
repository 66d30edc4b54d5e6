"""The plan as family and teacher see it: read-only, counted the same, the student's notes only when shared."""
from __future__ import annotations

import html
import uuid

import pytest

from tests.integration.accounts.fixtures import Browser
from tests.integration.classes.helpers import create_class, join, person_id, student, teacher
from tests.integration.plan.test_plan_api import bts_places, licence_places


@pytest.fixture(scope="module")
def world(site):
    private, shared = f"PRIVEE-{uuid.uuid4().hex[:8]}", f"PARTAGEE-{uuid.uuid4().hex[:8]}"
    pupil, email = student(site)
    bts, bp = bts_places(site)
    lic, lp = licence_places(site)
    assert pupil.api("PUT", f"/api/v1/favourites/formations/{bts.id}",
                     json={"places": [p.cod_aff_form for p in bp], "note": private}).status_code == 200
    assert pupil.api("PUT", f"/api/v1/favourites/formations/{lic.id}",
                     json={"places": [p.cod_aff_form for p in lp]}).status_code == 200
    assert pupil.post_form(f"/mes-voeux/{lic.id}", {"note": shared, "partager": "oui", "sur_parcoursup": "oui"},
                           follow_redirects=False).status_code == 303
    prof = teacher(site)
    klass = create_class(site, prof)
    join(pupil, klass["join_code"])
    link = pupil.api("POST", "/api/v1/me/family-links", json={"label": "Parents", "days": 7}).json()
    return {"private": private, "shared": shared, "pupil": pupil, "prof": prof, "class": klass,
            "sid": person_id(site, email), "token": link["url"].rsplit("/", 1)[1], "site": site, "bts": bts,
            "lic": lic}


def _views(w) -> dict[str, dict]:
    cid, sid = w["class"]["id"], w["sid"]
    return {"teacher": w["prof"].get(f"/api/v1/classes/{cid}/students/{sid}").json()["plan"],
            "family": Browser(w["site"]).get(f"/api/v1/family/{w['token']}").json()["plan"]}


def test_shared_views_count_like_the_student_and_keep_private_notes(world):
    own = world["pupil"].get("/api/v1/plan").json()
    for role, plan in _views(world).items():
        assert plan["counts"] == own["counts"], role
        assert [w["label"] for w in plan["wishes"]] == [w["label"] for w in own["wishes"]], role
        assert world["private"] not in str(plan), role
        by_formation = {w["formation_ids"][0]: w for w in plan["wishes"]}
        assert by_formation[world["bts"].id]["note"] is None
        licence_notes = [w["note"] for w in plan["wishes"] if w["formation_ids"] == [world["lic"].id]]
        assert licence_notes and all(n == world["shared"] for n in licence_notes), role
    assert world["private"] in str(own)  # the student still sees their own note


def test_shared_pages_show_the_plan_without_private_notes(world):
    w = world
    pages = {"teacher": w["prof"].get(f"/classes/{w['class']['id']}/eleves/{w['sid']}"),
             "family": Browser(w["site"]).get(f"/partage/{w['token']}")}
    for role, page in pages.items():
        text = html.unescape(page.text)
        assert page.status_code == 200, role
        assert "Vœux Parcoursup (brouillon de l'élève)" in text and w["bts"].label in text, role
        assert w["shared"] in text and w["private"] not in text, role
        assert "/mes-voeux/" not in text and 'action="/favoris' not in text  # read-only: no edit form


def test_teacher_dashboard_shows_plan_counts_and_warnings(world):
    w = world
    board = w["prof"].get(f"/api/v1/classes/{w['class']['id']}").json()
    row = next(s for s in board["students"] if s["id"] == w["sid"])
    assert (row["wishes"], row["apprenticeship_wishes"], row["sub_wishes"]) == (3, 0, len([1, 2, 3]))
    page = w["prof"].get(f"/classes/{w['class']['id']}")
    assert f'data-plan="3+0/3"' in page.text
    # a provisional wish (no place chosen) shows up as a warning for the teacher
    extra = next(f for f in w["site"].app.state.catalogue.current.formations.values() if f.family == "CPGE")
    assert w["pupil"].api("PUT", f"/api/v1/favourites/formations/{extra.id}", json={}).status_code == 200
    board = w["prof"].get(f"/api/v1/classes/{w['class']['id']}").json()
    row = next(s for s in board["students"] if s["id"] == w["sid"])
    assert "no_place" in row["plan_warnings"] and row["wishes"] == 4
    assert 'data-plan-flag="no_place"' in w["prof"].get(f"/classes/{w['class']['id']}").text


def test_shared_views_show_each_wish_already_added_on_parcoursup(world):
    """The student marked the licence's places (two simple wishes), not the BTS: family and teacher see it
    per wish, with the count « N / M vœux déjà ajoutés sur Parcoursup »."""
    w = world
    for role, plan in _views(w).items():
        added = {tuple(x["formation_ids"]): x["on_parcoursup"] for x in plan["wishes"]}
        assert (added[(w["bts"].id,)], added[(w["lic"].id,)]) == (False, True), role
        total = len(plan["wishes"])  # another test of this module may have added a wish
        assert all(p["on_parcoursup"] for x in plan["wishes"] if x["formation_ids"] == [w["lic"].id]
                   for p in x["places"]), role
    pages = {"teacher": w["prof"].get(f"/classes/{w['class']['id']}/eleves/{w['sid']}"),
             "family": Browser(w["site"]).get(f"/partage/{w['token']}")}
    for role, page in pages.items():
        text = " ".join(html.unescape(page.text).split())
        assert f"2 / {total} vœux déjà ajoutés sur Parcoursup" in text.replace("<strong>", "").replace("</strong>", ""), role
        assert text.count("Déjà sur Parcoursup") == 2, role
