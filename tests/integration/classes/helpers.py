"""A teacher with a class and students who joined it, through the real pages."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from mps.db.models import Lycee, Person, Profile
from tests.integration.accounts.fixtures import Browser, db_url, new_email, run_db
from mps.domain.classes.service import current_school_year


def some_lycee(site) -> Lycee:
    async def work(db):
        return (await db.scalars(select(Lycee).order_by(Lycee.uai).limit(1))).first()
    return run_db(db_url(site), work)


def teacher(site) -> Browser:
    browser = Browser(site)
    browser.sign_in(new_email("prof", "ac-lille.fr"), role="enseignant")
    return browser


def create_class(site, prof: Browser, label: str = "Terminale 3") -> dict:
    lycee = some_lycee(site)
    made = prof.post_form("/classes", {"lycee": lycee.uai, "label": label, "school_year": current_school_year()},
                          follow_redirects=False)
    assert made.status_code == 303, made.text
    class_id = made.headers["location"].rsplit("/", 1)[1]
    return next(c for c in prof.get("/api/v1/classes").json() if c["id"] == class_id)


def student(site, email: str | None = None) -> tuple[Browser, str]:
    browser, email = Browser(site), email or new_email()
    browser.sign_in(email)
    return browser, email


def join(student_browser: Browser, code: str, first_name: str = "Camille", initial: str = "") -> None:
    done = student_browser.post_form("/ma-classe/rejoindre", {"code": code, "first_name": first_name,
                                                             "initial": initial, "consent": "oui"},
                                     follow_redirects=False)
    assert done.status_code == 303, done.text


def person_id(site, email: str) -> str:
    async def work(db):
        return (await db.scalar(select(Person).where(Person.email == email))).id
    return run_db(db_url(site), work)


def set_profile(site, email: str, data: dict) -> None:
    pid = person_id(site, email)

    async def work(db):
        row = await db.get(Profile, pid)
        if row is None:
            db.add(Profile(person_id=pid, data=data, updated_at=datetime.now(timezone.utc)))
        else:
            row.data = data
    run_db(db_url(site), work)
