"""Dates confirmed in the back-office (table admin_timeline_date, Piccolo's): a provisional step
(« date à confirmer ») takes the confirmed dates and stops being provisional.

Read here with SQLAlchemy Core on a table of its own MetaData (Alembic never sees it: Piccolo's migrations
own it). A row naming an unknown step, or dates outside the step's school year, is ignored and logged: a
slip in the back-office never breaks the timeline or the reminders.
"""
from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import Column, Date, Integer, MetaData, String, Table, select
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.timeline.data import STORE, SchoolYear

log = logging.getLogger(__name__)
CONFIRMED = Table("admin_timeline_date", MetaData(), Column("id", Integer, primary_key=True),
                  Column("step_key", String(120)), Column("start", Date), Column("end", Date))
_reported: set[tuple] = set()


def _refuse(row, why: str) -> None:
    if tuple(row) not in _reported:  # once per row and process, not once per page
        _reported.add(tuple(row))
        log.warning("back-office timeline date %s ignored: %s", row.step_key, why)


def apply_confirmations(years: dict[str, SchoolYear], rows) -> dict[str, SchoolYear]:
    """rows: (step_key, start, end|None). Returns new years; the given ones are never changed."""
    changed: dict[str, dict[str, object]] = {}
    for row in rows:
        name, _, step_id = (row.step_key or "").strip().partition("/")
        year = years.get(name)
        step = year.step(step_id) if year else None
        if step is None:
            _refuse(row, "no such step in data/timeline")
            continue
        start = row.start
        end = row.end or start + (step.end - step.start)
        if not (isinstance(start, date) and date(year.start_year, 9, 1) <= start <= date(year.start_year + 1, 8, 31)
                and start <= end <= start + timedelta(days=120)):
            _refuse(row, "dates outside the school year or end before start")
            continue
        changed.setdefault(name, {})[step_id] = replace(step, start=start, end=end, provisional=False)
    out = dict(years)
    for name, steps in changed.items():
        year = years[name]
        merged = sorted((steps.get(s.id, s) for s in year.steps), key=lambda s: (s.start, s.end, s.id))
        out[name] = replace(year, steps=tuple(merged))
    return out


async def current_years(db: AsyncSession) -> dict[str, SchoolYear]:
    """The shipped timeline with the back-office's confirmed dates applied."""
    years = STORE.current()
    try:
        async with db.begin_nested():  # a missing table (back-office never migrated) must not spoil the request
            rows = (await db.execute(select(CONFIRMED.c.step_key, CONFIRMED.c.start, CONFIRMED.c.end))).all()
    except (ProgrammingError, DBAPIError) as exc:
        if "admin_timeline_date" not in str(exc):
            raise
        return years
    return apply_confirmations(years, rows) if rows else years
