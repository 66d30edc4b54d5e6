"""due_reminders(db, now) on a real database (SQLite and PostgreSQL): who gets what, from stored data."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from mps.db.models import ClassEvent, ClassMember, FormationMark, Lycee, Person, Profile, SchoolClass
from mps.domain.timeline.reminders import DueReminder, due_reminders
from tests.integration.accounts.fixtures import run_db

NOW = datetime(2027, 3, 4, 16, 30, tzinfo=timezone.utc)  # Thursday 4 March 2027, 17:30 in Paris
T0 = datetime(2026, 9, 1, tzinfo=timezone.utc)


async def _person(db, pid: str, role: str = "lyceen", profile: dict | None = None, favourites: int = 0):
    db.add(Person(id=pid, created_at=T0, role=role))
    await db.flush()
    if profile is not None:
        db.add(Profile(person_id=pid, data=profile, updated_at=T0))
    for i in range(favourites):
        db.add(FormationMark(person_id=pid, formation_id=f"f{i}", kind="favori", places=[1], updated_at=T0))


async def _seed(db):
    complete = {"classe": "terminale", "bac": "G", "specialites": ["Maths"], "interets": ["x"], "metiers": ["MET_1"],
                "duree": "longue", "alternance": "indifferent", "villes": [{"nom": "Lille (59)", "lat": 50.6, "lon": 3.0}]}
    await _person(db, "lille", profile=complete, favourites=3)
    await _person(db, "reunion", profile={**complete, "villes": [{"nom": "Saint-Denis (974)", "lat": -20.9, "lon": 55.4}]},
            favourites=3)
    await _person(db, "noumea", profile={"classe": "terminale"}, favourites=1)   # zone from the class's lycée
    await _person(db, "seconde", profile={"classe": "seconde"})
    await _person(db, "prof", role="enseignant", profile={"classe": "terminale"})
    db.add(Lycee(uai="9830635Y", name="Lycée Michel Rocard", statut="Public", commune="Pouembout", postcode="98825",
                 departement="Nouvelle Calédonie", academie="Nouvelle Calédonie", voies="GTP"))


async def _seed_class(db):
    db.add(SchoolClass(id="c1", teacher_id="prof", lycee_uai="9830635Y", lycee_name="Lycée Michel Rocard",
                       label="Terminale 2", school_year="2026-2027", join_code="TEST2345", created_at=T0))
    await db.flush()
    db.add(ClassMember(class_id="c1", person_id="noumea", consent_at=T0))
    db.add(ClassEvent(id="ev1", class_id="c1", teacher_id="prof", title="Réunion d'orientation", day=date(2027, 3, 11),
                      created_at=T0))
    db.add(ClassEvent(id="ev2", class_id="c1", teacher_id="prof", title="Forum des métiers", day=date(2027, 3, 5),
                      created_at=T0))


def test_due_reminders_from_stored_data(empty_db):
    async def work(db):
        await _seed(db)
        await db.flush()
        await _seed_class(db)
        await db.flush()
        return await due_reminders(db, NOW)

    found = run_db(empty_db, work)
    assert all(isinstance(r, DueReminder) for r in found)
    keys = {(r.person_id, r.key, r.occurrence) for r in found}
    # Last day for wishes 2027 (provisional): Thursday 11 March -> 7 days before at 17:00 Paris.
    assert ("lille", "2026-2027/parcoursup-voeux", "2027-03-04") in keys
    # Réunion: 17:00 local on the 4th was 13:00 UTC, already due; Nouméa: 17:00 local was 06:00 UTC.
    assert ("reunion", "2026-2027/parcoursup-voeux", "2027-03-04") in keys
    assert ("noumea", "2026-2027/parcoursup-voeux", "2027-03-04") in keys
    # A class event 7 days ahead, in Nouméa time (17:00 on the 4th there); the one of Friday 5 March is already
    # that day in Nouméa (03:30): no « demain » any more.
    assert ("noumea", "classe/ev1", "2027-03-04") in keys
    assert not {k for k in keys if k[1] == "classe/ev2"}
    # Only one favourite and none with a safe choice computed here: « prépare tes vœux » is done (places chosen),
    # « ajoute 3 favoris » is past its date (18 January).
    assert not {k for k in keys if k[0] == "noumea" and k[1].startswith("tache/")}
    assert not {k for k in keys if k[0] in ("seconde", "prof")}
    reunion = next(r for r in found if r.person_id == "reunion" and r.key.endswith("voeux"))
    assert "La Réunion" in reunion.body and reunion.due_at == datetime(2027, 3, 4, 13, 0, tzinfo=timezone.utc)
    assert found == sorted(found, key=lambda r: (r.due_at, r.person_id, r.key))


def test_due_reminders_refuses_a_naive_now(empty_db):
    async def work(db):
        return await due_reminders(db, datetime(2027, 3, 4, 17))
    with pytest.raises(ValueError):
        run_db(empty_db, work)


def test_no_students_no_reminders(empty_db):
    async def work(db):
        return await due_reminders(db, NOW)
    assert run_db(empty_db, work) == []


def test_a_quiet_day_reads_no_student(empty_db, monkeypatch):
    """The scheduler asks every minute: when no step, task or class event is near, no student is read."""
    from mps.domain.timeline import reminders

    calls = []
    real = reminders.read_facts

    async def counting(db, *args):
        calls.append(args)
        return await real(db, *args)
    monkeypatch.setattr(reminders, "read_facts", counting)
    quiet_day = datetime(2026, 10, 15, 16, tzinfo=timezone.utc)  # nothing of the files near mid-October

    async def work(db):
        await _seed(db)
        await db.flush()
        await _seed_class(db)
        await db.flush()
        quiet = await due_reminders(db, quiet_day)
        db.add(ClassEvent(id="ev3", class_id="c1", teacher_id="prof", title="Forum", day=date(2026, 10, 22),
                          created_at=T0))
        await db.flush()
        with_event = await due_reminders(db, quiet_day)
        return quiet, with_event

    quiet, with_event = run_db(empty_db, work)
    assert quiet == [] and len(calls) == 1
    assert [(r.person_id, r.key, r.occurrence) for r in with_event] == [("noumea", "classe/ev3", "2026-10-15")]
