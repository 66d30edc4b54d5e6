"""Offers nearest to a point: the spatial index narrows to a box, the circle and the visible-offer filters
keep the matches, a count stops at MAX_TOTAL, and a page of the nearest comes from the smallest circle that
holds it.

SQLite: the R*Tree virtual table stage_offers_rtree (kept by triggers, migration 0020_stages) gives the
ids inside the box. PostgreSQL: a GiST index on point(lon, lat) answers `<@ box(...)` without any
extension. Both then keep the circle and sort by an equirectangular distance (exact enough within 60 km).
A sector or keyword filter goes through its own index instead (the words': wordindex.py) when it holds
fewer offers than the box: `driver` counts, as neither database can tell.

A search is answered from this worker's copy of the offers first (offer_memory.py, from_memory): the SQL below
is then only for a session that may hold its own uncommitted writes (and a LIKE wildcard in a school's UAI).

The statements (page_sql.py) are built once per shape of query and hold only bound parameters: building and
keying a fresh SQLAlchemy statement cost more than SQLite took to run it.
"""
from __future__ import annotations

import json
import math
import time

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.engine import database_of
from mps.domain.stages import page_sql
from mps.domain.stages.density import offers_in_box
from mps.domain.stages.offer_memory import OfferMemory, page_of
from mps.domain.stages.page_sql import KM_PER_DEGREE, Shape
from mps.db.driver import fetch
from mps.domain.stages.wordindex import Groups, fts5_match, tsquery, usable

MAX_TOTAL = 1000  # matches counted; past it the board says « plus de 1 000 »
COUNT_CAP = 20_000  # counts that choose an index stop there
SPATIAL_INDEX = True  # bench/stages_search.py turns it off for its baseline: the circle test on every offer


def box_params(lat: float, lon: float, radius_km: float) -> dict:
    """The bounds of the box around the circle and the circle's squared radius, in degrees of latitude."""
    dlat = radius_km / KM_PER_DEGREE
    dlon = min(180.0, dlat / max(0.01, math.cos(math.radians(lat))))
    return {"lat1": lat - dlat, "lat2": lat + dlat, "lon1": lon - dlon, "lon2": lon + dlon, "r2": dlat * dlat}


async def driver(conn: AsyncConnection, query, words: Groups) -> str:
    """Which index reads the fewest offers: "box" (the spatial index), "sector" or "words" (wordindex.py).

    Neither database can weigh a small sector or a rare word against a dense box (60 km around Paris: 19,500
    offers in the box, 600 of a sector or 2,000 holding a word in all France): SQLite has no statistics and
    PostgreSQL none for `point <@ box` (it assumes 0.1 % of the rows, so it always started from the box).
    Counts through each index (on PostgreSQL the words' estimate; both remembered a minute: _remembered), the
    words' taken no higher than the sector's, tell; the box is weighed last (density.py: this process's offers
    per cell, no statement) and only when the smallest of the others is past MAX_TOTAL (below it, that index is
    cheap whatever the box holds)."""
    dialect = conn.dialect.name
    sizes = {}
    if query.secteur and dialect == "sqlite":  # (PostgreSQL's planner weighs a sector well)
        sizes["sector"] = await _remembered(conn, ("sector", query.secteur), lambda: _sector_size(conn, query.secteur))
    if words:
        sizes["words"] = min(COUNT_CAP, *sizes.values(),
                             await _remembered(conn, ("words", tsquery(words)), lambda: _holding_size(conn, dialect, words)))
    if not sizes:
        return "box"
    best = min(sizes, key=lambda k: sizes[k])
    if sizes[best] <= MAX_TOTAL:
        return best
    in_box = await offers_in_box(conn, box_params(query.lat, query.lon, query.radius_km))
    return best if sizes[best] <= in_box else "box"


