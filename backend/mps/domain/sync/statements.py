"""The SQL of a sync, built once at import (building a statement and its cache key costs more than running it);
mps.domain.sync.store sends it and turns its rows into Mark and Item.

PostgreSQL: the read (the person found by a session's token hash or an anonymous device's id, the counter, the op
ids applied before, the marks to look at) and the write (counter, op ids, marks, items), one statement each, sent by
asyncpg itself (through SQLAlchemy a statement costs the app about twice the CPU: issue 16, bench/sync_cost.py).
SQLite: the counter's upsert and the op ids' claim, the marks' read, then the marks, items and counter written, each
through SQLAlchemy Core.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import DateTime, Integer, and_, bindparam, func, or_, select, true, update

from mps.db.dialect_insert import dialect_insert
from mps.db.models import FormationMark, Person, SignInSession, SyncAppliedOp, SyncItem, SyncPerson


@dataclass(slots=True)
class Mark:
    """A formation_marks row as sync reads and writes it (favourites.service's rules change it in place)."""
    id: int | None  # None: a new mark, inserted by write()
    person_id: str
    formation_id: str
    kind: str
    ambition: str | None
    places: list
    note: str
    position: int
    added_places: list
    on_parcoursup: bool
    note_shared: bool
    deleted: bool
    version: int
    updated_at: datetime


@dataclass(slots=True)
class Item:
    """A mark's sync item: its merge state, the seq of its last change and the mark's version it matches."""
    seq: int
    row_version: int
    state: dict


MARK_COLUMNS = tuple(f.name for f in fields(Mark))
WRITTEN = MARK_COLUMNS[3:]  # what a write sets (id, person and formation never change)
_TABLE = FormationMark.__table__
_SINCE = bindparam("since", type_=Integer)
# A signed-in device's sync on PostgreSQL (mps.domain.sync.web): the person is the session's, looked up by the
# token's hash in the same statement as the rest (one round trip less); none if the session expired or was ended.
_SESSION_PERSON = select(SignInSession.person_id).where(
    SignInSession.token_hash == bindparam("token_hash"),
    SignInSession.expires_at > bindparam("now", type_=DateTime(timezone=True))).scalar_subquery()


def _statements(pid, finds_person: bool = False):
    """The marks a sync looks at (SQLite's read), and PostgreSQL's whole read, for the person `pid` names."""
    seq = select(SyncPerson.seq).where(SyncPerson.person_id == pid).scalar_subquery()
    # All the marks for a full answer (since 0, or a cursor from elsewhere: past the counter), else those the device
    # has not seen (seq > since), those changed outside sync (no item yet, or another version) and those the
    # operations name. The others are neither read nor sent.
    marks = (select(*(_TABLE.c[c] for c in MARK_COLUMNS), SyncItem.seq, SyncItem.row_version, SyncItem.state)
             .outerjoin(SyncItem, and_(SyncItem.person_id == FormationMark.person_id,
                                       SyncItem.formation_id == FormationMark.formation_id))
             .where(FormationMark.person_id == pid,
                    or_(_SINCE == 0, _SINCE > func.coalesce(seq, 0), SyncItem.person_id.is_(None),
                        SyncItem.row_version != FormationMark.version, SyncItem.seq > _SINCE,
                        FormationMark.formation_id.in_(bindparam("fids", expanding=True))))
             .order_by(FormationMark.position, FormationMark.id))
    # PostgreSQL: the counter and which op ids were applied before, beside the marks, in one statement (one snapshot).
    done = select(func.array_agg(SyncAppliedOp.op_id)).where(
        SyncAppliedOp.person_id == pid, SyncAppliedOp.op_id.in_(bindparam("op_ids", expanding=True)))
    head = select(*((pid.label("person"),) if finds_person else ()), seq.label("counter"),
                  done.scalar_subquery().label("done")).subquery("head")
    found = marks.subquery("m")
    return marks, (select(*head.c, *found.c).select_from(head.outerjoin(found, true()))
                   .order_by(found.c.position, found.c.id))


MARKS, PG_READ = _statements(bindparam("pid"))
_, PG_READ_BY_SESSION = _statements(_SESSION_PERSON, finds_person=True)
# An anonymous device's (mps.domain.sync.web): the person its signed cookie names, if that person still exists.
_, PG_READ_BY_DEVICE = _statements(select(Person.id).where(Person.id == bindparam("device_pid")).scalar_subquery(),
                                   finds_person=True)
LAST_POSITION = select(func.max(FormationMark.position)).where(FormationMark.person_id == bindparam("pid"))

# PostgreSQL: the counter, the op ids, the marks' updates and inserts and the items' upsert in one statement, each
# list as one JSON parameter. Every part runs after the counter's row is locked (FROM counter): two syncs of one
# person queue there, not on their marks. It writes only if nothing moved since the read: the counter still at the
# seq read ($6), every op id still unclaimed, every mark still at the version read (a web form may have changed it)
# and every new one still absent; else the last SELECT fails the statement, so nothing of it is written (store.write
# raises MarkChanged). (Plain SQL has no RAISE: a failing cast is the error, its text says why.)
_PG_TYPES = {"id": "INTEGER", "kind": "VARCHAR", "ambition": "VARCHAR", "places": "JSON", "note": "TEXT",
             "position": "INTEGER", "added_places": "JSON", "on_parcoursup": "BOOLEAN", "note_shared": "BOOLEAN",
             "deleted": "BOOLEAN", "version": "INTEGER", "updated_at": "TIMESTAMP WITH TIME ZONE",
             "formation_id": "VARCHAR", "read_version": "INTEGER"}
STALE = "mps-sync: changed since read"


def _record(names) -> str:
    return ", ".join(f"{n} {_PG_TYPES[n]}" for n in names)


PG_WRITE = f"""
WITH counter AS (
    INSERT INTO sync_people AS p (person_id, seq) VALUES ($1, $3)
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq WHERE p.seq = $6 RETURNING 1),
claimed AS (
    INSERT INTO sync_applied_ops (person_id, op_id, applied_at)
    SELECT $1, op_id, $8::TIMESTAMP WITH TIME ZONE FROM counter, unnest($7::VARCHAR[]) AS op_id
    ON CONFLICT DO NOTHING RETURNING 1),
changed AS (
    UPDATE formation_marks AS m SET {", ".join(f"{c} = r.{c}" for c in WRITTEN)}
    FROM counter, json_to_recordset($4::json) AS r({_record(("id", "read_version", *WRITTEN))})
    WHERE m.id = r.id AND m.person_id = $1 AND m.version = r.read_version RETURNING 1),
added AS (
    INSERT INTO formation_marks (person_id, formation_id, {", ".join(WRITTEN)})
    SELECT $1, r.formation_id, {", ".join(f"r.{c}" for c in WRITTEN)}
    FROM counter, json_to_recordset($5::json) AS r({_record(("formation_id", *WRITTEN))})
    ON CONFLICT (person_id, formation_id) DO NOTHING RETURNING 1),
items AS (
    INSERT INTO sync_items (person_id, formation_id, seq, row_version, state)
    SELECT $1, i.formation_id, i.seq, i.row_version, i.state
    FROM counter, json_to_recordset($2::json) AS i(formation_id VARCHAR, seq INTEGER, row_version INTEGER, state JSON)
    ON CONFLICT (person_id, formation_id) DO UPDATE
    SET seq = excluded.seq, row_version = excluded.row_version, state = excluded.state)
SELECT CASE WHEN (SELECT count(*) FROM counter) = 1 AND (SELECT count(*) FROM claimed) = cardinality($7::VARCHAR[])
    AND (SELECT count(*) FROM changed) + (SELECT count(*) FROM added) = $9 THEN 1
    ELSE ('{STALE}: ' || (SELECT count(*) FROM counter))::INTEGER END"""

# -- SQLite, through SQLAlchemy Core ----------------------------------------------------------------------

UPDATE_MARK = (update(_TABLE).where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.version == bindparam("read_version"))
               .values({c: bindparam(c, type_=_TABLE.c[c].type) for c in WRITTEN}))
