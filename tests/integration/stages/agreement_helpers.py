"""Material of the agreement tests: a student placed with one or two host structures (confirmed applications
written as the applications service leaves them), their school, the people of each side signed in."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update

from mps.db.models import (ClassMember, Person, SchoolClass, StageAgreementSignatory, StageApplication, StageMember,
                           StageOfferPeriod)
from mps.domain.stages.seekers import save_seeker
from mps.domain.stages.service import close_offer, now_utc
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.helpers import YEAR, employer_org, published, run

SIGN_LINK = re.compile(r"(https?://\S+/stages/conventions/signer\?t=\S+)")
CODE = re.compile(r"Code de signature : (\d{3}) (\d{3})")
UAI = "0590117G"  # Lycée Faidherbe, Lille (data/annuaire)


@dataclass
class Placement:
    student: Browser
    student_email: str
    employers: list = field(default_factory=list)  # (Browser, email, organisation id, application id)
    agreement_id: int = 0


async def confirmed_application(db, student_id: str, offer, code: str) -> int:
    period = (await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id,
                                                              StageOfferPeriod.code == code))).scalar_one()
    period.taken += 1
    now = now_utc()
    app = StageApplication(student_id=student_id, offer_id=offer.id, period_id=period.id, period_code=code,
                           school_year=offer.school_year, status="confirmed", motivation="J'aime le bois.",
                           first_name="Léa", school_uai=UAI, created_at=now, updated_at=now, confirmed_at=now)
    db.add(app)
    await db.flush()
    return app.id


def new_siret() -> str:
    """A SIRET no other test uses, with its Luhn key."""
    import random

    from mps.domain.stages.siret import luhn_ok
    stem = "".join(random.choice("0123456789") for _ in range(13))
    return next(stem + key for key in "0123456789" if luhn_ok(stem + key))


def employer_browser(site, org_index: int, name: str, board, geocoder, period_code: str, student_id: str):
    browser, email = Browser(site), new_email("rh", "entreprise.fr")
    browser.sign_in(email, role="employeur", next_url="/stages/employeur")

    async def work(db):
        person = (await db.execute(select(Person).where(Person.email == email))).scalar_one()
        _, org = await employer_org(db, siret=new_siret(), name=name)
        db.add(StageMember(person_id=person.id, organisation_id=org.id, created_at=now_utc()))
        periods = ["semaine-1", "semaine-2"] if period_code != "deux-semaines" else ["deux-semaines"]
        offer = await published(db, board, geocoder, org, periodes=periods)
        app_id = await confirmed_application(db, student_id, offer, period_code)
        await close_offer(db, offer)  # out of every search: the board's own tests count the offers near Lille
        return org.id, app_id
    org_id, app_id = run(db_url(site), work)
    return browser, email, org_id, app_id


def person_id(site, email: str) -> str:
    async def work(db):
        return (await db.execute(select(Person.id).where(Person.email == email))).scalar_one()
    return run(db_url(site), work)


def placed_student(site, board, geocoder, two_hosts: bool = False) -> Placement:
    student, email = Browser(site), new_email("eleve")
    student.sign_in(email, role="lyceen", next_url="/stages")
    sid = person_id(site, email)
    run(db_url(site), lambda db: save_seeker(db, sid, school_uai=UAI, niveau="seconde"))
    p = Placement(student, email)
    if two_hosts:
        p.employers.append(employer_browser(site, 1, "Menuiserie Dupont", board, geocoder, "semaine-1", sid))
        p.employers.append(employer_browser(site, 2, "Mairie de Lille", board, geocoder, "semaine-2", sid))
    else:
        p.employers.append(employer_browser(site, 1, "Menuiserie Dupont", board, geocoder, "deux-semaines", sid))
    opened = student.post_form("/stages/conventions", follow_redirects=False)
    assert opened.status_code == 303, opened.text
    p.agreement_id = int(opened.headers["location"].rsplit("/", 1)[1])
    return p


def teacher_of(site, uai: str, student_email: str | None = None) -> tuple[Browser, str]:
    """A teacher with a class at `uai`, which the student of `student_email` joined (with consent) when given."""
    browser, email = Browser(site), new_email("prof", "ac-lille.fr")
    browser.sign_in(email, role="enseignant", next_url="/classes")

    async def work(db):
        pid = (await db.execute(select(Person.id).where(Person.email == email))).scalar_one()
        db.add(SchoolClass(id=pid[:16] + "c1", teacher_id=pid, lycee_uai=uai, lycee_name="Lycée", label="2nde 4",
                           school_year=f"{YEAR - 1}-{YEAR}", join_code=pid[:8].upper(), created_at=now_utc()))
        if student_email:
            await db.flush()
            student = (await db.execute(select(Person.id).where(Person.email == student_email))).scalar_one()
            db.add(ClassMember(class_id=pid[:16] + "c1", person_id=student, consent_at=now_utc()))
    run(db_url(site), work)
    return browser, email


HOST_PART = {"signer_name": "Paul Dupont", "signer_function": "Gérant", "tutor_name": "Ana Lopes",
             "tutor_function": "Cheffe d'atelier", "tutor_phone": "03 20 00 00 00", "days": ["lun", "mar", "mer",
             "jeu", "ven"], "start": "9:00", "end": "16:30", "pause_minutes": "60"}


def fill_everything(site, p: Placement, head_email: str) -> None:
    base = f"/stages/conventions/{p.agreement_id}"
    r = p.student.post_form(base + "/eleve", {"last_name": "Martin", "first_name": "Léa", "birth_date": "2010-03-14",
                                              "class_label": "2nde 4", "guardian_name": "Marc Martin",
                                              "guardian_email": new_email("parent")}, follow_redirects=False)
    assert r.status_code == 303, r.text
    r = p.student.post_form(base + "/etablissement", {"head_name": "Claire Roy", "head_email": head_email},
                            follow_redirects=False)
    assert r.status_code == 303, r.text
    for i, (browser, email, _org, app_id) in enumerate(p.employers):
        signer = new_email(f"signataire{i}", "entreprise.fr")
        r = browser.post_form(base + "/accueil", {**HOST_PART, "host": f"a{app_id}", "signer_email": signer,
                                                  "tutor_email": new_email("tuteur", "entreprise.fr")},
                              follow_redirects=False)
        assert r.status_code == 303, r.text


def signatory_rows(site, agreement_id: int) -> list:
    async def work(db):
        rows = await db.execute(select(StageAgreementSignatory).where(
            StageAgreementSignatory.agreement_id == agreement_id).order_by(StageAgreementSignatory.id))
        return list(rows.scalars())
    return run(db_url(site), work)


def sign_token(site, address: str) -> str:
    return SIGN_LINK.search(site.smtp.last_text(address)).group(1).split("t=", 1)[1]


def ask_code(site, browser: Browser, token: str, address: str) -> str:
    r = browser.post_form("/stages/conventions/signer/code", {"t": token})
    assert r.status_code == 200, r.text
    m = CODE.search(site.smtp.for_address(address)[-1]["Subject"])
    return m.group(1) + m.group(2)


def age_code(site, row_id: int, **delta) -> None:
    """Move a signatory's code or lock into the past, as time passing would."""
    async def work(db):
        row = await db.get(StageAgreementSignatory, row_id)
        values = {k: getattr(row, k) - timedelta(**delta) for k in ("code_sent_at", "code_expires_at", "locked_until")
                  if getattr(row, k) is not None}
        await db.execute(update(StageAgreementSignatory).where(StageAgreementSignatory.id == row_id).values(**values))
    run(db_url(site), work)
