"""What sync asks of the database besides the marks' writes: the person's counter (locked) with the op ids
claimed, the marks to look at with their merge state, and, at the end, the merge states and the counter written.

Every statement is built once (per dialect) and run with the request's values: building a statement and its
cache key costs more CPU than running it, and a statement SQLAlchemy cannot cache (a multi-row VALUES) is
compiled again on each request (issue 16).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import msgspec
from sqlalchemy import and_, bindparam, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.models import FormationMark, SyncAppliedOp, SyncItem, SyncPerson

# PostgreSQL: the counter upsert and the op ids' insert in one statement (one round trip). The insert reads
# the counter's row (FROM counter), so the row is locked before any op id is claimed, as with two statements:
# two requests sending the same queue never hold each other's rows (no deadlock). Both run on the snapshot
# taken before the lock was granted, which neither needs: the upsert returns the committed counter, and
# ON CONFLICT sees an op id committed meanwhile. The marks are read by the next statement, after the lock.
_PG_COUNTER_AND_OPS = text("""
WITH counter AS (
    INSERT INTO sync_people (person_id, seq) VALUES (:pid, 0)
    ON CONFLICT (person_id) DO UPDATE SET seq = sync_people.seq RETURNING seq),
fresh AS (
    INSERT INTO sync_applied_ops (person_id, op_id, applied_at)
    SELECT :pid, op_id, CAST(:now AS TIMESTAMP WITH TIME ZONE)
    FROM counter, unnest(CAST(:op_ids AS VARCHAR[])) AS op_id
    ON CONFLICT DO NOTHING RETURNING op_id)
SELECT counter.seq, fresh.op_id FROM counter LEFT JOIN fresh ON true""")

_UPSERT_COUNTER: dict[str, object] = {}
_ONE_OP: dict[str, object] = {}
_ONE_ITEM: dict[str, object] = {}
_SET_COUNTER = (update(SyncPerson).where(SyncPerson.person_id == bindparam("pid")).values(seq=bindparam("new_seq"))
                .execution_options(synchronize_session=False))


async def counter_and_fresh_ops(db: AsyncSession, person_id: str, op_ids: list[str],
                                now: datetime) -> tuple[int, set[str]]:
    """The person's change counter, its row created if need be and locked (two devices syncing at once are
    applied one after the other), and which of `op_ids` were not applied before, now recorded as applied.

    The counter first, before anything is read: ON CONFLICT DO UPDATE locks the row on PostgreSQL (as FOR UPDATE
    does) and returns the committed value once the other transaction is done; SQLite takes its database write
    lock, so another worker's sync waits for this one's commit (busy timeout) instead of reading a state that is
    about to change and failing to write. The op ids: INSERT ... ON CONFLICT DO NOTHING RETURNING, no read
    first, and two requests racing cannot both claim an op.
    """
    dialect = db.bind.dialect.name
    if dialect == "postgresql":
        rows = (await db.execute(_PG_COUNTER_AND_OPS, {"pid": person_id, "op_ids": op_ids, "now": now})).all()
        return rows[0][0], {op_id for _, op_id in rows if op_id is not None}
    stmt = _UPSERT_COUNTER.get(dialect)
    if stmt is None:
        table = SyncPerson.__table__
        stmt = dialect_insert(db, table).values(person_id=bindparam("pid"), seq=0)
        stmt = _UPSERT_COUNTER[dialect] = stmt.on_conflict_do_update(
            index_elements=[table.c.person_id], set_={"seq": table.c.seq}).returning(table.c.seq)
    seq = (await db.execute(stmt, {"pid": person_id})).scalar_one()
    return seq, await _fresh_ops(db, person_id, op_ids, now)


async def _fresh_ops(db: AsyncSession, person_id: str, op_ids: list[str], now: datetime) -> set[str]:
    if not op_ids:
        return set()
    table = SyncAppliedOp.__table__
    if len(op_ids) == 1:  # the usual batch: a statement SQLAlchemy caches
        stmt = _ONE_OP.get(db.bind.dialect.name)
        if stmt is None:
            stmt = _ONE_OP[db.bind.dialect.name] = (
                dialect_insert(db, table).values(person_id=bindparam("pid"), op_id=bindparam("op_id"),
                                                 applied_at=bindparam("now"))
                .on_conflict_do_nothing().returning(table.c.op_id))
        return set((await db.execute(stmt, {"pid": person_id, "op_id": op_ids[0], "now": now})).scalars())
    stmt = dialect_insert(db, table).values([{"person_id": person_id, "op_id": i, "applied_at": now} for i in op_ids])
    return set((await db.execute(stmt.on_conflict_do_nothing().returning(table.c.op_id))).scalars())


@dataclass(slots=True)
class Item:
    """A mark's sync item as sync reads and writes it: plain values, not an ORM object (which the session would
    flush in a statement of its own)."""
    seq: int
    row_version: int
    state: dict


_MARKS = (select(FormationMark, SyncItem.seq, SyncItem.row_version, SyncItem.state).outerjoin(SyncItem, and_(
    SyncItem.person_id == FormationMark.person_id, SyncItem.formation_id == FormationMark.formation_id))
    .where(FormationMark.person_id == bindparam("pid")).order_by(FormationMark.position, FormationMark.id))
_MARKS_SINCE = _MARKS.where(or_(SyncItem.person_id.is_(None), SyncItem.row_version != FormationMark.version,
                                SyncItem.seq > bindparam("since"),
                                FormationMark.formation_id.in_(bindparam("fids", expanding=True))))


async def marks_to_look_at(db: AsyncSession, person_id: str, since: int | None, fids: set[str]):
    """(mark, its sync item or None) for every mark a sync must look at, in one query: all of them for a full
    answer (since None), else those the device has not seen (seq > since), those changed outside sync (no item
    yet, or another version) and those the operations name. The others are neither read nor sent."""
    if since is None:
        found = await db.execute(_MARKS, {"pid": person_id})
    else:
        found = await db.execute(_MARKS_SINCE, {"pid": person_id, "since": since, "fids": sorted(fids)})
    return [(mark, None if version is None else Item(seq, version, state)) for mark, seq, version, state in found]


# PostgreSQL: the items' upsert and the counter's update in one statement, the items as one JSON parameter,
# sent by asyncpg itself ($1: person, $2: items, $3: counter) in the transaction the counter's statement began:
# through SQLAlchemy a statement costs the app about twice the CPU (issue 16, bench/sync_cost.py --callgrind).
_PG_ITEMS_AND_COUNTER = """
WITH items AS (
    INSERT INTO sync_items (person_id, formation_id, seq, row_version, state)
    SELECT $1, i.formation_id, i.seq, i.row_version, i.state
    FROM json_to_recordset($2::json) AS i(formation_id VARCHAR, seq INTEGER, row_version INTEGER, state JSON)
    ON CONFLICT (person_id, formation_id) DO UPDATE
    SET seq = excluded.seq, row_version = excluded.row_version, state = excluded.state)
