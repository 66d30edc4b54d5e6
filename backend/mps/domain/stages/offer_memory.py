"""Each worker's copy, in numpy arrays, of what the board search filters on for every published offer (place,
status dates, reservation, school year, period mask, level, sector, words: offer_words.py): which offers of a
circle match, their count and distance order come from memory, and the database only reads the page's rows.

Exact, not eventually: the statement that reads the page also counts the lines of stage_offer_changes
(migrations 0031 and 0032, kept by triggers) past this copy's horizon; a count other than the one remembered means an
offer changed since, and the copy reads the changed offers again (a bare read connection: the API) or the
search goes through SQL (a page's session, which may hold its own uncommitted writes). SQLite: the horizon is
the next `tx` key. PostgreSQL: the xmin of the snapshot the changes were read in (a writer still running then
has a later id, and so has one begun after).

Offers sit in strips of a tenth of a degree of latitude, by longitude within a strip: a box is a few slices.
"""
from __future__ import annotations

import asyncio
from datetime import date, datetime, timezone

import numpy as np
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from mps.domain.stages import page_sql
from mps.domain.stages.offer_words import OfferWords

STRIPS_PER_DEGREE = 10
_SPAN = 1000  # a strip's share of the sort key, past any longitude + 180
_NEVER = np.iinfo(np.int64).max  # a NULL date: `NULL <= now` is never true
_FIELDS = ("id, lat, lon, status, demo, published_at, open_to_all_at, open_until, reserved, reserved_uais, "
           "school_year, period_mask, niveau, secteur, search_text")
_RESERVED = {"": 0, "ep": 1, "schools": 2}
_EPOCH_DAY = date(1970, 1, 1).toordinal()


def micros(value, wall: bool = False) -> int:
    """A time as the database compares it: SQLite its text, the wall time (`wall`: SQLAlchemy writes a bound
    time's fields, whatever its zone), PostgreSQL the instant (its fields in UTC)."""
    if value is None:
        return _NEVER
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not wall and value.tzinfo is not None:
        value = value.astimezone(timezone.utc)
    seconds = (value.toordinal() - _EPOCH_DAY) * 86400 + value.hour * 3600 + value.minute * 60 + value.second
    return seconds * 1_000_000 + value.microsecond


def day(value) -> int:
    if value is None:
        return -_NEVER  # `NULL > today` is never true
    return (date.fromisoformat(value) if isinstance(value, str) else value).toordinal()


class Codes(dict):
    """Small integers for a column's strings (levels, sectors)."""

    def of(self, value) -> int:
        return self.setdefault(value, len(self))


