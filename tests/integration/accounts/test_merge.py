"""What a device saved before signing in is kept in the account: nothing lost, newest edit wins."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from mps.db.models import FormationMark, MetierMark, Person, Profile
from tests.integration.accounts.fixtures import Browser, db_url, new_email, plant_anonymous, run_db

NOW = datetime.now(timezone.utc)


def _seed_anonymous(site, profile: dict | None, marks: list[dict], age=timedelta(0)) -> str:
    pid = secrets.token_hex(16)

    async def work(db):
        db.add(Person(id=pid, created_at=NOW, role="lyceen"))
        await db.flush()
        if profile is not None:
            db.add(Profile(person_id=pid, data=profile, updated_at=NOW - age))
        for m in marks:
            db.add(FormationMark(person_id=pid, kind=m.get("kind", "favori"), formation_id=m["id"],
                                 ambition=m.get("ambition"), note=m.get("note", ""), places=[],
                                 deleted=m.get("deleted", False), version=m.get("version", 1),
                                 updated_at=m.get("at", NOW)))
        db.add(MetierMark(person_id=pid, metier_id="MET_1", updated_at=NOW))
    run_db(db_url(site), work)
    return pid


def _state(site, email: str):
    async def work(db):
        person = await db.scalar(select(Person).where(Person.email == email))
        profile = await db.get(Profile, person.id)
        marks = {m.formation_id: m for m in await db.scalars(
            select(FormationMark).where(FormationMark.person_id == person.id))}
        metiers = [m.metier_id for m in await db.scalars(select(MetierMark).where(MetierMark.person_id == person.id))]
        return person, (profile.data if profile else None), marks, metiers
    return run_db(db_url(site), work)


def test_first_sign_in_keeps_the_device_work(site):
    pid = _seed_anonymous(site, {"classe": "terminale", "bac": "STMG"}, [{"id": "fl1", "ambition": "realiste"}])
    browser, email = Browser(site), new_email()
    plant_anonymous(browser, pid)
    done = browser.sign_in(email)
    assert any(h.startswith("mps_anon=;") for h in done.headers.get_list("set-cookie"))
    person, profile, marks, metiers = _state(site, email)
    assert person.id == pid  # the anonymous person became the account
    assert profile == {"classe": "terminale", "bac": "STMG"}
    assert marks["fl1"].ambition == "realiste" and metiers == ["MET_1"]


def test_second_device_is_merged_into_the_existing_account(site):
    email = new_email()
    first = Browser(site)
    first_pid = _seed_anonymous(site, {"classe": "premiere", "bac": "Générale", "moyenne": 12},
                                [{"id": "a", "note": "old", "at": NOW - timedelta(days=2)},
                                 {"id": "b", "deleted": True, "at": NOW},
                                 {"id": "c", "kind": "corbeille"}], age=timedelta(days=3))
    plant_anonymous(first, first_pid)
    first.sign_in(email)

    second = Browser(site)
    second_pid = _seed_anonymous(site, {"classe": "terminale", "villes": [{"nom": "Lille", "lat": 50.6, "lon": 3.06}]},
                                 [{"id": "a", "note": "new", "at": NOW - timedelta(days=1), "version": 3},
                                  {"id": "b", "at": NOW - timedelta(days=5)},
                                  {"id": "d", "ambition": "ambitieux"}])
    plant_anonymous(second, second_pid)
    second.sign_in(email)

    person, profile, marks, _ = _state(site, email)
    assert person.id == first_pid
    # newest profile wins per field, fields only the older one had are kept
    answered = {k: v for k, v in profile.items() if v not in (None, [])}
    assert answered == {"classe": "terminale", "bac": "Générale", "moyenne": 12,
                        "villes": [{"nom": "Lille", "lat": 50.6, "lon": 3.06}]}
    assert marks["a"].note == "new" and marks["a"].version == 4  # newest edit, new version for sync
    assert marks["b"].deleted is False  # a removal never beats a live favourite
    assert marks["c"].kind == "corbeille" and marks["d"].ambition == "ambitieux"
    assert all(m.updated_at for m in marks.values())

    async def gone(db):
        return await db.get(Person, second_pid)
    assert run_db(db_url(site), gone) is None


def test_signed_in_person_is_the_current_person(site):
    from litestar import Request

    from mps.domain.identity.web import current_person_id
    from mps.web.sessions import _SIGNED_IN, SignedIn

    browser, email = Browser(site), new_email()
    browser.sign_in(email)
    person, *_ = _state(site, email)
    request = Request(scope={"type": "http", _SIGNED_IN: SignedIn(person.id, "email", "h"), "headers": [],
                             "app": site.app, "litestar_app": site.app, "path": "/", "query_string": b"",
                             "method": "GET"})
    assert current_person_id(request) == person.id


def _onboard(browser: Browser, steps: list[tuple[str, dict]]) -> None:
    for step, data in steps:
        r = browser.post_form(f"/profil/{step}", data, follow_redirects=False)
        assert r.status_code == 303, (step, r.text[:300])


def test_a_phone_with_only_a_town_signing_in_keeps_the_accounts_profile(site):
    """Seen: the account kept only the phone's town (the teacher's view fell to 12 % complete)."""
    email = new_email()
    laptop = Browser(site)
    _onboard(laptop, [("situation", {"situation": "quelques_pistes", "classe": "terminale"}), ("bac", {"bac": "Générale"}),
                      ("specialites", {"specialites": ["Mathématiques", "Physique-Chimie (PC)"]}),
                      ("interets", {"interets": ["ci7", "ci19"]}), ("etudes", {"duree": "longue", "alternance": "interesse"}),
                      ("villes", {"ville": "59000"}), ("moyenne", {"moyenne": "14,5"})])
    laptop.sign_in(email)
    phone = Browser(site)
    _onboard(phone, [("villes", {"ville": "Lyon"})])
    phone.sign_in(email)
    profile = phone.get("/api/v1/profile").json()
    assert profile["classe"] == "terminale" and profile["bac"] == "Générale" and profile["moyenne"] == 14.5
    assert len(profile["specialites"]) == 2 and profile["interets"] == ["ci7", "ci19"]
    assert profile["duree"] == "longue" and profile["alternance"] == "interesse"
    assert [v["nom"] for v in profile["villes"]] == ["Lille (59)", "Lyon (69)"]
    assert laptop.get("/api/v1/profile").json() == profile


def test_an_answer_changed_on_the_phone_after_the_account_wins(site):
    email = new_email()
    laptop = Browser(site)
    _onboard(laptop, [("bac", {"bac": "STMG"}), ("moyenne", {"moyenne": "11"})])
    laptop.sign_in(email)
    phone = Browser(site)
    _onboard(phone, [("moyenne", {"moyenne": "13"})])
    phone.sign_in(email)
    profile = phone.get("/api/v1/profile").json()
    assert profile["bac"] == "STMG" and profile["moyenne"] == 13
