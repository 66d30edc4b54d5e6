"""Material for the before-and-after tests: a signed-in student whose stage is confirmed through the
applications' own service, a teacher with a class the student joined, people of the other roles."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from mps.db.models import Lycee, Person, StageOfferPeriod
from mps.domain.classes import service as classes
from mps.domain.stages.applications import service as applications
from mps.domain.stages.applications.service import Actor
from mps.domain.stages.board import load_board
from mps.domain.stages.seekers import save_seeker
from mps.domain.stages.siret import luhn_ok
from tests.conftest import ROOT
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.application_helpers import accepted
from tests.integration.stages.helpers import clock, employer_org, published, run


def new_siret() -> str:
    """A SIRET whose Luhn key checks, different each call (the site's database is shared by the tests)."""
    while True:
        digits = "".join(random.choice("0123456789") for _ in range(13))
        for last in "0123456789":
            if luhn_ok(digits + last) and not digits.startswith("356000000"):
                return digits + last


def signed_in(site, role: str = "lyceen", next_url: str = "/compte") -> tuple[Browser, str]:
    browser = Browser(site)
    email = new_email(role, "ac-lille.fr" if role == "enseignant" else "exemple.fr")  # teachers: academic address
    browser.sign_in(email, role=role, next_url=next_url)
    return browser, email


async def person_by_email(db, email: str) -> Person:
    return await db.scalar(select(Person).where(Person.email == email))


@dataclass
class Placed:
    browser: Browser
    email: str
    student_id: str
    application_id: int
    employer_id: str


def placed_student(site, geocoder, secteur: str = "s43", started: bool = True) -> Placed:
    """A student signed in, with a confirmed seconde stage in `secteur`; `started` moves the period to the
    past week so that the report can be written."""
    browser, email = signed_in(site)
    board = load_board(ROOT / "data")

    async def work(db):
        student = await person_by_email(db, email)
        await save_seeker(db, student.id, niveau="seconde")
        boss, org = await employer_org(db, siret=new_siret(), name="Centre hospitalier de test", verified=True)
        offer = await published(db, board, geocoder, org, secteur=secteur,
                                title="Découvrir les métiers de l'hôpital")
        app = await accepted(db, student, offer, boss)
        await applications.confirm(db, app, Actor("student", student.id), clock()[0])
        if started:
            today = clock()[1]
            await db.execute(update(StageOfferPeriod).where(StageOfferPeriod.id == app.period_id)
                             .values(starts_on=today - timedelta(days=11), ends_on=today - timedelta(days=1)))
        return student.id, app.id, boss.id

    student_id, app_id, boss_id = run(db_url(site), work)
    return Placed(browser, email, student_id, app_id, boss_id)


def teacher_with_class(site, student_ids: list[str], name: str = "Léa M.") -> tuple[Browser, str]:
    """A signed-in teacher and the id of their class, which these students joined (with consent)."""
    browser, email = signed_in(site, role="enseignant", next_url="/classes")

    async def work(db):
        teacher = await person_by_email(db, email)
        lycee = await db.scalar(select(Lycee).order_by(Lycee.uai).limit(1))
        cls = await classes.create_class(db, teacher, lycee, "2de 4", classes.current_school_year())
        for sid in student_ids:
            await classes.join(db, cls, await db.get(Person, sid), name)
        return cls.id

    return browser, run(db_url(site), work)


def set_role(site, email: str, role: str) -> None:
    async def work(db):
        await db.execute(update(Person).where(Person.email == email).values(role=role))
    run(db_url(site), work)
