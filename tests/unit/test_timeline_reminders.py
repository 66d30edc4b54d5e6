"""Due reminders of one student (pure): 7 days and 1 day before, 17:00 local time, gone once done or past."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from mps.domain.timeline.data import load_timeline
from mps.domain.timeline.reminders import KINDS, MAX_BODY, MAX_TITLE, reminders_of
from mps.domain.timeline.tasks import StudentFacts, open_tasks
from mps.domain.timeline.zones import zone_of_code

PARIS = ZoneInfo("Europe/Paris")
YEAR = load_timeline()["2025-2026"]
TERMINALE = StudentFacts(person_id="p1", classe="terminale", completeness=100, favourites=3, with_places=3,
                         no_safe=False)


def at(day: date, hour: int, zone=PARIS) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


def test_seven_days_and_one_day_before_the_last_day_for_wishes():
    # Last day for wishes: Thursday 12 March 2026 -> reminders Thursday 5 and Wednesday 11 March at 17:00 Paris.
    assert reminders_of(TERMINALE, YEAR, [], at(date(2026, 3, 5), 16)) == []
    (week,) = [r for r in reminders_of(TERMINALE, YEAR, [], at(date(2026, 3, 5), 17)) if r.key.endswith("voeux")]
    assert (week.key, week.occurrence, week.kind) == ("2025-2026/parcoursup-voeux", "2026-03-05", "parcoursup")
    assert week.due_at == datetime(2026, 3, 5, 16, 0, tzinfo=timezone.utc) and week.url.startswith("/etapes#")
    assert "Dans 7 jours" in week.body and "jeudi 12 mars" in week.body and "23\u00a0h\u00a059" in week.body
    (day,) = [r for r in reminders_of(TERMINALE, YEAR, [], at(date(2026, 3, 11), 18)) if r.key.endswith("voeux")]
    assert day.occurrence == "2026-03-11" and day.body.startswith("Demain")


def test_a_late_scheduler_catches_up_within_two_days_never_after():
    late = [r for r in reminders_of(TERMINALE, YEAR, [], at(date(2026, 3, 7), 9)) if r.key.endswith("voeux")]
    assert [r.occurrence for r in late] == ["2026-03-05"]
    assert not [r for r in reminders_of(TERMINALE, YEAR, [], at(date(2026, 3, 8), 18)) if r.key.endswith("voeux")]


def test_overseas_students_are_reminded_at_17h_local_with_the_local_deadline():
    reunion = replace(TERMINALE, zone=zone_of_code("974"))
    found = [r for r in reminders_of(reunion, YEAR, [], at(date(2026, 3, 11), 17, ZoneInfo("Indian/Reunion")))
             if r.key.endswith("voeux")]
    assert [r.due_at for r in found] == [datetime(2026, 3, 11, 13, 0, tzinfo=timezone.utc)]
    assert "soit 2\u00a0h\u00a059 à La Réunion" in found[0].body
    tahiti = replace(TERMINALE, zone=zone_of_code("987"))
    found = [r for r in reminders_of(tahiti, YEAR, [], at(date(2026, 3, 11), 17, ZoneInfo("Pacific/Tahiti")))
             if r.key.endswith("voeux")]
    assert found and "soit 12\u00a0h\u00a059 en Polynésie française" in found[0].body


def test_only_the_steps_of_the_students_classe():
    seconde = replace(TERMINALE, classe="seconde")
    now = at(date(2026, 3, 11), 18)
    assert not [r for r in reminders_of(seconde, YEAR, [], now) if r.kind == "parcoursup"]
    stage = [r for r in reminders_of(seconde, YEAR, [], at(date(2026, 6, 14), 17)) if r.kind == "stage"]
    assert [(r.key, r.occurrence) for r in stage] == [("2025-2026/stage-seconde", "2026-06-14")]


def test_task_reminders_go_once_the_task_is_done():
    # « Ajoute 3 favoris » should be done by the opening of wishes (19 January 2026): reminded on the 12th.
    one = replace(TERMINALE, favourites=1, with_places=1)
    now = at(date(2026, 1, 12), 17)
    assert [r.key for r in reminders_of(one, YEAR, [], now) if r.kind == "tache"] == ["tache/favoris-3"]
    assert not [r for r in reminders_of(TERMINALE, YEAR, [], now) if r.kind == "tache"]


def test_class_events_are_reminded_the_day_before():
    event = SimpleNamespace(id="e1", title="Réunion d'orientation avec les familles du lycée Jean Moulin, salle 12",
                            day=date(2026, 2, 12), class_id="c1")
    found = reminders_of(TERMINALE, YEAR, [(event, "Terminale 3")], at(date(2026, 2, 11), 17))
    (r,) = [r for r in found if r.kind == "classe"]
    assert r.key == "classe/e1" and r.occurrence == "2026-02-11" and "Terminale 3" in r.body


def test_every_reminder_keeps_the_agreed_shape():
    start = at(date(2025, 9, 1), 12)
    seen = []
    for facts in (TERMINALE, replace(TERMINALE, classe="seconde", favourites=0, completeness=40),
                  replace(TERMINALE, classe="premiere", zone=zone_of_code("988"))):
        now = start
        while now < at(date(2026, 8, 31), 12):
            seen += reminders_of(facts, YEAR, [], now)
            now += timedelta(hours=12)
    assert len({(r.person_id, r.key, r.occurrence) for r in seen}) > 10
    for r in seen:
        assert r.kind in KINDS and len(r.title) <= MAX_TITLE and len(r.body) <= MAX_BODY
        assert r.due_at.tzinfo is not None and r.due_at.utcoffset() == timedelta(0)
        date.fromisoformat(r.occurrence)


def test_tasks_per_classe():
    today = date(2026, 1, 5)
    fresh = StudentFacts(person_id="p", classe="seconde")
    assert [t.id for t in open_tasks(fresh, YEAR, today)] == ["profil", "favoris-3", "stage"]
    terminale = StudentFacts(person_id="p", classe="terminale", completeness=100, favourites=2, with_places=1,
                             no_safe=True)
    assert [t.id for t in open_tasks(terminale, YEAR, today)] == ["favoris-3", "choix-sur", "voeux"]
    assert [t.id for t in open_tasks(TERMINALE, YEAR, today)] == []
    assert [t.id for t in open_tasks(replace(TERMINALE, with_places=2), YEAR, date(2026, 3, 13))] == []
    assert [t.id for t in open_tasks(replace(fresh, completeness=100, favourites=3), YEAR, date(2026, 6, 16))] == []
