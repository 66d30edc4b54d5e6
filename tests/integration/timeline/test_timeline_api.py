"""GET /api/v1/me/timeline: the steps of the student's classe this school year, with their tasks."""
from __future__ import annotations

from datetime import date, datetime, timezone

from mps.lib.school_calendar import school_year_of
from tests.integration.accounts.fixtures import Browser
from tests.integration.classes.helpers import set_profile, student


def _year() -> str:
    start = school_year_of(datetime.now(timezone.utc).date())
    return f"{start}-{start + 1}"


def test_a_terminale_sees_terminale_steps_and_tasks(site):
    browser, email = student(site)
    set_profile(site, email, {"classe": "terminale", "villes": [{"nom": "Saint-Denis (974)", "lat": -20.9, "lon": 55.4}]})
    doc = browser.get("/api/v1/me/timeline").json()
    assert doc["school_year"] == _year() and doc["classe"] == "terminale" and doc["time_zone"] == "Indian/Reunion"
    keys = [e["key"] for e in doc["entries"]]
    assert f"{_year()}/parcoursup-voeux" in keys and not any("stage-seconde" in k for k in keys)
    wishes = next(e for e in doc["entries"] if e["key"].endswith("parcoursup-voeux"))
    assert wishes["deadline"] and "à La Réunion" in wishes["deadline_text"]
    assert [e["start"] for e in doc["entries"]] == sorted(e["start"] for e in doc["entries"])
    assert {"profil", "favoris-3"} <= {t["id"] for t in doc["tasks"]}
    today = date.today()
    for e in doc["entries"]:
        end = date.fromisoformat(e["end"])
        assert e["status"] == ("past" if end < today else "now" if date.fromisoformat(e["start"]) <= today else "later")


def test_a_visitor_without_classe_sees_every_classe(site):
    doc = Browser(site).get("/api/v1/me/timeline").json()
    assert doc["classe"] is None and doc["time_zone"] == "Europe/Paris"
    keys = {e["key"].split("/", 1)[1] for e in doc["entries"]}
    assert {"stage-seconde", "bac-francais-ecrit", "parcoursup-voeux"} <= keys
