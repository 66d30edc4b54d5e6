"""Every statement of a sync: the person's counter and which op ids are new, the marks to look at with their merge
state, and at the end the marks favourites.service's rules changed, the merge states, the op ids and the counter.

No ORM: the marks are plain rows (Mark), and their writes come back to this module.

PostgreSQL: two statements, no transaction of their own (a signed-in request sends nothing else: no BEGIN, no
COMMIT). read() takes no lock; write() is one statement, so one transaction, that writes only if nothing it
depends on changed since the read: the counter still at the seq read (another sync of the person would have
moved it), each mark still at the version read (a website edit), each new mark still absent, each op id still
unclaimed. Else it fails whole (_STALE) and the sync reads again (MarkChanged). Statements are sent by asyncpg
itself (through SQLAlchemy a statement costs the app about twice the CPU: issue 16, bench/sync_cost.py).
SQLite: the counter's upsert first takes the database's write lock, then the same reads and writes through
SQLAlchemy Core, each statement built once (building a statement and its cache key costs more than running it).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

import asyncpg
import msgspec
from sqlalchemy import DateTime, Integer, and_, bindparam, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.dialect_insert import dialect_insert
from mps.db.driver import driver_in_transaction, driver_of, fetch_pg
from mps.db.models import FormationMark, Person, SignInSession, SyncAppliedOp, SyncItem, SyncPerson

_JSON = msgspec.json.Encoder()
MAX_SEQ = 2**31 - 1  # sync_people.seq and sync_items.seq are INTEGER columns


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


@dataclass(slots=True)
class Read:
    """What a sync starts from: the person's counter, the op ids not applied before, the marks to look at."""
    seq: int
    fresh: set[str]
    marks: list[tuple[Mark, Item | None]]
    to_claim: list[str]  # PostgreSQL: the fresh op ids, claimed by write() (SQLite: claimed by read())
    person_id: str


class NoSession(Exception):
    """The read found no person (tx.whose: a session unknown, expired or ended; an anonymous person gone)."""


class MarkChanged(Exception):
    """Something sync read changed before its write (a web form, another worker's sync of the same person): nothing
    was written; read again."""


@dataclass(slots=True)
class Tx:
    """The request's transaction as sync's statements need it: the session, and on PostgreSQL the asyncpg
    connection, in the session's transaction or (`autocommit`) in none: each statement is its own."""
    db: AsyncSession | None
    driver: object | None
    autocommit: bool = False
    whose: Whose | None = None  # PostgreSQL, the person found by read() (a session's, an anonymous device's)

    async def commit(self) -> None:
        if not self.autocommit:
            await self.db.commit()

    async def rollback(self) -> None:
        if not self.autocommit:
            await self.db.rollback()


async def begin(db: AsyncSession) -> Tx:
    """A signed-in request's session works on the connection its session lookup used (mps.web.sessions) and, on
    PostgreSQL, has sent nothing yet: sync's two statements then go on that connection's driver in autocommit
    (write() is one statement: all or nothing without BEGIN and COMMIT, two round trips)."""
    if db.bind.dialect.name != "postgresql":
        return Tx(db, None)
    if isinstance(db.bind, AsyncConnection) and not db.in_transaction() \
            and db.bind.sync_connection.connection.dbapi_connection._transaction is None:
        return Tx(db, driver_of(db.bind), autocommit=True)
    return Tx(db, await driver_in_transaction(db))