# Per database, this process's sizes of a sector and of the offers holding some words, for COUNTS_TTL seconds:
# they weigh which index leads, never what a search finds, and a popular word or sector costs its count
# once a minute instead of once a search (they were a tenth of the bench's SQL time on SQLite).
COUNTS_TTL = 60.0
COUNTS_KEPT = 5000  # entries per database; past it they are all forgotten (query words are anyone's)
_counts: dict[str, dict[tuple, tuple[float, int]]] = {}


async def _remembered(conn: AsyncConnection, key: tuple, count) -> int:
    kept = _counts.setdefault(database_of(conn), {})
    hit = kept.get(key)
    if hit is not None and time.monotonic() - hit[0] < COUNTS_TTL:
        return hit[1]
    if len(kept) >= COUNTS_KEPT:
        kept.clear()
    value = await count()
    kept[key] = (time.monotonic(), value)
    return value


async def _sector_size(conn, sector: str) -> int:
    return (await conn.execute(page_sql.SECTOR_COUNT, {"sector": sector, "cap": COUNT_CAP})).scalar()


async def _holding_size(conn, dialect: str, groups: Groups) -> int:
    """How many offers hold the words (any status), up to COUNT_CAP. SQLite: counted from the FTS table.
    PostgreSQL: its planner's estimate, from the statistics ANALYZE keeps of the GIN expression's
    words (close: 5,237 estimated for 5,242 offers holding « hopital », 100,000 for « stage »), free of the
    heap visits a count would make."""
    if dialect == "sqlite":
        return (await conn.execute(page_sql.FTS_COUNT, {"m": fts5_match(groups), "cap": COUNT_CAP})).scalar()
    plan = (await conn.execute(text("EXPLAIN (FORMAT JSON) SELECT 1 FROM stage_offers WHERE "
                                    "stage_offer_words(search_text) @@ CAST(:q AS tsquery)"), {"q": tsquery(groups)})).scalar()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return min(COUNT_CAP, int(plan[0]["Plan"]["Plan Rows"]))


async def statements_connection(db: AsyncSession | AsyncConnection) -> AsyncConnection:
    """Where the search's statements run: the connection given (the API's, no ORM session on its way), or a
    session's, flushed first (the statements go through the connection: the session's autoflush is not on
    their way, and a page may have just saved the student's place)."""
    if isinstance(db, AsyncConnection):
        return db
    await db.flush()
    return await db.connection()


_memories: dict[str, OfferMemory] = {}
MEMORY = True  # offer_memory.py answers searches (tests turn it off to compare with the SQL)


def memory_of(conn: AsyncConnection, dialect: str) -> OfferMemory:
    memory = _memories.get(database_of(conn))
    if memory is None:
        memory = _memories[database_of(conn)] = OfferMemory(dialect)
    return memory


async def warm(conn: AsyncConnection) -> None:
    """Read this process's copy now (a worker's start-up), not on its first searches, which would all wait."""
    memory = memory_of(conn, conn.dialect.name)
    async with memory.lock:
        await memory.catch_up(conn)
    memory.prepare()
    memory.words.ready()


ADVANCE_PAST = 100  # lines past a copy's horizon that make moving it worth a statement (offer_memory.advance)
ADVANCE_EVERY = 10.0  # seconds between two tries (a transaction still running holds the xmin back meanwhile)


async def _advance(conn: AsyncConnection, memory: OfferMemory, read_only: bool) -> None:
    if read_only and memory.seen > ADVANCE_PAST and time.monotonic() - memory.advanced_at > ADVANCE_EVERY:
        memory.advanced_at = time.monotonic()
        await memory.advance(conn)