INSERT_MARK = _TABLE.insert()
SET_COUNTER = update(SyncPerson).where(SyncPerson.person_id == bindparam("pid")).values(seq=bindparam("new_seq"))
_built: dict[str, object] = {}  # the statements below, built on first use (dialect_insert needs the session)


def upsert_counter(db):
    """The person's counter row created if need be, its seq returned."""
    if "counter" not in _built:
        table = SyncPerson.__table__
        stmt = dialect_insert(db, table).values(person_id=bindparam("pid"), seq=0)
        _built["counter"] = stmt.on_conflict_do_update(
            index_elements=[table.c.person_id], set_={"seq": table.c.seq}).returning(table.c.seq)
    return _built["counter"]


def claim_ops(db, rows: list[dict] | None = None):
    """The op ids claimed, those not claimed before returned: one (the usual batch, a statement SQLAlchemy
    caches, parameters pid, op_id, now) or `rows`."""
    table = SyncAppliedOp.__table__
    if rows is not None:
        return dialect_insert(db, table).values(rows).on_conflict_do_nothing().returning(table.c.op_id)
    if "one op" not in _built:
        _built["one op"] = (dialect_insert(db, table).values(person_id=bindparam("pid"), op_id=bindparam("op_id"),
                                                             applied_at=bindparam("now"))
                            .on_conflict_do_nothing().returning(table.c.op_id))
    return _built["one op"]


def upsert_items(db, rows: list[dict]):
    """The sync items written: one (the usual request, a statement SQLAlchemy caches: execute it with rows[0]) or
    all of `rows` in the statement."""
    table = SyncItem.__table__
    if len(rows) == 1 and "one item" in _built:
        return _built["one item"]
    stmt = dialect_insert(db, table)
    stmt = stmt.values({c: bindparam(c, type_=table.c[c].type) for c in rows[0]}) if len(rows) == 1 else stmt.values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.person_id, table.c.formation_id],
                                      set_={c: stmt.excluded[c] for c in ("seq", "row_version", "state")})
    if len(rows) == 1:
        _built["one item"] = stmt
    return stmt
