"""Every statement of a sync: the person's counter (locked) with the op ids claimed, the marks to look at with
their merge state, and at the end the marks favourites.service's rules changed, the merge states and the counter.

No ORM: the marks are plain rows (Mark), and their writes come back to this module. On PostgreSQL each statement
is sent by asyncpg itself, in the request's transaction (a statement through SQLAlchemy costs the app about twice
the CPU, and loading and flushing ORM rows more than the statements: issue 16, bench/sync_cost.py), and the writes
are one statement; on SQLite the same reads and writes go through SQLAlchemy Core, each statement built once
(building a statement and its cache key costs more CPU than running it).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

import msgspec
from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.driver import DriverTransaction, driver_in_transaction
from mps.db.models import FormationMark, SyncAppliedOp, SyncItem, SyncPerson

_JSON = msgspec.json.Encoder()


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


class MarkChanged(Exception):
    """A mark changed between sync's read and its write (a web form, on PostgreSQL): nothing may be written."""


@dataclass(slots=True)
class Tx:
    """The request's transaction as sync's statements need it: the session, and on PostgreSQL the asyncpg
    connection, in the session's transaction or (`own`) in one begun and ended on the driver."""
    db: AsyncSession
    driver: object | None
    own: DriverTransaction | None = None

    async def commit(self) -> None:
        await (self.own.commit() if self.own else self.db.commit())

    async def rollback(self) -> None:
        await (self.own.rollback() if self.own else self.db.rollback())


async def begin(db: AsyncSession) -> Tx:
    """A signed-in request's session works on the connection its session lookup used (mps.web.sessions) and, on
    PostgreSQL, has sent nothing yet: the transaction is then begun and ended on that connection's driver,
    without the session (whose begin and commit cost more CPU than sync's statements)."""
    if db.bind.dialect.name != "postgresql":
        return Tx(db, None)
    if isinstance(db.bind, AsyncConnection) and not db.in_transaction():
        own = await DriverTransaction.begin(db.bind)
        return Tx(db, own.driver, own)
    return Tx(db, await driver_in_transaction(db))


_MARK_COLUMNS = tuple(f.name for f in fields(Mark))
_WRITTEN = _MARK_COLUMNS[3:]  # what a write sets (id, person and formation never change)
_TABLE = FormationMark.__table__

# -- the counter and the op ids --------------------------------------------------------------------------

# PostgreSQL: the counter upsert and the op ids' insert in one statement (one round trip). The insert reads
# the counter's row (FROM counter), so the row is locked before any op id is claimed, as with two statements:
# two requests sending the same queue never hold each other's rows (no deadlock). Both run on the snapshot
# taken before the lock was granted, which neither needs: the upsert returns the committed counter, and
# ON CONFLICT sees an op id committed meanwhile. The marks are read by the next statement, after the lock.
_PG_COUNTER_AND_OPS = """
WITH counter AS (
    INSERT INTO sync_people (person_id, seq) VALUES ($1, 0)
    ON CONFLICT (person_id) DO UPDATE SET seq = sync_people.seq RETURNING seq),
fresh AS (
    INSERT INTO sync_applied_ops (person_id, op_id, applied_at)
    SELECT $1, op_id, $3::TIMESTAMP WITH TIME ZONE
    FROM counter, unnest($2::VARCHAR[]) AS op_id
    ON CONFLICT DO NOTHING RETURNING op_id)
SELECT counter.seq, fresh.op_id FROM counter LEFT JOIN fresh ON true"""
_UPSERT_COUNTER: dict[str, object] = {}
_ONE_OP: dict[str, object] = {}


async def counter_and_fresh_ops(tx: Tx, person_id: str, op_ids: list[str], now: datetime) -> tuple[int, set[str]]:
    """The person's change counter, its row created if need be and locked (two devices syncing at once are
    applied one after the other), and which of `op_ids` were not applied before, now recorded as applied.

    The counter first, before anything is read: ON CONFLICT DO UPDATE locks the row on PostgreSQL (as FOR UPDATE
    does) and returns the committed value once the other transaction is done; SQLite takes its database write
    lock, so another worker's sync waits for this one's commit (busy timeout) instead of reading a state that is
    about to change and failing to write. The op ids: INSERT ... ON CONFLICT DO NOTHING RETURNING, no read
    first, and two requests racing cannot both claim an op.
    """
    if tx.driver is not None:
        rows = await tx.driver.fetch(_PG_COUNTER_AND_OPS, person_id, op_ids, now)
        return rows[0][0], {op_id for _, op_id in rows if op_id is not None}
    db = tx.db
    stmt = _UPSERT_COUNTER.get("sqlite")
    if stmt is None:
        table = SyncPerson.__table__
        stmt = dialect_insert(db, table).values(person_id=bindparam("pid"), seq=0)
        stmt = _UPSERT_COUNTER["sqlite"] = stmt.on_conflict_do_update(
            index_elements=[table.c.person_id], set_={"seq": table.c.seq}).returning(table.c.seq)
    seq = (await db.execute(stmt, {"pid": person_id})).scalar_one()
    if not op_ids:
        return seq, set()
    table = SyncAppliedOp.__table__
    if len(op_ids) == 1:  # the usual batch: a statement SQLAlchemy caches
        stmt = _ONE_OP.get("sqlite")
        if stmt is None:
            stmt = _ONE_OP["sqlite"] = (
                dialect_insert(db, table).values(person_id=bindparam("pid"), op_id=bindparam("op_id"),
                                                 applied_at=bindparam("now"))
                .on_conflict_do_nothing().returning(table.c.op_id))
        return seq, set((await db.execute(stmt, {"pid": person_id, "op_id": op_ids[0], "now": now})).scalars())
    stmt = dialect_insert(db, table).values([{"person_id": person_id, "op_id": i, "applied_at": now} for i in op_ids])
    return seq, set((await db.execute(stmt.on_conflict_do_nothing().returning(table.c.op_id))).scalars())


