"""The column types of db/types.py on both databases: UTC datetimes and JSON columns, and the migrations
that turned the old text columns holding JSON into JSON columns without losing a row."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import select, text

from mps.db.migrate import alembic_config, upgrade
from mps.db.models import CatalogueImport, FormationMark, Person, Profile, SyncItem
from tests.conftest import BACKENDS
from tests.integration.db.one_session import run_in_session

BEFORE_JSON = ("0011_ux_mark_position", "0008_sync", "0010_formation_aliases")
T0 = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_turns_text_holding_json_into_json_values(databases, backend):
    url = databases.new(backend)
    for revision in BEFORE_JSON:
        command.upgrade(alembic_config(url), revision)

    async def old_rows(db):
        await db.execute(text("INSERT INTO people (id, created_at, role, display_name) VALUES ('p1', :t, 'lyceen', '')"),
                         {"t": T0})
        await db.execute(text("INSERT INTO profiles (person_id, data, edits, updated_at) "
                              "VALUES ('p1', :d, :e, :t)"),
                         {"d": '{"classe": "terminale", "villes": [{"nom": "Lille (59)"}]}', "e": '{"t": {"classe": 5}}',
                          "t": T0})
        await db.execute(text("INSERT INTO formation_marks (person_id, formation_id, kind, places, note, position, "
                              "deleted, version, updated_at) VALUES ('p1', 'but-info', 'favori', '[3, 1]', 'é', 1, "
                              ":f, 2, :t), ('p1', 'bts-ndrc', 'corbeille', '', '', 2, :f, 1, :t)"),
                         {"t": T0, "f": False})
        await db.execute(text("INSERT INTO sync_items (person_id, formation_id, seq, row_version, state) "
                              "VALUES ('p1', 'but-info', 4, 2, :s)"), {"s": '{"f":[1,"a",true],"h":{"n1":[2,"é"]}}'})
        await db.execute(text("INSERT INTO catalogue_imports (finished_at, source_hash, session, counts) "
                              "VALUES (:t, 'h', 2026, :c)"), {"t": T0, "c": '{"formations": 3}'})
    run_in_session(url, old_rows)
    upgrade(url)

    async def read(db):
        profile = await db.get(Profile, "p1")
        marks = {m.formation_id: m.places for m in await db.scalars(select(FormationMark))}
        item = await db.scalar(select(SyncItem))
        imported = await db.scalar(select(CatalogueImport))
        return profile.data, profile.edits, profile.updated_at, marks, item.state, imported.counts
    data, edits, updated_at, marks, state, counts = run_in_session(url, read)
    assert data == {"classe": "terminale", "villes": [{"nom": "Lille (59)"}]}
    assert edits == {"t": {"classe": 5}}
    assert updated_at == T0 and updated_at.tzinfo is not None
    assert marks == {"but-info": [3, 1], "bts-ndrc": []}  # the old readers took "" as no place
    assert state == {"f": [1, "a", True], "h": {"n1": [2, "é"]}}
    assert counts == {"formations": 3}


@pytest.mark.parametrize("backend", BACKENDS)
def test_datetimes_come_back_aware_in_utc_and_json_values_as_written(databases, backend):
    url = databases.migrated(backend)
    paris = datetime(2026, 6, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))

    async def write(db):
        db.add(Person(id="p2", created_at=paris, role="lyceen"))
        await db.flush()
        db.add(Profile(person_id="p2", data={"moyenne": 12.5, "metiers": ["MET_1"]}, updated_at=T0))
        db.add(FormationMark(person_id="p2", formation_id="f", kind="favori", places=[7, 2], note="",
                             deleted=False, version=1, updated_at=T0))
    run_in_session(url, write)

    async def read(db):
        person = await db.get(Person, "p2")
        later = await db.scalar(select(Person.id).where(Person.created_at > datetime(2026, 6, 1, 11, 59, tzinfo=timezone.utc)))
        profile = await db.get(Profile, "p2")
        mark = await db.scalar(select(FormationMark))
        return person.created_at, later, profile.data, profile.edits, mark.places
    created_at, later, data, edits, places = run_in_session(url, read)
    assert created_at == paris and created_at.utcoffset() == timedelta(0)  # the same moment, told in UTC
    assert later == "p2"  # compared as moments in SQL too (12:00 UTC > 11:59 UTC)
    assert data == {"moyenne": 12.5, "metiers": ["MET_1"]} and edits == {} and places == [7, 2]


@pytest.mark.parametrize("backend", BACKENDS)
def test_json_text_given_to_a_json_column_is_refused_not_stored_as_a_string(databases, backend):
    url = databases.migrated(backend)

    async def write(db):
        db.add(Person(id="p3", created_at=T0, role="lyceen"))
        await db.flush()
        db.add(FormationMark(person_id="p3", formation_id="f", kind="favori", places="[1]", note="", deleted=False,
                             version=1, updated_at=T0))
        await db.flush()
    with pytest.raises(Exception, match="not its JSON text"):
        run_in_session(url, write)
