"""Offers nearest to a point: the spatial index narrows to a box, the circle and the visible-offer filters
keep the matches, a count stops at MAX_TOTAL, and a page of the nearest comes from the smallest circle that
holds it.

SQLite: the R*Tree virtual table stage_offers_rtree (kept by triggers, migration 0020_stages) gives the
ids inside the box. PostgreSQL: a GiST index on point(lon, lat) answers `<@ box(...)` without any
extension. Both then keep the circle and sort by an equirectangular distance (exact enough within 60 km).
"""
from __future__ import annotations

import math

from sqlalchemy import and_, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer

KM_PER_DEGREE = 111.195
MAX_TOTAL = 1000  # matches counted; past it the board says « plus de 1 000 »
PUBLISHED = StageOffer.status == "published"


def _spatial(dialect: str, lat1: float, lat2: float, lon1: float, lon2: float):
    box = {"lat1": lat1, "lat2": lat2, "lon1": lon1, "lon2": lon2}
    if dialect == "sqlite":
        return text("stage_offers.id IN (SELECT id FROM stage_offers_rtree WHERE min_lat <= :lat2 AND "
                    "max_lat >= :lat1 AND min_lon <= :lon2 AND max_lon >= :lon1)").bindparams(**box)
    return text("point(stage_offers.lon, stage_offers.lat) <@ box(point(:lon1, :lat1), point(:lon2, :lat2))"
                ).bindparams(**box)



def _circle(dialect: str, query, radius_km: float, by_sector: bool = False):
    """The conditions of "within radius_km of the query point" (box through the spatial index, then the
    circle), and the squared equirectangular distance expression the results are sorted by. `by_sector`:
    the box as plain bounds, for a plan that starts from the sector's index instead (see sector_first)."""
    dlat = radius_km / KM_PER_DEGREE
    k = max(0.01, math.cos(math.radians(query.lat)))
    dlon = min(180.0, dlat / k)
    dist2 = ((StageOffer.lat - query.lat) * (StageOffer.lat - query.lat)
             + (StageOffer.lon - query.lon) * k * ((StageOffer.lon - query.lon) * k))
    if by_sector:
        box = and_(StageOffer.lat.between(query.lat - dlat, query.lat + dlat),
                   StageOffer.lon.between(query.lon - dlon, query.lon + dlon))
    else:
        box = _spatial(dialect, query.lat - dlat, query.lat + dlat, query.lon - dlon, query.lon + dlon)
    return [box, dist2 <= dlat * dlat], dist2


async def sector_first(db: AsyncSession, query) -> bool:
    """SQLite only: start from the sector's index when the sector holds fewer offers than the R*Tree box.

    SQLite has no statistics to weigh a small sector against a dense box (60 km around Paris: 19,500 offers
    in the box, 600 of a sector in all France); two index-only counts tell (PostgreSQL's planner does it)."""
    if not query.secteur or db.bind.dialect.name != "sqlite":
        return False
    dlat = query.radius_km / KM_PER_DEGREE
    dlon = min(180.0, dlat / max(0.01, math.cos(math.radians(query.lat))))
    in_sector = await db.scalar(select(func.count()).select_from(StageOffer).where(StageOffer.secteur == query.secteur))
    if in_sector <= MAX_TOTAL:  # cheap whatever the box holds
        return True
    in_box = await db.scalar(text(
        "SELECT count(*) FROM stage_offers_rtree WHERE min_lat <= :lat2 AND max_lat >= :lat1 AND min_lon <= :lon2 "
        "AND max_lon >= :lon1").bindparams(lat1=query.lat - dlat, lat2=query.lat + dlat, lon1=query.lon - dlon,
                                           lon2=query.lon + dlon))
    return in_sector < in_box


async def nearest(db: AsyncSession, query, filters: list, need: int) -> tuple[int, list[int]]:
    """(number of matches, capped at MAX_TOTAL + 1; ids of the `need` nearest, by distance then id).

    One unordered pass reads at most MAX_TOTAL + 1 matches with their distance: when that is all of them,
    they are counted and sorted here, without a second query. Beyond (a dense area), the page comes from
    a smaller circle holding at least `need` matches: every offer outside it is farther than every offer
    inside, so its `need` nearest are the same as over the whole radius, read through far fewer rows.
    """
    dialect = db.bind.dialect.name
    by_sector = await sector_first(db, query)
    if by_sector:  # SQLite's documented way to keep a term off an index: unary + (the status index is not selective)
        filters = [text("+stage_offers.status = 'published'") if f.compare(PUBLISHED) else f for f in filters]
    circle, dist2 = _circle(dialect, query, query.radius_km, by_sector)
    probe = (await db.execute(select(StageOffer.id, dist2.label("d2")).where(*circle, *filters)
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
        circle, dist2 = _circle(dialect, query, radius, by_sector)
        ids = list((await db.scalars(select(StageOffer.id).where(*circle, *filters)
                                     .order_by(dist2, StageOffer.id).limit(need))).all())
        if len(ids) == need or radius >= min(bound, query.radius_km):
            return MAX_TOTAL + 1, ids
        radius *= 2
