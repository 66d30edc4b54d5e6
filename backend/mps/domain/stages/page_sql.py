"""The geo search's statements, built once per shape of query (which filters, which index leads, which
viewer rules) with every value a bound parameter: a search then costs SQLAlchemy a dictionary look-up instead
of building, keying and compiling a statement of some forty terms (more time than SQLite took to run it).

Parameters: lat, lon, k (cos of the latitude), lat1 / lat2 / lon1 / lon2 (the box), r2 (the circle's squared
radius in degrees of latitude), now, today, uai_like, school_year and periods (a period's mask), niveau, sector,
w<group>_<form> (LIKE patterns), words_index (the word index's query), cap, skip, size (of a page).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import BigInteger, Date, DateTime, Float, Integer, String, Text, and_, bindparam, case, cast, column, func, \
    literal_column, or_, select, table, text
from sqlalchemy.types import UserDefinedType
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.selectable import Join

from mps.db.models import StageOffer as O, StageOfferPeriod as P, StageOrganisation

KM_PER_DEGREE = 111.195

RTREE = table("stage_offers_rtree", column("id"), column("min_lat"), column("max_lat"), column("min_lon"),
              column("max_lon"))


class Shape(NamedTuple):
    """What changes a statement's text (values never do)."""
    dialect: str = "sqlite"
    way: str = "box"  # the index that leads: box (spatial), sector, words
    spatial: bool = True  # False: the bench's baseline, the circle test on every offer
    priority: bool = False  # REP / REP+ student: early access and offers reserved to priority education
    school: bool = False  # the viewer has a school: offers reserved to it
    demo: bool = False
    periode: bool = False
    niveau: bool = False
    sector: bool = False
    words: tuple[int, ...] = ()  # for each query word, how many forms it stands for


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


def _p(name: str, type_=Float):
    return bindparam(name, type_=type_)


def _box(dialect: str, plain: bool, lat, lon):
    if plain:  # the box as plain bounds: another index leads, or the bench's baseline
        return [lat.between(_p("lat1"), _p("lat2")), lon.between(_p("lon1"), _p("lon2"))]
    if dialect == "sqlite":  # (the R*Tree holds 32-bit floats rounded outwards: never narrower than the box)
        return [RTREE.c.min_lat <= _p("lat2"), RTREE.c.max_lat >= _p("lat1"), RTREE.c.min_lon <= _p("lon2"),
                RTREE.c.max_lon >= _p("lon1")]
    return [text("point(stage_offers.lon, stage_offers.lat) <@ box(point(:lon1, :lat1), point(:lon2, :lat2))")
            .bindparams(_p("lon1"), _p("lat1"), _p("lon2"), _p("lat2"))]


def _dist2():
    """Squared equirectangular distance in degrees of latitude, the order of the results."""
    lat, lon, k = _p("lat"), _p("lon"), _p("k")
    return (O.lat - lat) * (O.lat - lat) + (O.lon - lon) * k * ((O.lon - lon) * k)


