"""Dates confirmed in the back-office (Piccolo's admin_timeline_date) replace the provisional ones; a bad row is
ignored and the timeline stays whole."""
from __future__ import annotations

from datetime import date

from sqlalchemy import insert

from mps.domain.timeline import confirm
from mps.domain.timeline.confirm import CONFIRMED, current_years
from mps.domain.timeline.data import load_timeline
from tests.integration.accounts.fixtures import run_db


def test_a_confirmed_date_is_no_longer_provisional(empty_db, caplog):
    confirm._reported.clear()  # each refused row is logged once per process
    async def work(db):
        await db.execute(insert(CONFIRMED), [
            {"step_key": "2026-2027/parcoursup-voeux", "start": date(2027, 1, 20), "end": date(2027, 3, 11)},
            {"step_key": "2026-2027/parcoursup-ouverture", "start": date(2026, 12, 17), "end": None},
            {"step_key": "2026-2027/nulle-part", "start": date(2027, 1, 1), "end": None},
            {"step_key": "2026-2027/parcoursup-admission", "start": date(2030, 6, 1), "end": None},
        ])
        await db.flush()
        return await current_years(db)

    years = run_db(empty_db, work)
    shipped = load_timeline()["2026-2027"]
    wishes = years["2026-2027"].step("parcoursup-voeux")
    assert (wishes.start, wishes.end, wishes.provisional) == (date(2027, 1, 20), date(2027, 3, 11), False)
    opening = years["2026-2027"].step("parcoursup-ouverture")
    assert (opening.start, opening.end, opening.provisional) == (date(2026, 12, 17), date(2026, 12, 17), False)
    # The bad rows change nothing, and say why in the log.
    assert years["2026-2027"].step("parcoursup-admission") == shipped.step("parcoursup-admission")
    assert "nulle-part ignored" in caplog.text and "parcoursup-admission ignored" in caplog.text
    assert [s.start for s in years["2026-2027"].steps] == sorted(s.start for s in years["2026-2027"].steps)
    assert shipped.step("parcoursup-voeux").provisional  # the files in service are never changed
