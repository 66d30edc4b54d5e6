"""Applying a device's queued operations to a person's marks, and telling it what changed since its cursor.

The merge state lives in sync_items; the marks' new values come only from mps.domain.favourites.service's
rules, so `version`, `updated_at` and tombstones stay what the rest of the site expects (sync applies them to
the plain rows it reads, and mps.domain.sync.store writes those with its own writes, in one statement on
PostgreSQL). Marks changed outside sync (web forms, favourites API, account merge) are noticed by their version
and adopted into the merge state before the operations are applied.
"""
from __future__ import annotations

import asyncio
import weakref

from datetime import datetime, timezone

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.favourites import service as marks
from mps.domain.favourites.schemas import MAX_NOTE
from mps.domain.sync import merge, store
from mps.domain.sync.schemas import OpResult, SyncIn, SyncMark, SyncOp, SyncOut
from mps.domain.vocabulary import AMBITIONS
from mps.lib.errors import FieldError

ATTEMPTS = 5  # a mark edited on the website, or another worker's sync of the person, during the sync: read again
MAX_POSITION = 100_000  # a device sends ranks 1..n of the favourites it shows


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


_read = store.read  # tests/integration/sync/two_workers.py wraps it


def adopt(state: merge.ItemState, row: store.Mark) -> None:
    """Make the merge state say what the row says (it was changed outside sync), stamped with its time."""
    v = merge.view(state)
    s = (_ms(row.updated_at), f"srv-{row.version}")
    kind = None if row.deleted else row.kind
    if kind != v.kind:
        state.favori = (*s, kind == "favori")
        state.corbeille = (*s, kind == "corbeille")
    if row.ambition != v.ambition:
        state.ambition = (*s, row.ambition)
    chosen = marks.chosen_places(row)
    if chosen != list(v.places):
        for cod in set(chosen) | set(v.places):
            # the op id suffix keeps the row's order of chosen places (the view sorts by stamp)
            order = chosen.index(cod) if cod in chosen else 999
            state.places[cod] = (s[0], f"{s[1]}-{order:03d}", cod in chosen)
    if row.note != v.note:
        state.superseded.update(state.heads)
        state.heads = {s[1]: (s[0], row.note)}
    for name in merge.FLAG_KINDS.values():
        if bool(getattr(row, name)) != getattr(v, name):
            setattr(state, name, (*s, bool(getattr(row, name))))
    added = marks.added(row)
    if added != list(v.added_places):
        for cod in set(added) | set(v.added_places):
            state.added[cod] = (*s, cod in added)
    adopt_position(state, row)


def adopt_position(state: merge.ItemState, row: store.Mark) -> None:
    """The row's place in the student's order, when it is not the state's: moved on the website, or put
    at the end when the favourite came back (which a set_position older than that must not undo)."""
    if row.position != state.position[2]:
        state.position = (_ms(row.updated_at), f"srv-{row.version}", row.position)


def _check(op: SyncOp, catalogue, row: store.Mark | None, known: bool = False) -> str | None:
    """Why an operation cannot be applied (it is then dropped, and reported), or None."""
    formation = catalogue.formation(op.formation_id)
    if formation is None and row is None:  # nothing of this person's to act on: never a row for an unknown id
        return "Cette formation n'existe pas ou plus dans le catalogue."
    if op.kind == "set_ambition" and op.value not in (*AMBITIONS, None):
        return f"ambition : {', '.join(AMBITIONS)} ou null"
    if op.kind == "set_note" and not (op.value is None or (isinstance(op.value, str) and len(op.value) <= MAX_NOTE)):
        return f"note : un texte de {MAX_NOTE} caractères au plus"
    if op.kind in ("add_place", "remove_place", *merge.ADDED_KINDS):
        if not isinstance(op.value, int) or isinstance(op.value, bool):
            return "value : le code du lieu (cod_aff_form)"
        if op.kind in ("add_place", "mark_place_added"):
            try:
                marks.check_places(formation, [op.value])  # the website's and the API's rule
            except FieldError as exc:
                return exc.message
    if op.kind in merge.FLAG_KINDS and op.value not in (0, 1):
        return "value : 1 (oui) ou 0 (non)"
    if op.kind == "set_position":
        if not isinstance(op.value, int) or isinstance(op.value, bool) or not 0 <= op.value <= MAX_POSITION:
            return f"value : le rang du favori dans ta liste (un entier de 0 à {MAX_POSITION})"
        if row is None and not known:  # ordering never creates a mark
            return "Cette formation n'est pas dans tes favoris."
    return None


