"""Storage of the preparation and the report, and who may read them.

A student reaches only their own confirmed applications (`own_stage`); a teacher reads a report only
while the student shares it and is a member of one of the teacher's classes (`shared_reports`).
Anything else is « not found », never « forbidden ».
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.models import (ClassMember, Person, SchoolClass, StageApplication, StageDebrief, StageOffer,
                           StageOfferPeriod, StageOrganisation, StagePreparation)
from mps.domain.stages.applications.store import application_for, placement_of
from mps.domain.stages.periods import board_year
from mps.domain.stages.preparation.checklist import Tick, apply_ticks, done_ids
from mps.lib.errors import NotFound

NOT_FOUND = "Ce stage n'existe pas, ou il n'est pas à toi."


@dataclass
class Stage:
    """A confirmed application with what the pages show of it."""

    app: StageApplication
    offer: StageOffer
    organisation: StageOrganisation
    period: StageOfferPeriod

    @property
    def id(self) -> int:
        return self.app.id

    def started(self, today: date) -> bool:
        return today >= self.period.starts_on


async def _stage(db: AsyncSession, application: StageApplication) -> Stage | None:
    offer = await db.get(StageOffer, application.offer_id)
    period = await db.get(StageOfferPeriod, application.period_id)
    if offer is None or period is None:
        return None
    return Stage(application, offer, await db.get(StageOrganisation, offer.organisation_id), period)


async def stages_of(db: AsyncSession, person_id: str, today: date) -> list[Stage]:
    """The student's confirmed stages of this board year and of the last one (a report written in July)."""
    year = board_year(today)
    applications = await placement_of(db, person_id, year) + await placement_of(db, person_id, year - 1)
    stages = [await _stage(db, a) for a in applications]
    return sorted((s for s in stages if s is not None), key=lambda s: (s.period.starts_on, s.id))


async def own_stage(db: AsyncSession, person_id: str, application_id: int) -> Stage:
    application = await application_for(db, application_id)
    stage = await _stage(db, application) if application is not None and application.student_id == person_id and \
        application.status == "confirmed" else None
    if stage is None:
        raise NotFound(NOT_FOUND)
    return stage


async def ticks_of(db: AsyncSession, application_id: int) -> dict:
    row = await db.get(StagePreparation, application_id)
    return dict(row.ticks) if row is not None and isinstance(row.ticks, dict) else {}


async def save_ticks(db: AsyncSession, stage: Stage, ticks: list[Tick], now: datetime,
                     known: frozenset[str]) -> tuple[dict, list[str]]:
    """Merge the ticks into the stored ones (the row locked on PostgreSQL: two devices at once both count)."""
    # The row exists before it is locked: two first ticks at once (two devices, a double tap) insert it once.
    await db.execute(dialect_insert(db, StagePreparation).values(
        application_id=stage.id, person_id=stage.app.student_id, ticks={}, updated_at=now).on_conflict_do_nothing())
    row = await db.get(StagePreparation, stage.id, with_for_update=True, populate_existing=True)
    state, results = apply_ticks(row.ticks if isinstance(row.ticks, dict) else {}, ticks,
                                 int(now.timestamp() * 1000), known)
    if "applied" in results:
        row.ticks, row.updated_at = state, now
    await db.flush()
    return state, results


async def report_of(db: AsyncSession, application_id: int) -> StageDebrief | None:
    return await db.get(StageDebrief, application_id)


async def save_report(db: AsyncSession, stage: Stage, texts: dict[str, str], version: int | None,
                      now: datetime) -> tuple[StageDebrief, bool]:
    """(the report, saved?). Not saved when `version` is older than the stored one: the page shows both."""
    row = await db.get(StageDebrief, stage.id, with_for_update=True)
    if row is None:
        row = StageDebrief(application_id=stage.id, person_id=stage.app.student_id, shared_at=None, consent_log=[],
                           added=[], created_at=now, version=0, **texts, updated_at=now)
        db.add(row)
    elif version is not None and version != row.version:
        return row, False
    for name, text in texts.items():
        setattr(row, name, text)
    row.version, row.updated_at = row.version + 1, now
    await db.flush()
    return row, True


async def set_shared(db: AsyncSession, report: StageDebrief, shared: bool, now: datetime) -> None:
    """Give or withdraw the consent to the teacher, dated; every change kept in consent_log."""
    if bool(report.shared_at) == shared:
        return
    report.shared_at = now if shared else None
    report.consent_log = [*(report.consent_log or []), {"at": now.isoformat(), "shared": shared}]
    await db.flush()


async def record_added(db: AsyncSession, report: StageDebrief, keys: list[str]) -> None:
    report.added = list(dict.fromkeys([*(report.added or []), *keys]))
    await db.flush()


@dataclass
class SharedReport:
    member_name: str
    student_id: str
    stage: Stage
    report: StageDebrief


async def shared_reports(db: AsyncSession, cls: SchoolClass) -> list[SharedReport]:
    """The reports the class's students share now (a student who left the class is no longer listed)."""
    rows = (await db.execute(
        select(Person.display_name, StageDebrief)
        .select_from(ClassMember)
        .join(Person, Person.id == ClassMember.person_id)
        .join(StageDebrief, StageDebrief.person_id == ClassMember.person_id)
        .join(StageApplication, StageApplication.id == StageDebrief.application_id)
        .where(ClassMember.class_id == cls.id, StageDebrief.shared_at.is_not(None),
               StageApplication.status == "confirmed")
        .order_by(StageDebrief.shared_at, StageDebrief.application_id))).all()
    out = []
    for name, report in rows:
        stage = await _stage(db, await db.get(StageApplication, report.application_id))
        if stage is not None:
            out.append(SharedReport(name or "Élève sans prénom", report.person_id, stage, report))
    return out


async def export_of(db: AsyncSession, person_id: str) -> dict:
    """The person's checklists and reports for « Mes données » (consent history included)."""
    preparations = (await db.scalars(select(StagePreparation).where(StagePreparation.person_id == person_id))).all()
    reports = (await db.scalars(select(StageDebrief).where(StageDebrief.person_id == person_id))).all()
    return {
        "preparations": [{"candidature_id": p.application_id, "points_coches": sorted(done_ids(p.ticks or {})),
                          "modifie_le": p.updated_at.isoformat()} for p in preparations],
        "comptes_rendus": [{"candidature_id": r.application_id, "decouvert": r.decouvert, "aime": r.aime,
                            "moins_aime": r.moins_aime, "metiers_vus": r.metiers_vus,
                            "partage_avec_les_professeurs_depuis": r.shared_at.isoformat() if r.shared_at else None,
                            "historique_du_partage": list(r.consent_log or []), "ajoute_au_profil": list(r.added or []),
                            "ecrit_le": r.created_at.isoformat(), "modifie_le": r.updated_at.isoformat()}
                           for r in reports],
    }


async def forget(db: AsyncSession, person_id: str) -> None:
    """Erase the person's checklists and reports (« Mes données »), without relying on cascades."""
    await db.execute(delete(StagePreparation).where(StagePreparation.person_id == person_id))
    await db.execute(delete(StageDebrief).where(StageDebrief.person_id == person_id))