_MARK_COLUMNS = tuple(f.name for f in fields(Mark))
_WRITTEN = _MARK_COLUMNS[3:]  # what a write sets (id, person and formation never change)
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
    marks = (select(*(_TABLE.c[c] for c in _MARK_COLUMNS), SyncItem.seq, SyncItem.row_version, SyncItem.state)
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


_MARKS, _PG_READ = _statements(bindparam("pid"))
_, _PG_READ_BY_SESSION = _statements(_SESSION_PERSON, finds_person=True)
# An anonymous device's (mps.domain.sync.web): the person its signed cookie names, if that person still exists.
_, _PG_READ_BY_DEVICE = _statements(select(Person.id).where(Person.id == bindparam("device_pid")).scalar_subquery(),
                                    finds_person=True)


@dataclass(frozen=True, slots=True)
class Whose:
    """PostgreSQL, the person not known before the read: the read that finds them, its parameters, and the key
    one browser's requests queue on within a worker."""
    read: object
    params: dict
    key: str


def by_session(token_hash: str) -> Whose:
    return Whose(_PG_READ_BY_SESSION, {"token_hash": token_hash}, token_hash)


def by_device(person_id: str) -> Whose:
    return Whose(_PG_READ_BY_DEVICE, {"device_pid": person_id}, person_id)  # the full path's key for that person


def _marks(rows, skip: int) -> list[tuple[Mark, Item | None]]:
    return [(Mark(*r[skip:-3]), None if r[-2] is None else Item(*r[-3:])) for r in rows if r[skip] is not None]


async def read(tx: Tx, person_id: str, op_ids: list[str], now: datetime, since: int, fids: set[str]) -> Read:
    """The person's counter, which of `op_ids` were not applied before, and the marks to look at (with their sync
    item or None). SQLite: the counter's row is created if need be and the op ids claimed first, under the
    database's write lock (counter_and_fresh_ops). PostgreSQL: read only; write() checks nothing moved since."""
    # a cursor past any counter (the column is a 32-bit INTEGER) means the same as the largest one: a full answer
    params = {"pid": person_id, "since": min(since, MAX_SEQ), "fids": sorted(fids)}
    if tx.whose is not None:  # the person is found by the same read (a session's, a device's)
        rows = await fetch_pg(tx.driver, tx.whose.read, {**params, "op_ids": op_ids, "now": now, **tx.whose.params})
        if rows[0][0] is None:
            raise NoSession
        person_id, rows = rows[0][0], [r[1:] for r in rows]
    elif tx.driver is not None:  # JSON columns come decoded (the codec SQLAlchemy's dialect sets on its connections)
        rows = await fetch_pg(tx.driver, _PG_READ, {**params, "op_ids": op_ids})
    else:
        seq, fresh = await counter_and_fresh_ops(tx, person_id, op_ids, now)
        return Read(seq, fresh, _marks(await tx.db.execute(_MARKS, params), 0), [], person_id)
    fresh = [i for i in op_ids if i not in (rows[0][1] or ())]
    return Read(rows[0][0] or 0, set(fresh), _marks(rows, 2), fresh, person_id)


# -- SQLite: the counter and the op ids, under the write lock ---------------------------------------------

_UPSERT_COUNTER: dict[str, object] = {}
_ONE_OP: dict[str, object] = {}


async def counter_and_fresh_ops(tx: Tx, person_id: str, op_ids: list[str], now: datetime) -> tuple[int, set[str]]:
    """SQLite: the person's change counter, its row created if need be, and which of `op_ids` were not applied
    before, now recorded as applied. The counter first, before anything is read: SQLite takes its database write
    lock, so another worker's sync waits for this one's commit (busy timeout) instead of reading a state that is
    about to change and failing to write (« database is locked »: a stale read cannot be upgraded to a write)."""
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


_LAST_POSITION = select(func.max(FormationMark.position)).where(FormationMark.person_id == bindparam("pid"))


async def last_position(tx: Tx, person_id: str) -> int:
    """The highest position of the person's marks (0: none), for a mark that goes at the end of the list."""
    if tx.driver is not None:
        return (await fetch_pg(tx.driver, _LAST_POSITION, {"pid": person_id}))[0][0] or 0
    return (await tx.db.execute(_LAST_POSITION, {"pid": person_id})).scalar() or 0


# -- the writes ------------------------------------------------------------------------------------------

# PostgreSQL: the counter, the op ids, the marks' updates and inserts and the items' upsert in one statement, each
# list as one JSON parameter. Every part runs after the counter's row is locked (FROM counter): two syncs of one
# person queue there, not on their marks. It writes only if nothing moved since read(): the counter still at the
# seq read ($6), every op id still unclaimed, every mark still at the version read (a web form may have changed it)
# and every new one still absent; else the last SELECT fails the statement, so nothing of it is written, and
# write() raises MarkChanged. (Plain SQL has no RAISE: a failing cast is the error, its text says why.)
_PG_TYPES = {"id": "INTEGER", "kind": "VARCHAR", "ambition": "VARCHAR", "places": "JSON", "note": "TEXT",
             "position": "INTEGER", "added_places": "JSON", "on_parcoursup": "BOOLEAN", "note_shared": "BOOLEAN",
             "deleted": "BOOLEAN", "version": "INTEGER", "updated_at": "TIMESTAMP WITH TIME ZONE",
             "formation_id": "VARCHAR", "read_version": "INTEGER"}
_STALE = "mps-sync: changed since read"


def _record(names) -> str:
    return ", ".join(f"{n} {_PG_TYPES[n]}" for n in names)


_PG_WRITE = f"""
WITH counter AS (
    INSERT INTO sync_people AS p (person_id, seq) VALUES ($1, $3)
    ON CONFLICT (person_id) DO UPDATE SET seq = excluded.seq WHERE p.seq = $6 RETURNING 1),
claimed AS (
    INSERT INTO sync_applied_ops (person_id, op_id, applied_at)
    SELECT $1, op_id, $8::TIMESTAMP WITH TIME ZONE FROM counter, unnest($7::VARCHAR[]) AS op_id
    ON CONFLICT DO NOTHING RETURNING 1),
changed AS (
    UPDATE formation_marks AS m SET {", ".join(f"{c} = r.{c}" for c in _WRITTEN)}
    FROM counter, json_to_recordset($4::json) AS r({_record(("id", "read_version", *_WRITTEN))})
    WHERE m.id = r.id AND m.person_id = $1 AND m.version = r.read_version RETURNING 1),
added AS (
    INSERT INTO formation_marks (person_id, formation_id, {", ".join(_WRITTEN)})
    SELECT $1, r.formation_id, {", ".join(f"r.{c}" for c in _WRITTEN)}
    FROM counter, json_to_recordset($5::json) AS r({_record(("formation_id", *_WRITTEN))})
    ON CONFLICT (person_id, formation_id) DO NOTHING RETURNING 1),
items AS (
    INSERT INTO sync_items (person_id, formation_id, seq, row_version, state)
    SELECT $1, i.formation_id, i.seq, i.row_version, i.state
    FROM counter, json_to_recordset($2::json) AS i(formation_id VARCHAR, seq INTEGER, row_version INTEGER, state JSON)
    ON CONFLICT (person_id, formation_id) DO UPDATE
    SET seq = excluded.seq, row_version = excluded.row_version, state = excluded.state)
SELECT CASE WHEN (SELECT count(*) FROM counter) = 1 AND (SELECT count(*) FROM claimed) = cardinality($7::VARCHAR[])
    AND (SELECT count(*) FROM changed) + (SELECT count(*) FROM added) = $9 THEN 1
    ELSE ('{_STALE}: ' || (SELECT count(*) FROM counter))::INTEGER END"""
_UPDATE_MARK = (update(_TABLE).where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.version == bindparam("read_version"))
                .values({c: bindparam(c, type_=_TABLE.c[c].type) for c in _WRITTEN}))