def _filters(s: Shape) -> list:
    """What this viewer may see (status, early access, reservation, demo), the query's filters, and the
    sector and words through their index only when it leads. SQLite: a unary + keeps a term off an index
    (its documented way; the status index is never selective enough)."""
    sqlite = s.dialect == "sqlite"
    out = [text("+stage_offers.status = 'published'") if sqlite and s.way != "box" else O.status == "published",
           O.demo.is_(s.demo), (O.published_at if s.priority else O.open_to_all_at) <= _p("now", DateTime(timezone=True)),
           O.open_until > _p("today", Date)]
    reserved = [O.reserved == ""]
    if s.priority:
        reserved.append(O.reserved == "ep")
    if s.school:
        reserved.append(and_(O.reserved == "schools", O.reserved_uais.like(_p("uai_like", String))))
    out.append(or_(*reserved))
    if s.periode:  # the offer's mask of periods with a seat left (periods.wanted_mask: those that answer)
        out += [O.school_year == _p("school_year", Integer), O.period_mask.op("&")(_p("periods", BigInteger)) != 0]
    if s.niveau:
        out.append(O.niveau == _p("niveau", String))
    for g, forms in enumerate(s.words):  # the word index finds candidates; the LIKE confirms each
        out.append(or_(*(O.search_text.like(_p(f"w{g}_{f}", String)) for f in range(forms))))
    if s.sector:
        out.append(O.secteur == _p("sector", String) if not sqlite or s.way == "sector"
                   else text("+stage_offers.secteur = :sector").bindparams(_p("sector", String)))
    if s.words and s.way == "words":
        out.append(text("stage_offers.id IN (SELECT rowid FROM stage_offers_fts WHERE stage_offers_fts MATCH :words_index)"
                        if sqlite else "stage_offer_words(stage_offers.search_text) @@ CAST(:words_index AS tsquery)")
                   .bindparams(_p("words_index", String)))
    return out


def _hits(s: Shape):
    """Ids and squared distances of the matches, unordered."""
    plain = s.way != "box" or not s.spatial
    source = (_Driving(RTREE, O.__table__, RTREE.c.id == O.id) if s.dialect == "sqlite" and not plain
              else O.__table__)
    dist2 = _dist2()
    return (select(O.id.label("id"), dist2.label("d2")).select_from(source)
            .where(*_box(s.dialect, plain, O.lat, O.lon), dist2 <= _p("r2"), *_filters(s))), dist2


def _with_offers(s: Shape, page, *extra):
    """The page's rows: id, d2, the offers' columns, their open periods ("starts_on|code|seats left", joined
    by commas: period_codes sorts them), then `extra` (read by position: the driver's rows are tuples)."""
    per = P.__table__.alias("p")
    item = cast(per.c.starts_on, String) + "|" + per.c.code + "|" + cast(per.c.seats - per.c.taken, String)
    agg = func.group_concat(item, ",") if s.dialect == "sqlite" else func.string_agg(item, ",")
    periods = (select(agg).where(per.c.offer_id == O.id, per.c.starts_on > _p("today", Date), per.c.taken < per.c.seats)
               .correlate(O.__table__).scalar_subquery())
    return (select(page.c.id, page.c.d2, O.title, O.secteur, O.commune, O.lat, O.lon, O.niveau, O.accessible,
                   O.reserved, O.demo, StageOrganisation.name.label("organisation"), periods.label("periods"), *extra)
            .select_from(page.join(O.__table__, O.id == page.c.id)
                         .join(StageOrganisation.__table__, StageOrganisation.id == O.organisation_id))
            .order_by(page.c.d2, page.c.id))


@lru_cache(maxsize=512)
def capped_page(s: Shape):
    """At most `cap` matches, counted (column n), and the page from `skip` of the nearest among them."""
    hits = _hits(s)[0].limit(_p("cap", Integer)).subquery("hits")
    counted = select(hits.c.id, hits.c.d2, func.count().over().label("n")).subquery("counted")
    page = (select(counted.c.id, counted.c.d2, counted.c.n).order_by(counted.c.d2, counted.c.id)
            .limit(_p("size", Integer)).offset(_p("skip", Integer)).subquery("page"))
    return _with_offers(s, page, page.c.n)


@lru_cache(maxsize=512)
def capped_count(s: Shape):
    return select(func.count()).select_from(_hits(s)[0].limit(_p("cap", Integer)).subquery())


@lru_cache(maxsize=512)
def ordered_page(s: Shape):
    """The page from `skip` of the nearest matches within the circle, through the sorted matches."""
    hits, dist2 = _hits(s)
    return _with_offers(s, hits.order_by(dist2, O.id).limit(_p("size", Integer)).offset(_p("skip", Integer)).subquery("page"))


