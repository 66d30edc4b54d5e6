"""Migration 0026_plan_wish_flags on both databases: « déjà sur Parcoursup » moves from the favourite to each
of its chosen places (wishes, sub-wishes), devices learn it (version up), and the downgrade gives it back."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import select, text

from mps.db.migrate import alembic_config, upgrade
from mps.db.models import FormationMark
from tests.conftest import BACKENDS
from tests.integration.db.one_session import run_in_session

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
BEFORE = ("0012_plan_marks", "0012_people_json")


async def _old_rows(db):
    await db.execute(text("INSERT INTO people (id, created_at, role, display_name) VALUES ('p1', :t, 'lyceen', '')"),
                     {"t": T0})
    rows = [  # formation, places, on_parcoursup, deleted
        ("bts-3-lycees", "[11, 12, 13]", True, False),  # a multiple wish marked: each sub-wish
        ("licence-2-facs", "[21, 22]", True, False),  # two simple wishes marked: each of them
        ("but-sans-lieu", "[]", True, False),  # no place chosen: the favourite keeps the mark
        ("bts-pas-ajoute", "[31]", False, False),  # not marked: nothing changes
        ("retire", "[41]", True, True),  # a tombstone keeps what it said, per place too
    ]
    for i, (fid, places, on, deleted) in enumerate(rows, start=1):
        await db.execute(text("INSERT INTO formation_marks (person_id, formation_id, kind, places, note, position, "
                              "on_parcoursup, note_shared, deleted, version, updated_at) VALUES ('p1', :fid, "
                              "'favori', :places, '', :pos, :on, :off, :deleted, 3, :t)"),
                         {"fid": fid, "places": places, "pos": i, "on": on, "off": False, "deleted": deleted,
                          "t": T0})


async def _marks(db):
    return {m.formation_id: (m.added_places, m.on_parcoursup, m.version)
            for m in await db.scalars(select(FormationMark))}


@pytest.mark.parametrize("backend", BACKENDS)
def test_marks_move_from_the_favourite_to_each_wish_and_back(databases, backend):
    url = databases.new(backend)
    for revision in BEFORE:
        command.upgrade(alembic_config(url), revision)
    run_in_session(url, _old_rows)
    upgrade(url)
    assert run_in_session(url, _marks) == {
        "bts-3-lycees": ([11, 12, 13], False, 4),
        "licence-2-facs": ([21, 22], False, 4),
        "but-sans-lieu": ([], True, 3),
        "bts-pas-ajoute": ([], False, 3),
        "retire": ([41], False, 4),
    }

    async def unmark_one(db):  # after the upgrade the student unticks one licence wish only
        mark = await db.scalar(select(FormationMark).where(FormationMark.formation_id == "licence-2-facs"))
        mark.added_places = [21]
    run_in_session(url, unmark_one)

    command.downgrade(alembic_config(url), "0012_plan_marks")

    async def flags(db):
        rows = await db.execute(text("SELECT formation_id, on_parcoursup FROM formation_marks"))
        return {fid: bool(on) for fid, on in rows}
    assert run_in_session(url, flags) == {"bts-3-lycees": True, "licence-2-facs": False, "but-sans-lieu": True,
                                "bts-pas-ajoute": False, "retire": True}
    upgrade(url)  # and up again: the same marks per place as before
    assert run_in_session(url, _marks)["bts-3-lycees"][:2] == ([11, 12, 13], False)