UPDATE sync_people SET seq = $3 WHERE person_id = $1"""
_JSON = msgspec.json.Encoder()


async def write_items(db: AsyncSession, person_id: str, items: dict[str, Item], seq: int) -> None:
    """Write the sync items this request changed (created or replaced) and the person's counter, now `seq`.
    After counter_and_fresh_ops, in its transaction (which it began: asyncpg's BEGIN is sent with the first
    statement SQLAlchemy runs)."""
    dialect = db.bind.dialect.name
    if dialect == "postgresql":
        rows = [{"formation_id": fid, "seq": i.seq, "row_version": i.row_version, "state": i.state}
                for fid, i in items.items()]
        connection = await (await db.connection()).get_raw_connection()
        await connection.driver_connection.execute(_PG_ITEMS_AND_COUNTER, person_id, _JSON.encode(rows).decode(), seq)
        return
    table = SyncItem.__table__
    rows = [{"person_id": person_id, "formation_id": fid, "seq": i.seq, "row_version": i.row_version,
             "state": i.state} for fid, i in items.items()]
    if len(rows) == 1:  # the usual request: a statement SQLAlchemy caches
        stmt = _ONE_ITEM.get(dialect)
        if stmt is None:
            stmt = dialect_insert(db, table).values({c: bindparam(c, type_=table.c[c].type) for c in rows[0]})
            stmt = _ONE_ITEM[dialect] = stmt.on_conflict_do_update(
                index_elements=[table.c.person_id, table.c.formation_id],
                set_={c: stmt.excluded[c] for c in ("seq", "row_version", "state")})
        await db.execute(stmt, rows[0])
    elif rows:
        stmt = dialect_insert(db, table).values(rows)
        await db.execute(stmt.on_conflict_do_update(index_elements=[table.c.person_id, table.c.formation_id],
                                                    set_={c: stmt.excluded[c] for c in ("seq", "row_version", "state")}))
    await db.execute(_SET_COUNTER, {"pid": person_id, "new_seq": seq})