class OfferMemory:
    def __init__(self, dialect: str):
        self.dialect = dialect
        self.horizon: int | None = None  # None: never read
        self.seen = 0  # lines past the horizon when the changes were last read
        self.rows: dict[int, tuple] = {}  # id -> its converted fields (published offers only)
        self.niveaux, self.secteurs = Codes(), Codes()
        self.uais: dict[int, str] = {}  # id -> reserved_uais of offers reserved to schools
        self.words = OfferWords(dialect)
        self.stale = True  # the arrays need building again from rows
        self.advanced_at = 0.0  # (time.monotonic) when moving the horizon was last tried: nearest._advance
        self.lock = asyncio.Lock()

    # -- reading the database ------------------------------------------------------------------------
    async def _read(self, conn: AsyncConnection, ids: list[int] | None) -> None:
        if ids is None:
            found = (await conn.execute(text(f"SELECT {_FIELDS} FROM stage_offers WHERE status = 'published'"))).all()
        else:
            found = []
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ", ".join(f":i{j}" for j in range(len(chunk)))
                found += (await conn.execute(text(f"SELECT {_FIELDS} FROM stage_offers WHERE id IN ({marks})"),
                                             {f"i{j}": v for j, v in enumerate(chunk)})).all()
            for i in ids:
                self.rows.pop(i, None)
                self.uais.pop(i, None)
                self.words.put(i, None)
        for (id_, lat, lon, status, demo, published, to_all, until, reserved, uais, year, mask, niveau,
             secteur, words) in found:
            if status != "published":
                continue
            self.rows[id_] = (lat, lon, bool(demo), micros(published), micros(to_all), day(until),
                              _RESERVED.get(reserved, 3), year if year is not None else -1, mask or 0,
                              self.niveaux.of(niveau), self.secteurs.of(secteur), self.words.put(id_, words))
            if reserved == "schools":
                self.uais[id_] = uais or ""
        self.stale = True

    async def _horizon(self, conn: AsyncConnection) -> int:
        if self.dialect == "sqlite":
            return (await conn.execute(text("SELECT coalesce(max(tx), 0) + 1 FROM stage_offer_changes"))).scalar()
        return int((await conn.execute(text("SELECT pg_snapshot_xmin(pg_current_snapshot())::text"))).scalar())

    async def load(self, conn: AsyncConnection) -> None:
        """Every published offer; the horizon read first: what changes after is past it."""
        self.rows, self.uais, self.words, self.horizon = {}, {}, OfferWords(self.dialect), None
        horizon = await self._horizon(conn)
        self.seen = len(await self._changes(conn, horizon, horizon))
        await self._read(conn, None)
        self.horizon = horizon

    async def catch_up(self, conn: AsyncConnection) -> None:
        """The offers changed past the horizon, read again (reading one twice is harmless). The lines and the
        count for the new horizon come from one statement (one snapshot): a change committed after it adds a
        line the next count sees."""
        if self.horizon is None:
            return await self.load(conn)
        horizon = await self._horizon(conn)
        lines = await self._changes(conn, self.horizon, horizon)
        if lines and lines[0][2]:  # lines this copy had not read were pruned: read everything again
            return await self.load(conn)
        await self._read(conn, sorted({offer for offer, _, _ in lines}))
        self.horizon, self.seen = horizon, sum(1 for _, past, _ in lines if past)

    async def advance(self, conn: AsyncConnection) -> bool:
        """PostgreSQL: move the horizon up to the xmin of a snapshot now, when the copy is still exact there (the
        lines past the old horizon are the ones it has seen): every search counts the lines past the horizon, and
        it only moved when a change was read, so a transaction running anywhere in the cluster when the copy was
        read (its xmin held back) left every later search counting a batch of writes (100,000 lines: 140 ms a
        search) until the next change. Counts and xmin from one statement (one snapshot): a transaction below the
        new horizon had ended then, its lines among those counted. Whether it moved."""
        horizon, seen = self.horizon, self.seen
        if self.dialect != "postgresql" or horizon is None:
            return False
        new, past_old, past_new = (await conn.execute(page_sql.ADVANCE, {"horizon": str(horizon)})).one()
        if past_old != seen or (self.horizon, self.seen) != (horizon, seen):
            return False  # a change since (the next search reads it) or another search caught up meanwhile
        self.horizon, self.seen = int(new), past_new
        return True

    async def _changes(self, conn: AsyncConnection, old: int, new: int) -> list:
        """(offer, past the new horizon, pruned past the old one) of the lines past the old one (lines pruned past
        it leave the newest: there are lines)."""
        return (await conn.execute(page_sql.changes_since(self.dialect),
                                   {"old": _bound(old, self.dialect), "new": _bound(new, self.dialect)})).all()

    # -- the arrays ----------------------------------------------------------------------------------
    def _build(self) -> None:
        ids = np.fromiter(self.rows.keys(), dtype=np.int64, count=len(self.rows))
        cols = list(zip(*self.rows.values())) or [()] * 12
        lat, lon = np.array(cols[0], dtype=np.float64), np.array(cols[1], dtype=np.float64)
        strip = np.floor((lat + 90) * STRIPS_PER_DEGREE).astype(np.int64)
        order = np.lexsort((lon, strip))
        self.key = (strip * _SPAN + (lon + 180))[order]  # sorted: strip, then longitude
        self.ids, self.lat, self.lon = ids[order], lat[order], lon[order]
        self.demo = np.array(cols[2], dtype=bool)[order]
        self.published, self.to_all = (np.array(cols[i], dtype=np.int64)[order] for i in (3, 4))
        self.until, self.reserved, self.year = (np.array(cols[i], dtype=np.int64)[order] for i in (5, 6, 7))
        self.mask = np.array(cols[8], dtype=np.int64)[order]
        self.niveau, self.secteur = (np.array(cols[i], dtype=np.int64)[order] for i in (9, 10))
        self.slot = np.array(cols[11], dtype=np.int64)[order]  # (of its words in self.words)
        self.stale = False

    def prepare(self) -> None:
        if self.stale:
            self._build()

    def _box(self, lat1, lat2, lon1, lon2) -> np.ndarray:
        """Positions of the offers of the box's strips whose key puts them within the box's longitudes, a hair
        wider (the key rounds): matches() tests the bounds themselves. One search for every strip's two ends."""
        strips = np.arange(int(np.floor((lat1 + 90) * STRIPS_PER_DEGREE)), int(np.floor((lat2 + 90) * STRIPS_PER_DEGREE)) + 1)
        ends = np.searchsorted(self.key, np.concatenate((strips * _SPAN + (lon1 + 180 - 1e-6),
                                                         strips * _SPAN + (lon2 + 180 + 1e-6))))
        a, b = ends[:len(strips)], ends[len(strips):]
        lens = b - a
        ahead = np.cumsum(lens)
        return np.arange(ahead[-1]) + np.repeat(a - ahead + lens, lens)

    def matches(self, shape, params: dict, groups=()) -> tuple[np.ndarray, np.ndarray] | None:
        """(ids, squared distances) of the offers the SQL of page_sql._hits finds, unordered (`groups`: the
        query words' forms, as the LIKE's parameters); None when this copy cannot tell (a school's UAI or a
        word holding a LIKE wildcard)."""
        self.prepare()
        holding = self.words.holding(groups) if groups else None
        if groups and holding is None:
            return None
        now_us = micros(params["now"], wall=self.dialect == "sqlite")
        at = self._box(params["lat1"], params["lat2"], params["lon1"], params["lon2"])
        lat, lon = self.lat[at], self.lon[at]
        keep = (lat >= params["lat1"]) & (lat <= params["lat2"]) & (lon >= params["lon1"]) & (lon <= params["lon2"])
        dlat, dlon = lat - params["lat"], (lon - params["lon"]) * params["k"]
        d2 = dlat * dlat + dlon * dlon  # (page_sql._dist2's operations, in its order)
        keep &= d2 <= params["r2"]
        keep &= self.demo[at] == shape.demo
        keep &= (self.published[at] if shape.priority else self.to_all[at]) <= now_us
        keep &= self.until[at] > params["today"].toordinal()
        reserved = self.reserved[at]
        allowed = reserved == 0
        if shape.priority:
            allowed |= reserved == 1
        if shape.school:
            uai = params["uai_like"][2:-2]
            if "%" in uai or "_" in uai:
                return None
            ids = self.ids[at]
            for i in np.nonzero(keep & (reserved == 2))[0]:  # (LIKE: SQLite ignores ASCII case, PostgreSQL does not)
                held = self.uais.get(int(ids[i]), "")
                allowed[i] = f"|{uai}|" in (held.upper() if self.dialect == "sqlite" else held)
        keep &= allowed
        if shape.periode:
            keep &= (self.year[at] == params["school_year"]) & ((self.mask[at] & params["periods"]) != 0)
        if shape.niveau:
            keep &= self.niveau[at] == self.niveaux.get(params["niveau"], -1)
        if shape.sector:
            keep &= self.secteur[at] == self.secteurs.get(params["sector"], -1)
        if groups:
            keep &= holding[self.slot[at]]
        return self.ids[at][keep], d2[keep]


