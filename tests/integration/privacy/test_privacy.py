"""« Mes données »: the student downloads everything, and deleting the account removes everything."""
from __future__ import annotations

from sqlalchemy import func, select

from mps.db.base import Base
from mps.domain.profile.referential import load_referential
from tests.integration.accounts.fixtures import Browser, db_url, run_db
from tests.integration.classes.helpers import create_class, join, person_id, set_profile, student, teacher
from tests.integration.favourites.helpers import formation_with_places
from tests.integration.reminders.helpers import subscription

PERSON_COLUMNS = ("person_id", "student_id", "teacher_id")


def _rows_about(site, pid: str) -> dict[str, int]:
    """Rows naming this person, in every table of the schema (so a new table cannot be forgotten)."""
    async def work(db):
        counts = {}
        for table in Base.metadata.sorted_tables:
            for name in PERSON_COLUMNS + (("id",) if table.name == "people" else ()):
                if name in table.c:
                    n = await db.scalar(select(func.count()).select_from(table).where(table.c[name] == pid))
                    if n:
                        counts[f"{table.name}.{name}"] = n
        return counts
    return run_db(db_url(site), work)


def _full_student(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    browser, email = student(site)
    join(browser, klass["join_code"])
    set_profile(site, email, {"classe": "terminale", "bac": "STMG"})
    f, places = formation_with_places(site)
    browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "ma-note", "places": [places[0].cod_aff_form]})
    browser.api("PUT", "/api/v1/favourites/metiers/MET_1")
    link = browser.api("POST", "/api/v1/me/family-links", json={"label": "Maman"}).json()
    assert browser.api("POST", "/api/v1/reminders/devices", json=subscription()).status_code == 201
    assert browser.api("PUT", "/api/v1/reminders/choices", json={"kinds": ["parcoursup"], "email": True}).status_code == 200
    sid = person_id(site, email)
    prof.api("POST", f"/api/v1/classes/{klass['id']}/students/{sid}/notes", json={"kind": "psyen", "note": "rdv"})
    return prof, klass, browser, email, sid, link, f


def test_download_holds_everything(site):
    _, klass, browser, email, _, link, f = _full_student(site)
    answer = browser.get("/mes-donnees/export.json")
    assert answer.status_code == 200 and "attachment" in answer.headers["content-disposition"]
    data = answer.json()
    assert data["compte"]["email"] == email
    assert data["profil"] == {"classe": {"code": "terminale", "libelle": "Terminale"},
                              "bac": {"code": "STMG", "libelle": "Bac STMG"}}
    assert [(m["formation_id"], m["formation"], m["note"]) for m in data["formations"]] == [(f.id, f.label, "ma-note")]
    assert [m["metier_id"] for m in data["metiers"]] == ["MET_1"] and data["metiers"][0]["metier"]
    assert [x["id"] for x in data["liens_famille"]] == [link["id"]]
    assert [c["classe"] for c in data["classes_rejointes"]] == [klass["label"]]
    assert [(n["type"]["code"], n["note"], n["recu"]) for n in data["messages_enseignants"]] == [("psyen", "rdv", True)]
    assert [d["nom"] for d in data["rappels"]["appareils"]] == ["Chrome sur Android"]
    assert data["rappels"]["choix"]["types"] == ["parcoursup"] and data["rappels"]["choix"]["par_email"] is True
    assert "fcm.googleapis.com" not in answer.text  # a device's endpoint is a capability: never exported
    assert browser.get("/api/v1/me/export").json()["compte"]["email"] == email


