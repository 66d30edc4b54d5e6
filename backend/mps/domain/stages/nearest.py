"""Offers nearest to a point: the spatial index narrows to a box, the circle and the visible-offer filters
keep the matches, a count stops at MAX_TOTAL, and a page of the nearest comes from the smallest circle that
holds it.

SQLite: the R*Tree virtual table stage_offers_rtree (kept by triggers, migration 0020_stages) gives the
ids inside the box. PostgreSQL: a GiST index on point(lon, lat) answers `<@ box(...)` without any
extension. Both then keep the circle and sort by an equirectangular distance (exact enough within 60 km).
A sector or keyword filter goes through its own index instead (the words': wordindex.py) when it holds
fewer offers than the box: `driver` counts, as neither database can tell.
"""
from __future__ import annotations

import math

from sqlalchemy import and_, column, func, select, table, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Join

from mps.db.models import StageOffer
from mps.domain.stages.wordindex import Groups, holding, holding_size

KM_PER_DEGREE = 111.195
MAX_TOTAL = 1000  # matches counted; past it the board says « plus de 1 000 »
PUBLISHED = StageOffer.status == "published"
COUNT_CAP = 20_000  # counts that choose an index stop there


RTREE = table("stage_offers_rtree", column("id"), column("min_lat"), column("max_lat"), column("min_lon"),
              column("max_lon"))
SPATIAL_INDEX = True  # bench/stages_search.py turns it off for its baseline: the circle test on every offer


class _Driving(Join):
    """`R*Tree CROSS JOIN stage_offers ON ...`: SQLite keeps a CROSS JOIN's order (its documented way to fix
    it), so the R*Tree streams the box's ids and the LIMIT stops reading early. A plain JOIN started from the
    status index; `id IN (SELECT id FROM the R*Tree)` first built the list of every id of the box."""
    inherit_cache = True


@compiles(_Driving)
def _driving(join, compiler, **kw):
    kw["asfrom"] = True
    return (f"{compiler.process(join.left, **kw)} CROSS JOIN {compiler.process(join.right, **kw)} "
            f"ON {compiler.process(join.onclause, **kw)}")


def _source(dialect: str, plain_box: bool):
    if dialect == "sqlite" and SPATIAL_INDEX and not plain_box:
        return _Driving(RTREE, StageOffer.__table__, RTREE.c.id == StageOffer.id)
    return StageOffer.__table__


def _spatial(dialect: str, lat1: float, lat2: float, lon1: float, lon2: float):
    if dialect == "sqlite":  # (the R*Tree holds 32-bit floats rounded outwards: never narrower than the box)
        return and_(RTREE.c.min_lat <= lat2, RTREE.c.max_lat >= lat1, RTREE.c.min_lon <= lon2, RTREE.c.max_lon >= lon1)
    return text("point(stage_offers.lon, stage_offers.lat) <@ box(point(:lon1, :lat1), point(:lon2, :lat2))"
                ).bindparams(lat1=lat1, lat2=lat2, lon1=lon1, lon2=lon2)


def _circle(dialect: str, query, radius_km: float, plain_box: bool = False):
    """The conditions of "within radius_km of the query point" (box through the spatial index, then the
    circle), and the squared equirectangular distance expression the results are sorted by. `plain_box`:
    the box as plain bounds, for a plan that starts from the sector's or the words' index (see driver)."""
    dlat = radius_km / KM_PER_DEGREE
    k = max(0.01, math.cos(math.radians(query.lat)))
    dlon = min(180.0, dlat / k)
    dist2 = ((StageOffer.lat - query.lat) * (StageOffer.lat - query.lat)
             + (StageOffer.lon - query.lon) * k * ((StageOffer.lon - query.lon) * k))
    if plain_box or not SPATIAL_INDEX:
        box = and_(StageOffer.lat.between(query.lat - dlat, query.lat + dlat),
                   StageOffer.lon.between(query.lon - dlon, query.lon + dlon))
    else:
        box = _spatial(dialect, query.lat - dlat, query.lat + dlat, query.lon - dlon, query.lon + dlon)
    return [box, dist2 <= dlat * dlat], dist2


