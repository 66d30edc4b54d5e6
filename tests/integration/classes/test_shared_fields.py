"""What each role receives, field by field: a teacher of the class and a family link see the project the
student shares, never the student's own notes nor what they set aside; the student sees everything.

Every key of every response is listed per role: a new field reaches these people only by being added here.
"""
from __future__ import annotations

import uuid

import pytest

from tests.integration.classes.helpers import create_class, join, person_id, set_profile, student, teacher
from tests.integration.favourites.helpers import formation_with_places


def key_paths(doc, prefix: str = "") -> set[str]:
    """{"a": [{"b": 1}]} -> {"a", "a[].b"}: every field name a client receives."""
    paths: set[str] = set()
    if isinstance(doc, dict):
        for key, value in doc.items():
            path = f"{prefix}.{key}" if prefix else key
            paths |= {path} | key_paths(value, path)
    elif isinstance(doc, list):
        for item in doc:
            paths |= key_paths(item, prefix + "[]")
    return paths


PLACE = {"cod_aff_form", "etablissement", "commune", "departement_code", "distance_km", "taux_acces", "position",
         "position_label", "chosen", "parcoursup_url", "remote"}  # remote: the place teaches at a distance (catalogue fact)
SHARED_FAVOURITES = (
    {"formations", "metiers", "check", "check.reach", "check.target", "check.safe", "check.balance", "check.flags",
     "check.flags[].kind", "check.flags[].text", "metiers[].metier_id", "metiers[].label", "metiers[].available",
     "metiers[].version"}
    | {f"formations[].{k}" for k in ("formation_id", "label", "available", "family_label", "selective", "ambition",
                                     "places")}
    | {f"formations[].places[].{k}" for k in PLACE})
ENTRY = ("key", "kind", "title", "text", "start", "end", "when", "status", "deadline", "deadline_text", "provisional",
         "source", "checked")
SHARED_TIMELINE = {"school_year", "classe", "time_zone", "entries"} | {f"entries[].{k}" for k in ENTRY}
STUDENT_ROW = {"id", "name", "completeness", "favourites", "reach", "target", "safe", "flags", "wishes",
               "apprenticeship_wishes", "sub_wishes", "plan_warnings", "stage"}
# « Mes vœux » as the student shares it (mps.domain.plan, viewer "shared"): `note` is null unless shared.
PLAN_PLACE = {"cod_aff_form", "etablissement", "commune", "departement_code", "option", "apprenticeship", "position",
              "position_label", "parcoursup_url", "formation_id", "on_parcoursup"}
PLAN_WISH = {"rank", "label", "status", "status_label", "multiple", "rule_id", "rule_label", "sub_wishes_counted",
             "a_verifier", "provisional", "formation_ids", "places", "onisep_url", "parcoursup_url", "on_parcoursup",
             "note", "note_shared", "places_on_parcoursup", "to_check"}
PLAN = ({"session", "rules_session", "wishes", "counts", "warnings", "missing", "balance", "deadlines", "gone", "rules"}
        | {f"wishes[].{k}" for k in PLAN_WISH} | {f"wishes[].places[].{k}" for k in PLAN_PLACE}
        | {f"counts.{k}" for k in ("school", "school_limit", "apprenticeship", "apprenticeship_limit", "sub_wishes",
                                   "sub_wishes_limit", "uncounted_sub_wishes", "on_parcoursup", "wishes")}
        | {f"warnings[].{k}" for k in ("kind", "text", "formation_ids")}
        | {f"balance.{k}" for k in ("reach", "target", "safe", "text")}
        | {f"deadlines[].{k}" for k in ("day", "day_label", "title", "a_verifier")}
        | {f"gone[].{k}" for k in ("formation_id", "label")}
        | {f"rules[].{k}" for k in ("id", "label", "quote", "source_title", "source_url", "a_verifier")})
EXPECTED = {
    "teacher: a student": {"student", "profile", "profile[].label", "profile[].value", "favourites", "notes", "plan"}
    | {f"student.{k}" for k in STUDENT_ROW} | {f"favourites.{k}" for k in SHARED_FAVOURITES}
    | {f"plan.{k}" for k in PLAN},
    "teacher: the class": {"class", "students"} | {f"students[].{k}" for k in STUDENT_ROW}
    | {f"class.{k}" for k in ("id", "label", "school_year", "lycee_uai", "lycee_name", "lycee_commune", "students",
                              "join_code", "join_url", "join_code_expires_on")},
    "family link": {"profile", "profile[].label", "profile[].value", "completeness", "favourites", "timeline",
                    "expires_at", "plan"} | {f"favourites.{k}" for k in SHARED_FAVOURITES} | {f"plan.{k}" for k in PLAN}
    | {f"timeline.{k}" for k in SHARED_TIMELINE},
}


@pytest.fixture(scope="module")
def shared_world(site):
    secret = f"NOTE-PRIVEE-{uuid.uuid4().hex[:8]}"
    pupil, email = student(site)
    set_profile(site, email, {"classe": "terminale", "bac": "STMG", "moyenne": 14})
    f, places = formation_with_places(site)
    assert pupil.api("PUT", f"/api/v1/favourites/formations/{f.id}",
                     json={"ambition": "realiste", "places": [places[0].cod_aff_form], "note": secret}).status_code == 200
    aside, _ = formation_with_places(site, selective=not f.selective)
    assert pupil.api("PUT", f"/api/v1/favourites/not-interested/{aside.id}").status_code == 204
    assert pupil.api("PUT", "/api/v1/favourites/metiers/MET_120").status_code in (204, 400, 404)
    prof = teacher(site)
    klass = create_class(site, prof)
    join(pupil, klass["join_code"])
    link = pupil.api("POST", "/api/v1/me/family-links", json={"label": "Tante", "days": 7}).json()
    sid = person_id(site, email)
    return {"secret": secret, "aside": aside, "pupil": pupil, "prof": prof, "class": klass, "sid": sid,
            "token": link["url"].rsplit("/", 1)[1], "site": site}


def responses(w) -> dict[str, object]:
    from tests.integration.accounts.fixtures import Browser

    prof, cid, sid = w["prof"], w["class"]["id"], w["sid"]
    family = Browser(w["site"])
    return {
        "teacher: a student": prof.get(f"/api/v1/classes/{cid}/students/{sid}").json(),
        "teacher: the class": prof.get(f"/api/v1/classes/{cid}").json(),
        "family link": family.get(f"/api/v1/family/{w['token']}").json(),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_each_role_receives_exactly_its_fields(shared_world, role):
    doc = responses(shared_world)[role]
    assert key_paths(doc) <= EXPECTED[role], key_paths(doc) - EXPECTED[role]
    assert shared_world["secret"] not in str(doc)
    assert shared_world["aside"].id not in str(doc)  # « pas intéressé » stays with the student


def test_the_pages_of_those_roles_show_no_note(shared_world):
    w = shared_world
    from tests.integration.accounts.fixtures import Browser

    pages = [w["prof"].get(f"/classes/{w['class']['id']}/eleves/{w['sid']}"), w["prof"].get(f"/classes/{w['class']['id']}"),
             Browser(w["site"]).get(f"/partage/{w['token']}")]
    for page in pages:
        assert page.status_code == 200 and w["secret"] not in page.text


def test_the_student_still_sees_their_own_note(shared_world):
    mine = shared_world["pupil"].get("/api/v1/favourites").json()
    assert mine["formations"][0]["note"] == shared_world["secret"]
    assert mine["not_interested"][0]["formation_id"] == shared_world["aside"].id