def to_merge_op(op: SyncOp, now_ms: int) -> merge.Op:
    # A device clock running ahead must not win every later edit: no time after the server's now.
    value = (op.value or "") if op.kind == "set_note" else op.value
    return merge.Op(op.op_id, min(op.ts, now_ms), op.kind, value, tuple(op.base))


def _per_wish(op: merge.Op, now: merge.View) -> list[merge.Op]:
    """`set_on_parcoursup` on a favourite with places chosen (a device queued it before the mark belonged to
    each wish) meant all of them: it marks each chosen place, as the migration did for the stored flags.
    The first place chosen for a favourite marked added with none chosen takes that mark (as
    favourites.service.edit_favourite does for the website's places form)."""
    if op.kind == "add_place" and now.on_parcoursup and not now.places:
        return [op, merge.Op(f"{op.op_id}-added", op.ts, "mark_place_added", op.value),
                merge.Op(f"{op.op_id}-moved", op.ts, "set_on_parcoursup", 0)]
    if op.kind != "set_on_parcoursup" or not now.places:
        return [op]
    kind = "mark_place_added" if op.value else "unmark_place_added"
    return [merge.Op(f"{op.op_id}-{cod}", op.ts, kind, cod) for cod in now.places]


def _written(pid: str, fid: str, v: merge.View, row: store.Mark | None, moved: bool,
             position: int | None) -> store.Mark:
    """The mark as the merged view makes it, by favourites.service's rules (version, updated_at, tombstone,
    place in the list): `row` as read (None: none yet) is changed in place, or a new one is made. `moved`: a
    set_position of this request won, the row takes the view's position. `position`: the end of the student's
    list, for a mark that goes there (marks.goes_last), else None."""
    kind = v.kind or "favori"  # a removal with no row: made a favourite, then removed (a tombstone)
    if row is None:
        row = store.Mark(None, **marks.new_mark(pid, fid, kind, position))
    elif v.kind is not None:
        marks.mark_as(row, v.kind, position)
    if v.kind is None:
        marks.unmark(row, row.kind)
    if v.kind == "favori":
        marks.change_fields(row, ambition=v.ambition, places=list(v.places), note=v.note,
                            on_parcoursup=v.on_parcoursup, note_shared=v.note_shared,
                            added_places=list(v.added_places),
                            **({"position": v.position} if moved and v.position is not None else {}))
    else:  # not a favourite now: keep its fields on the row anyway, so adding it back brings them back
        marks.keep_fields(row, ambition=v.ambition, places=list(v.places), note=v.note,
                          on_parcoursup=v.on_parcoursup, note_shared=v.note_shared, added_places=v.added_places)
    return row


def _mark(row: store.Mark, item: store.Item) -> SyncMark:
    heads = sorted(item.state["h"]) if item.state else []  # the note versions (ItemState.heads' keys)
    return SyncMark(row.formation_id, row.kind, row.deleted, row.ambition, row.note, heads,
                    marks.chosen_places(row), row.version, row.updated_at, item.seq, row.position,
                    bool(row.on_parcoursup), bool(row.note_shared), marks.added(row))