async def driver(db: AsyncSession, query, words: Groups) -> str:
    """Which index reads the fewest offers: "box" (the spatial index), "sector" or "words" (wordindex.py).

    Neither database can weigh a small sector or a rare word against a dense box (60 km around Paris: 19,500
    offers in the box, 600 of a sector or 2,000 holding a word in all France): SQLite has no statistics and
    PostgreSQL none for `point <@ box` (it assumes 0.1 % of the rows, so it always started from the box).
    Counts through each index (on PostgreSQL the words' estimate), each stopped at the smallest so far,
    tell; the box is counted last and only when the smallest of the others is past MAX_TOTAL (below it,
    that index is cheap whatever the box holds)."""
    sizes = {}
    if query.secteur and db.bind.dialect.name == "sqlite":  # (PostgreSQL's planner weighs a sector well)
        sizes["sector"] = await db.scalar(select(func.count()).select_from(
            select(StageOffer.id).where(StageOffer.secteur == query.secteur).limit(COUNT_CAP).subquery()))
    if words:
        sizes["words"] = await holding_size(db, words, min([COUNT_CAP, *sizes.values()]))
    if not sizes:
        return "box"
    best = min(sizes, key=lambda k: sizes[k])
    if sizes[best] <= MAX_TOTAL:
        return best
    dlat = query.radius_km / KM_PER_DEGREE
    dlon = min(180.0, dlat / max(0.01, math.cos(math.radians(query.lat))))
    box = (query.lat - dlat, query.lat + dlat, query.lon - dlon, query.lon + dlon)
    if db.bind.dialect.name == "sqlite":
        in_box = select(RTREE.c.id).where(_spatial("sqlite", *box))
    else:
        in_box = select(StageOffer.id).where(_spatial("postgresql", *box))
    in_box = await db.scalar(select(func.count()).select_from(in_box.limit(sizes[best]).subquery()))
    return best if sizes[best] <= in_box else "box"


def _indexed(dialect: str, way: str, query, words: Groups) -> list:
    """The sector and word conditions, through their index only when it leads. SQLite: a unary + keeps a
    term off an index (its documented way; the status index is never selective enough). PostgreSQL: the
    box goes through GiST only when it leads (see _circle), the words through GIN only when they lead."""
    out = []
    if dialect == "sqlite" and way != "box":
        out.append(text("+stage_offers.status = 'published'"))
    if query.secteur:
        out.append(StageOffer.secteur == query.secteur if dialect != "sqlite" or way == "sector"
                   else text("+stage_offers.secteur = :sector").bindparams(sector=query.secteur))
    if words and way == "words":
        out.append(holding(dialect, words))
    return out


async def nearest(db: AsyncSession, query, filters: list, need: int, words: Groups = ()) -> tuple[int, list[int]]:
    """(number of matches, capped at MAX_TOTAL + 1; ids of the `need` nearest, by distance then id).

    One unordered pass reads at most MAX_TOTAL + 1 matches with their distance: when that is all of them,
    they are counted and sorted here, without a second query. Beyond (a dense area), the page comes from
    a smaller circle holding at least `need` matches: every offer outside it is farther than every offer
    inside, so its `need` nearest are the same as over the whole radius, read through far fewer rows.
    """
    dialect = db.bind.dialect.name
    way = await driver(db, query, words)
    plain_box = way != "box"  # the box as plain bounds: the sector's or the words' index leads
    if dialect == "sqlite" and plain_box:  # (replaced by its unary + form in _indexed)
        filters = [f for f in filters if not f.compare(PUBLISHED)]
    filters = [*filters, *_indexed(dialect, way, query, words)]
    circle, dist2 = _circle(dialect, query, query.radius_km, plain_box)
    source = _source(dialect, plain_box)
    probe = (await db.execute(select(StageOffer.id, dist2.label("d2")).select_from(source).where(*circle, *filters)
                              .limit(MAX_TOTAL + 1))).all()
    if len(probe) <= MAX_TOTAL:
        probe.sort(key=lambda r: (r.d2, r.id))
        return len(probe), [r.id for r in probe[:need]]
    # Among the rows read, the need-th nearest bounds the circle that surely holds `need` matches;
    # start smaller, from the density the pass saw, and widen until `need` matches are inside.
    bound = query.radius_km
    if need <= len(probe):  # (a hair wider: the square root and back must not leave that offer outside)
        bound = math.sqrt(sorted(r.d2 for r in probe)[need - 1]) * KM_PER_DEGREE * (1 + 1e-9) + 1e-9
    radius = min(bound, max(1.0, query.radius_km * math.sqrt(4 * need / len(probe))))
    while True:
        radius = min(radius, bound, query.radius_km)
        circle, dist2 = _circle(dialect, query, radius, plain_box)
        ids = list((await db.scalars(select(StageOffer.id).select_from(source).where(*circle, *filters)
                                     .order_by(dist2, StageOffer.id).limit(need))).all())
        if len(ids) == need or radius >= min(bound, query.radius_km):
            return MAX_TOTAL + 1, ids
        radius *= 2