# -- the marks to look at --------------------------------------------------------------------------------

_MARKS = (select(*(_TABLE.c[c] for c in _MARK_COLUMNS), SyncItem.seq, SyncItem.row_version, SyncItem.state)
          .outerjoin(SyncItem, and_(SyncItem.person_id == FormationMark.person_id,
                                    SyncItem.formation_id == FormationMark.formation_id))
          .where(FormationMark.person_id == bindparam("pid")).order_by(FormationMark.position, FormationMark.id))
_MARKS_SINCE = _MARKS.where(or_(SyncItem.person_id.is_(None), SyncItem.row_version != FormationMark.version,
                                SyncItem.seq > bindparam("since"),
                                FormationMark.formation_id.in_(bindparam("fids", expanding=True))))
_PG_MARKS = f"""
SELECT {", ".join(f"m.{c}" for c in _MARK_COLUMNS)}, i.seq, i.row_version, i.state
FROM formation_marks AS m LEFT JOIN sync_items AS i ON i.person_id = m.person_id AND i.formation_id = m.formation_id
WHERE m.person_id = $1 {{}}ORDER BY m.position, m.id"""
_PG_MARKS_ALL = _PG_MARKS.format("")
_PG_MARKS_SINCE = _PG_MARKS.format(
    "AND (i.person_id IS NULL OR i.row_version <> m.version OR i.seq > $2 OR m.formation_id = ANY($3::VARCHAR[])) ")


async def marks_to_look_at(tx: Tx, person_id: str, since: int | None, fids: set[str]) -> list[tuple[Mark, Item | None]]:
    """(mark, its sync item or None) for every mark a sync must look at, in one query: all of them for a full
    answer (since None), else those the device has not seen (seq > since), those changed outside sync (no item
    yet, or another version) and those the operations name. The others are neither read nor sent."""
    if tx.driver is not None:  # JSON columns come decoded (the codec SQLAlchemy's dialect sets on its connections)
        found = await (tx.driver.fetch(_PG_MARKS_ALL, person_id) if since is None else
                       tx.driver.fetch(_PG_MARKS_SINCE, person_id, since, sorted(fids)))
    elif since is None:
        found = await tx.db.execute(_MARKS, {"pid": person_id})
    else:
        found = await tx.db.execute(_MARKS_SINCE, {"pid": person_id, "since": since, "fids": sorted(fids)})
    return [(Mark(*r[:-3]), None if r[-2] is None else Item(*r[-3:])) for r in found]


_LAST_POSITION = select(func.max(FormationMark.position)).where(FormationMark.person_id == bindparam("pid"))


_PG_LAST_POSITION = "SELECT max(position) FROM formation_marks WHERE person_id = $1"


async def last_position(tx: Tx, person_id: str) -> int:
    """The highest position of the person's marks (0: none), for a mark that goes at the end of the list."""
    if tx.driver is not None:
        return await tx.driver.fetchval(_PG_LAST_POSITION, person_id) or 0
    return (await tx.db.execute(_LAST_POSITION, {"pid": person_id})).scalar() or 0


# -- the writes ------------------------------------------------------------------------------------------

# PostgreSQL: the marks' updates and inserts, the items' upsert and the counter's update in one statement, each
# list as one JSON parameter. A mark is updated only if its version is still the one sync read (a web form may
# have changed it meanwhile: then nothing is written, MarkChanged); a new mark is inserted unless one exists.
_PG_TYPES = {"id": "INTEGER", "kind": "VARCHAR", "ambition": "VARCHAR", "places": "JSON", "note": "TEXT",
             "position": "INTEGER", "added_places": "JSON", "on_parcoursup": "BOOLEAN", "note_shared": "BOOLEAN",
             "deleted": "BOOLEAN", "version": "INTEGER", "updated_at": "TIMESTAMP WITH TIME ZONE",
             "formation_id": "VARCHAR", "read_version": "INTEGER"}


