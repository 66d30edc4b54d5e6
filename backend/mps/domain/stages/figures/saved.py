"""The figures as the background job last saved them (table stage_figures), and the claim that lets one job
at a time compute a school year and level, whatever the number of processes. No Request here."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.models import StageFigures
from mps.domain.stages.figures.service import data_version
from mps.domain.stages.figures.tables import Row

CLAIM_TIMEOUT = timedelta(minutes=15)  # a claim older than this is a crashed job's: taken over


@dataclass(frozen=True)
class Saved:
    computed_at: datetime | None  # None: never computed yet
    rows: dict[str, list[Row]]
    stale: bool  # an offer, a seeker or an application changed since (a job is on its way)
    running: bool


def row_out(row: Row) -> dict:
    return {"key": row.key, "label": row.label, "values": row.values, "hidden": sorted(row.hidden),
            "total": row.total}


def row_in(doc: dict) -> Row:
    return Row(key=doc["key"], label=doc["label"], values=dict(doc["values"]), hidden=set(doc["hidden"]),
               total=bool(doc["total"]))


async def current_version(db: AsyncSession) -> str:
    """A digest of what the figures are computed from (figures/service.data_version), cheap to read."""
    return hashlib.sha256(repr(await data_version(db)).encode()).hexdigest()


async def read(db: AsyncSession, year: int, niveau: str, now: datetime) -> Saved:
    record = await db.get(StageFigures, (year, niveau))
    if record is None:
        return Saved(None, {}, stale=True, running=False)
    running = record.running_since is not None and record.running_since > now - CLAIM_TIMEOUT
    stale = record.computed_at is None or record.version != await current_version(db)
    return Saved(record.computed_at,
                 {grouping: [row_in(r) for r in rows] for grouping, rows in (record.rows or {}).items()},
                 stale=stale, running=running)


async def claim(db: AsyncSession, year: int, niveau: str, now: datetime) -> bool:
    """Take the right to compute (year, niveau): False while another job holds it. Commits."""
    await db.execute(dialect_insert(db, StageFigures.__table__).values(
        school_year=year, niveau=niveau, version="", rows={}).on_conflict_do_nothing())
    taken = await db.execute(update(StageFigures).where(
        StageFigures.school_year == year, StageFigures.niveau == niveau,
        or_(StageFigures.running_since.is_(None), StageFigures.running_since < now - CLAIM_TIMEOUT))
        .values(running_since=now).execution_options(synchronize_session=False))
    await db.commit()
    return taken.rowcount == 1


async def save(db: AsyncSession, year: int, niveau: str, version: str, rows: dict[str, list[Row]],
               now: datetime) -> None:
    """Store the figures and release the claim."""
    await db.execute(update(StageFigures).where(StageFigures.school_year == year, StageFigures.niveau == niveau)
        .values(version=version, computed_at=now, running_since=None,
                rows={g: [row_out(r) for r in grouping_rows] for g, grouping_rows in rows.items()})
        .execution_options(synchronize_session=False))
    await db.commit()


async def release(db: AsyncSession, year: int, niveau: str) -> None:
    await db.execute(update(StageFigures).where(StageFigures.school_year == year, StageFigures.niveau == niveau)
        .values(running_since=None).execution_options(synchronize_session=False))
    await db.commit()