async def from_memory(conn: AsyncConnection, shape: Shape, params: dict, skip: int, size: int, read_only: bool,
                      words: Groups = ()) -> tuple[int, list] | None:
    """nearest()'s answer with the matches from this process's copy (offer_memory.py) and the page's rows from
    the database, in one statement that also tells whether the copy is still exact; None when it is not and
    cannot catch up on this connection (a session's: it may hold its own uncommitted writes), SQL then answers.
    A copy never read is read on a read-only connection (the first search of a worker: ≈ 1 s per 100,000 offers)."""
    memory = memory_of(conn, shape.dialect)
    for attempt in range(2):
        if memory.horizon is None or attempt:
            if not read_only:
                return None
            async with memory.lock:  # one at a time: a slower one would write back rows older than its count
                await memory.catch_up(conn)
        horizon, seen = memory.horizon, memory.seen  # (together: another search may catch up meanwhile)
        if horizon is None:
            continue
        found = memory.matches(shape, params, words)
        if found is None:
            return None
        ids = page_of(*found, skip, size)
        total = min(len(found[0]), MAX_TOTAL + 1)
        args = {**params, "horizon": horizon if shape.dialect == "sqlite" else str(horizon)}
        if not ids:
            if (await fetch(conn, page_sql.past_count(shape.dialect), args))[0][0] == seen:
                await _advance(conn, memory, read_only)
                return total, []
            continue
        args["ids"] = json.dumps(ids) if shape.dialect == "sqlite" else ids
        rows = await fetch(conn, page_sql.listed_page(shape.dialect), args)
        if rows and rows[0][-1] == seen and len(rows) == len(ids):
            at = {id_: i for i, id_ in enumerate(ids)}
            await _advance(conn, memory, read_only)
            return total, sorted(rows, key=lambda r: at[r[0]])
    return None


async def nearest(conn: AsyncConnection, shape: Shape, query, params: dict, skip: int, size: int, words: Groups = (),
                  read_only: bool = False) -> tuple[int, list]:
    """(number of matches, capped at MAX_TOTAL + 1; the page: `size` rows from `skip` of the nearest, by
    distance then id, with the offers' columns and open periods (page_sql._with_offers)). `words`: for each
    query word its forms (shape.words their numbers; params their LIKE patterns).

    One unordered pass reads at most MAX_TOTAL + 1 matches: when that is all of them, they are counted and
    the page sorted among them, in the same statement. Beyond (a dense area), the page comes from a smaller
    circle holding at least `skip` + a page of matches: every offer outside it is farther than every offer
    inside, so its nearest are the same as over the whole radius, read through far fewer rows.
    """
    dialect = conn.dialect.name
    if MEMORY and SPATIAL_INDEX:
        found = await from_memory(conn, shape._replace(dialect=dialect), {**params, **box_params(
            query.lat, query.lon, query.radius_km)}, skip, size, read_only, words)
        if found is not None:
            return found
    words = words if usable(words) else []  # (the LIKE still confirms them all)
    way = await driver(conn, query, words)
    shape = shape._replace(dialect=dialect, way=way, spatial=SPATIAL_INDEX)
    need = skip + size
    params = {**params, **box_params(query.lat, query.lon, query.radius_km), "skip": skip, "size": size, "cap": MAX_TOTAL + 1}
    if words and way == "words":
        params["words_index"] = fts5_match(words) if dialect == "sqlite" else tsquery(words)
    rows = await fetch(conn, page_sql.capped_page(shape), params)
    if rows:
        total = rows[0][-1]  # (the capped page's last column: n)
    else:  # past the matches read: their count alone
        total = (await fetch(conn, page_sql.capped_count(shape), params))[0][0] if skip else 0
    if total <= MAX_TOTAL:
        return total, rows
    # Among the rows read, the need-th nearest bounds the circle that surely holds `need` matches;
    # start smaller, from the density the pass saw, and widen until `need` matches are inside.
    bound = query.radius_km
    if need <= total:  # (a hair wider: the square root and back must not leave that offer outside)
        bound = math.sqrt(rows[-1][1]) * KM_PER_DEGREE * (1 + 1e-9) + 1e-9
    radius = min(bound, max(1.0, query.radius_km * math.sqrt(4 * need / total)))
    statement = page_sql.ordered_page(shape)
    while True:
        radius = min(radius, bound, query.radius_km)
        params.update(box_params(query.lat, query.lon, radius))
        rows = await fetch(conn, statement, params)
        if len(rows) == size or radius >= min(bound, query.radius_km):
            return MAX_TOTAL + 1, rows
        radius *= 2