# -- offer_memory.py's searches: the page's rows by id, and the change log's lines past the copy's horizon ------
CHANGES = table("stage_offer_changes", column("tx"), column("offer_id"))


class XID8(UserDefinedType):
    cache_ok = True

    def get_col_spec(self, **kw):
        return "xid8"


def _horizon(dialect: str, name: str = "horizon"):
    return _p(name, Integer) if dialect == "sqlite" else cast(cast(bindparam(name, type_=String), Text), XID8())


def _pruned(dialect: str, horizon):
    """Whether lines past `horizon` were pruned (offer_memory.prune_changes). SQLite: the log's oldest line is
    later (the keys grow in commit order). PostgreSQL: the pruning's mark, a line for offer 0 at the horizon it
    pruned at, is later (the newest mark: an index of the marks alone, migration 0032, the literal 0 its
    condition); the oldest line alone may be later without any pruning (a transaction running elsewhere holds
    the snapshots' xmin back). Both read one index entry."""
    if dialect == "sqlite":
        first = CHANGES.alias("first")
        return select(func.min(first.c.tx)).scalar_subquery() > horizon
    mark = CHANGES.alias("mark")
    return select(func.max(mark.c.tx)).where(mark.c.offer_id == literal_column("0")).scalar_subquery() > horizon


def _past(dialect: str):
    """The log's lines past `horizon`, -1 when lines past it were pruned."""
    horizon = _horizon(dialect)
    return case((_pruned(dialect, horizon), -1),
                else_=select(func.count()).select_from(CHANGES).where(CHANGES.c.tx >= horizon).scalar_subquery())


@lru_cache(maxsize=4)
def changes_since(dialect: str):
    """(offer, past `new`, pruned past `old`) of the log's lines past `old`."""
    old, new = _horizon(dialect, "old"), _horizon(dialect, "new")
    return select(CHANGES.c.offer_id, CHANGES.c.tx >= new, _pruned(dialect, old)).where(CHANGES.c.tx >= old)


@lru_cache(maxsize=4)
def listed_page(dialect: str):
    """The offers of `ids` (SQLite: a JSON array; PostgreSQL: a list) as _with_offers's rows, the log's lines
    past `horizon` last (column past, the same count on every row)."""
    listed = text("stage_offers.id IN (SELECT value FROM json_each(:ids))" if dialect == "sqlite"
                  else "stage_offers.id = ANY(:ids)").bindparams(bindparam("ids"))
    page = select(O.id.label("id"), literal_column("0").label("d2")).where(listed).subquery("page")
    return _with_offers(Shape(dialect=dialect), page, _past(dialect).label("past"))


@lru_cache(maxsize=4)
def past_count(dialect: str):
    return select(_past(dialect))


# offer_memory.advance (PostgreSQL): the xmin of this snapshot, the lines past the copy's horizon (as _past) and past
# that xmin.
ADVANCE = text("SELECT x::text, CASE WHEN (SELECT max(tx) FROM stage_offer_changes WHERE offer_id = 0) > h THEN -1 "
               "ELSE (SELECT count(*) FROM stage_offer_changes WHERE tx >= h) END, "
               "(SELECT count(*) FROM stage_offer_changes WHERE tx >= x) "
               "FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS x, CAST(CAST(:horizon AS text) AS xid8) AS h) s")
SECTOR_COUNT = select(func.count()).select_from(
    select(O.id).where(O.secteur == _p("sector", String)).limit(_p("cap", Integer)).subquery())
FTS_COUNT = text("SELECT count(*) FROM (SELECT rowid FROM stage_offers_fts WHERE stage_offers_fts MATCH :m LIMIT :cap)")


def period_codes(raw: str | None) -> tuple[list[str], int]:
    """The codes of a page row's `periods` by start date then code, and the seats left summed over them."""
    if not raw:
        return [], 0
    parts = sorted(p.split("|") for p in raw.split(","))
    return [code for _, code, _ in parts], sum(int(left) for _, _, left in parts)