_ONE_ITEM: dict[str, object] = {}
_SET_COUNTER = update(SyncPerson).where(SyncPerson.person_id == bindparam("pid")).values(seq=bindparam("new_seq"))


async def write(tx: Tx, person_id: str, marks: list[tuple[Mark, int | None]], items: dict[str, Item],
                seq: int, start: Read, now: datetime) -> None:
    """Write the marks favourites.service's rules changed ((mark, the version read; None: a new mark)), the
    sync items this request changed (created or replaced) and the person's counter, now `seq`; on PostgreSQL also
    claim the op ids read as fresh (start.to_claim). MarkChanged if anything moved since `start` was read; the caller
    then rolls back and starts again."""
    if tx.driver is not None:
        row = lambda m: {c: getattr(m, c) for c in _WRITTEN}  # noqa: E731
        changed = [{"id": m.id, "read_version": v, **row(m)} for m, v in marks if m.id is not None]
        added = [{"formation_id": m.formation_id, **row(m)} for m, _ in marks if m.id is None]
        item_rows = [{"formation_id": fid, "seq": i.seq, "row_version": i.row_version, "state": i.state}
                     for fid, i in items.items()]
        try:
            await tx.driver.fetchval(_PG_WRITE, person_id, _JSON.encode(item_rows).decode(), seq,
                                     _JSON.encode(changed).decode(), _JSON.encode(added).decode(), start.seq,
                                     start.to_claim, now, len(marks))
        except asyncpg.InvalidTextRepresentationError as exc:
            if _STALE not in str(exc):
                raise
            raise MarkChanged from None
        except asyncpg.DeadlockDetectedError:  # a web form locked two of these marks the other way round
            raise MarkChanged from None
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