def _record(names) -> str:
    return ", ".join(f"{n} {_PG_TYPES[n]}" for n in names)


_PG_WRITE = f"""
WITH changed AS (
    UPDATE formation_marks AS m SET {", ".join(f"{c} = r.{c}" for c in _WRITTEN)}
    FROM json_to_recordset($4::json) AS r({_record(("id", "read_version", *_WRITTEN))})
    WHERE m.id = r.id AND m.person_id = $1 AND m.version = r.read_version RETURNING 1),
added AS (
    INSERT INTO formation_marks (person_id, formation_id, {", ".join(_WRITTEN)})
    SELECT $1, r.formation_id, {", ".join(f"r.{c}" for c in _WRITTEN)}
    FROM json_to_recordset($5::json) AS r({_record(("formation_id", *_WRITTEN))})
    ON CONFLICT (person_id, formation_id) DO NOTHING RETURNING 1),
items AS (
    INSERT INTO sync_items (person_id, formation_id, seq, row_version, state)
    SELECT $1, i.formation_id, i.seq, i.row_version, i.state
    FROM json_to_recordset($2::json) AS i(formation_id VARCHAR, seq INTEGER, row_version INTEGER, state JSON)
    ON CONFLICT (person_id, formation_id) DO UPDATE
    SET seq = excluded.seq, row_version = excluded.row_version, state = excluded.state)
UPDATE sync_people SET seq = $3 WHERE person_id = $1
RETURNING (SELECT count(*) FROM changed) + (SELECT count(*) FROM added)"""
_UPDATE_MARK = (update(_TABLE).where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.version == bindparam("read_version"))
                .values({c: bindparam(c, type_=_TABLE.c[c].type) for c in _WRITTEN}))
_ONE_ITEM: dict[str, object] = {}
_SET_COUNTER = update(SyncPerson).where(SyncPerson.person_id == bindparam("pid")).values(seq=bindparam("new_seq"))


async def write(tx: Tx, person_id: str, marks: list[tuple[Mark, int | None]], items: dict[str, Item],
                seq: int) -> None:
    """Write the marks favourites.service's rules changed ((mark, the version read; None: a new mark)), the
    sync items this request changed (created or replaced) and the person's counter, now `seq`. MarkChanged if
    a mark is no longer the one read; the caller then rolls back and starts again."""
    if tx.driver is not None:
        row = lambda m: {c: getattr(m, c) for c in _WRITTEN}  # noqa: E731
        changed = [{"id": m.id, "read_version": v, **row(m)} for m, v in marks if m.id is not None]
        added = [{"formation_id": m.formation_id, **row(m)} for m, _ in marks if m.id is None]
        item_rows = [{"formation_id": fid, "seq": i.seq, "row_version": i.row_version, "state": i.state}
                     for fid, i in items.items()]
        written = await tx.driver.fetchval(_PG_WRITE, person_id, _JSON.encode(item_rows).decode(), seq,
                                           _JSON.encode(changed).decode(), _JSON.encode(added).decode())
        if written != len(marks):
            raise MarkChanged
        return
    db = tx.db
    for mark, read_version in marks:
        values = {c: getattr(mark, c) for c in _WRITTEN}
        if mark.id is not None:
            if (await db.execute(_UPDATE_MARK, {"b_id": mark.id, "read_version": read_version, **values})).rowcount != 1:
                raise MarkChanged
        else:
            await db.execute(_TABLE.insert(), {"person_id": person_id, "formation_id": mark.formation_id, **values})
    table = SyncItem.__table__
    rows = [{"person_id": person_id, "formation_id": fid, "seq": i.seq, "row_version": i.row_version,
             "state": i.state} for fid, i in items.items()]
    if len(rows) == 1:  # the usual request: a statement SQLAlchemy caches
        stmt = _ONE_ITEM.get("sqlite")
        if stmt is None:
            stmt = dialect_insert(db, table).values({c: bindparam(c, type_=table.c[c].type) for c in rows[0]})
            stmt = _ONE_ITEM["sqlite"] = stmt.on_conflict_do_update(
                index_elements=[table.c.person_id, table.c.formation_id],
                set_={c: stmt.excluded[c] for c in ("seq", "row_version", "state")})
        await db.execute(stmt, rows[0])
    elif rows:
        stmt = dialect_insert(db, table).values(rows)
        await db.execute(stmt.on_conflict_do_update(index_elements=[table.c.person_id, table.c.formation_id],
                                                    set_={c: stmt.excluded[c] for c in ("seq", "row_version", "state")}))
    await db.execute(_SET_COUNTER, {"pid": person_id, "new_seq": seq})