def test_deleting_the_account_removes_everything(site):
    prof, klass, browser, email, sid, link, _ = _full_student(site)
    assert _rows_about(site, sid)  # there was something to delete
    refused = browser.post_form("/mes-donnees/supprimer", {})
    assert refused.status_code == 400 and _rows_about(site, sid)
    done = browser.post_form("/mes-donnees/supprimer", {"confirm": "oui"})
    assert done.status_code == 200 and "supprimé" in done.text
    assert _rows_about(site, sid) == {}
    assert browser.get("/api/v1/me").json()["signed_in"] is False
    family = Browser(site).get("/partage/" + link["url"].rsplit("/", 1)[1])
    assert family.status_code == 404 and "ma-note" not in family.text
    assert prof.get(f"/api/v1/classes/{klass['id']}").json()["students"] == []
    assert prof.get(f"/api/v1/classes/{klass['id']}/students/{sid}").status_code == 404
    # the address can sign up again, as a new, empty account
    again = Browser(site)
    again.sign_in(email)
    assert again.get("/api/v1/favourites").json()["formations"] == []


def test_a_teacher_leaving_takes_their_classes_along(site):
    prof, klass, pupil, _, sid, _, _ = _full_student(site)
    prof_id = prof.get("/api/v1/me").json()
    assert prof.api("DELETE", "/api/v1/me").status_code == 400  # confirm=true is required
    assert prof.api("DELETE", "/api/v1/me?confirm=true").status_code == 204
    assert prof.get("/api/v1/me").json()["signed_in"] is False and prof_id["signed_in"]
    assert pupil.get("/api/v1/me/classes").json() == []
    assert "rdv" not in pupil.get("/favoris").text
    assert _rows_about(site, sid).get("class_members.person_id") is None


def test_an_anonymous_device_can_erase_what_it_saved(site):
    f, _ = formation_with_places(site)
    device = Browser(site)
    device.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "anonyme"})
    assert device.get("/mes-donnees/export.json").json()["formations"][0]["note"] == "anonyme"
    device.post_form("/mes-donnees/supprimer", {"confirm": "oui"})
    assert device.get("/api/v1/favourites").json()["formations"] == []


def test_the_export_gives_labels_beside_codes_and_keeps_removed_items_apart(site):
    """Seen: ci19, dom32, MET_12 without a word, and removed favourites listed as if they were kept."""
    browser, email = student(site)
    set_profile(site, email, {"interets": ["ci19"], "domaines": ["dom32"], "metiers": ["MET_12"], "duree": "courte"})
    f, places = formation_with_places(site)
    gone, _ = formation_with_places(site, selective=not f.selective)
    browser.api("PUT", f"/api/v1/favourites/formations/{f.id}",
                json={"ambition": "plan_b", "places": [places[0].cod_aff_form]})
    assert browser.api("PUT", f"/api/v1/favourites/formations/{gone.id}", json={}).status_code == 200
    browser.api("DELETE", f"/api/v1/favourites/formations/{gone.id}")
    browser.api("PUT", "/api/v1/favourites/metiers/MET_1")
    browser.api("DELETE", "/api/v1/favourites/metiers/MET_1")
    data = browser.get("/mes-donnees/export.json").json()
    ref = load_referential()
    profile = data["profil"]
    assert profile["interets"] == [{"code": "ci19", "libelle": ref.interests["ci19"]}]
    assert profile["domaines"] == [{"code": "dom32", "libelle": ref.domains["dom32"]}]
    assert profile["metiers"][0]["code"] == "MET_12" and profile["metiers"][0]["libelle"] not in ("", "MET_12")
    assert profile["duree"] == {"code": "courte", "libelle": "Plutôt courtes (2 à 3 ans)"}
    kept = data["formations"]
    assert [m["formation_id"] for m in kept] == [f.id]  # the removed one is not listed as kept
    assert kept[0]["ambition"] == {"code": "plan_b", "libelle": "Plan B"}
    assert kept[0]["lieux"] == [{"code": places[0].cod_aff_form,
                                 "libelle": f"{places[0].etablissement}, {places[0].commune}"}]
    removed = data["elements_retires"]
    assert [(m["formation_id"], m["formation"], m["retire_de"]) for m in removed["formations"]] == [
        (gone.id, gone.label, "favoris")]
    assert [m["metier_id"] for m in removed["metiers"]] == ["MET_1"] and data["metiers"] == []
    assert "elements_retires" in data["explications"]