async def sync(tx: store.Tx, catalogue, person_id: str | None, body: SyncIn) -> SyncOut:
    """Statements for one request that edits one existing mark: on PostgreSQL one read (the counter, the op ids
    applied before, the marks to look at) and one write (mps.domain.sync.store); on SQLite the counter upsert and
    the op ids' insert, the marks' read, then the mark, its sync item and the counter. tests/integration/sync pins
    the count. store.MarkChanged: something changed after it was read; roll back and call again."""
    now = datetime.now(timezone.utc)
    ops = [msgspec.structs.replace(op, formation_id=catalogue.resolve(op.formation_id))  # queued before twins merged
           if catalogue.resolve(op.formation_id) not in (None, op.formation_id) else op for op in body.ops]
    start = await _read(tx, person_id, list(dict.fromkeys(op.op_id for op in ops)), now, body.since,
                        {op.formation_id for op in ops})
    seq, fresh, found, since = start.seq, start.fresh, start.marks, body.since
    person_id = start.person_id  # None given: the session's (store.Tx.token_hash)
    full = since == 0 or since > seq  # a cursor from elsewhere (another account, a reset server)
    rows = {m.formation_id: m for m, _ in found}
    read = {fid: m.version for fid, m in rows.items()}  # a mark is written only if still at this version
    items = {m.formation_id: item for m, item in found if item is not None}
    written: set[str] = set()  # the items this request changes, written at the end in one statement

    def bump(fid: str, state: merge.ItemState, row: store.Mark) -> None:
        nonlocal seq
        seq += 1
        items[fid] = store.Item(seq, row.version, state.to_dict())
        written.add(fid)

    for fid, row in rows.items():
        item = items.get(fid)
        if item is None or item.row_version != row.version:
            state = merge.ItemState.from_dict(item.state if item else None)
            adopt(state, row)
            bump(fid, state, row)

    results, states, positions = [], {}, {}  # positions: each state's order register before the ops
    for op in ops:
        if op.op_id not in fresh:  # applied by an earlier request, or earlier in this batch
            results.append(OpResult(op.op_id, "duplicate"))
            continue
        fresh.discard(op.op_id)
        problem = _check(op, catalogue, rows.get(op.formation_id), op.formation_id in states)
        if problem:
            results.append(OpResult(op.op_id, "rejected", problem))
            continue
        fid = op.formation_id
        if fid not in states:
            states[fid] = merge.ItemState.from_dict(items[fid].state if fid in items else None)
            positions[fid] = states[fid].position
        for one in _per_wish(to_merge_op(op, _ms(now)), merge.view(states[fid])):
            merge.apply(states[fid], one)
        results.append(OpResult(op.op_id, "applied"))
    last = None  # the end of the student's list, read when a mark goes there
    for fid, state in states.items():
        v, row = merge.view(state), rows.get(fid)
        position = None
        if row is None or (v.kind is not None and marks.goes_last(row, v.kind)):
            if last is None:
                last = await store.last_position(tx, person_id)
            last = position = max([last, *(rows[f].position for f in states if f in rows)]) + 1
        rows[fid] = _written(person_id, fid, v, row, moved=state.position != positions[fid], position=position)
        adopt_position(state, rows[fid])  # a favourite back at the end keeps that place
        bump(fid, state, rows[fid])
    if seq != start.seq or start.to_claim:
        changed = [(rows[fid], read.get(fid)) for fid in states if rows[fid].version != read.get(fid)]
        await store.write(tx, person_id, changed, {fid: items[fid] for fid in written}, seq, start, now)

    changed = [_mark(rows[fid], item) for fid, item in items.items() if full or item.seq > since]
    changed.sort(key=lambda m: m.seq)
    return SyncOut(seq, full, results, changed)


_locks: "weakref.WeakValueDictionary[str, asyncio.Lock]" = weakref.WeakValueDictionary()


def _person_lock(person_id: str) -> asyncio.Lock:
    lock = _locks.get(person_id)
    if lock is None:
        lock = _locks[person_id] = asyncio.Lock()
    return lock


async def sync_and_commit(db: AsyncSession, catalogue, person_id: str, body: SyncIn) -> SyncOut:
    """sync(), one request per person at a time, committed before the next one reads.

    A device often sends the same queue twice at once (Background Sync and the `online` event).
    Across workers, on SQLite the counter's upsert takes the write lock before anything is read, so the second
    waits; on PostgreSQL the second one to write finds the counter moved, writes nothing and reads again
    (mps.domain.sync.store.write). Either way it then finds the operations applied and reports them as duplicates.
    Within a worker an asyncio lock queues them first, so a waiting request holds no transaction (a signed-in
    one holds the connection its session lookup used, mps.web.sessions).
    """
    return await _applied(person_id, lambda: store.begin(db), catalogue, person_id, body)


async def sync_found(driver, catalogue, whose: store.Whose, body: SyncIn) -> SyncOut | None:
    """PostgreSQL: sync() for the person `whose` finds (a sign-in session's, an anonymous device's), on an asyncpg
    connection in autocommit, found by the sync's own read (mps.domain.sync.web). None: no such person (a session
    unknown, expired or ended), nothing read nor written."""
    async def begin() -> store.Tx:
        return store.Tx(None, driver, autocommit=True, whose=whose)
    try:
        return await _applied(whose.key, begin, catalogue, None, body)
    except store.NoSession:
        return None


async def _applied(key: str, begin, catalogue, person_id: str | None, body: SyncIn) -> SyncOut:
    async with _person_lock(key):
        for attempt in range(ATTEMPTS):
            tx = await begin()
            try:
                out = await sync(tx, catalogue, person_id, body)
            except store.MarkChanged:  # edited elsewhere meanwhile: read it again (nothing was written)
                await tx.rollback()
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            except BaseException:
                await tx.rollback()
                raise
            await tx.commit()
            return out