KEEP = 10_000  # the change log's newest lines kept by prune_changes


async def prune_changes(conn: AsyncConnection, keep: int = KEEP) -> int:
    """Delete the change log's lines older than its `keep` newest (a copy that far behind reads every offer
    again, as cheap as reading that many changed ones); how many. A copy whose horizon is older than the one
    pruned at sees it (page_sql._pruned). PostgreSQL: that horizon is at most this snapshot's xmin (no writer still
    running can add a line below it later), marked by a line for offer 0; one pruning at a time (a lock)."""
    if conn.dialect.name == "sqlite":
        return (await conn.execute(text("DELETE FROM stage_offer_changes WHERE tx < (SELECT tx FROM stage_offer_changes "
                                        "ORDER BY tx DESC LIMIT 1 OFFSET :keep)"), {"keep": keep})).rowcount
    await conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('stage_offer_changes'))"))
    floor = (await conn.execute(text("SELECT least(k, pg_snapshot_xmin(pg_current_snapshot()))::text FROM (SELECT (SELECT tx "
                                     "FROM stage_offer_changes ORDER BY tx DESC LIMIT 1 OFFSET :keep) AS k) s "
                                     "WHERE k IS NOT NULL"), {"keep": keep})).scalar()
    if floor is None:
        return 0
    pruned = (await conn.execute(text("DELETE FROM stage_offer_changes WHERE tx < CAST(CAST(:floor AS text) AS xid8)"),
                                 {"floor": floor})).rowcount
    if pruned:
        await conn.execute(text("INSERT INTO stage_offer_changes (tx, offer_id) VALUES (CAST(CAST(:floor AS text) AS xid8), 0)"),
                           {"floor": floor})
    return pruned


def _bound(horizon: int, dialect: str):
    return horizon if dialect == "sqlite" else str(horizon)


def page_of(ids: np.ndarray, d2: np.ndarray, skip: int, size: int) -> list[int]:
    """The ids from `skip` to `skip + size` by distance then id (the SQL's ORDER BY d2, id)."""
    need = skip + size
    if len(d2) > 4 * need:  # only the nearest `need` (and any tied with the last) are sorted
        near = d2 <= np.partition(d2, need - 1)[need - 1]
        ids, d2 = ids[near], d2[near]
    order = np.lexsort((ids, d2))
    return [int(i) for i in ids[order[skip:need]]]
