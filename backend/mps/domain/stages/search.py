"""Geo search of the board: the query's parameters, the visible-offer filters, and the page of offers nearest
to a point (nearest.py: the spatial index, a capped count, the page from the smallest circle that holds it);
the page's distances are computed with the great-circle formula.

What a student sees: published offers that still have a seat in a period not yet begun, open to all
(or, during the early-access window, to students of REP / REP+ schools), not reserved to others
(REP / REP+ schools, or named schools); demo offers only in demo mode.
"""
from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from mps.db.engine import database_of
from mps.db.models import StageOffer, StageOrganisation, StageWord
from mps.domain.catalogue.matches import within_one_edit
from mps.domain.stages.board import Board
from mps.domain.stages.nearest import nearest, statements_connection
from mps.domain.stages.page_sql import Shape, period_codes
from mps.domain.stages.periods import SECONDE_PERIODS, board_year, iso_week_span, wanted_mask
from mps.domain.stages.schemas import MAX_RADIUS_KM, MIN_RADIUS_KM, StageItem
from mps.lib.errors import FieldError, NotFound
from mps.lib.geo import distance_terms_km, point_terms
from mps.lib.text import fold, variants
from mps.lib.validation import bounded_int

DEFAULT_RADIUS_KM = 20
PAGE_SIZE = 20
MAX_Q = 200


@dataclass(frozen=True)
class StageQuery:
    lat: float
    lon: float
    radius_km: float = DEFAULT_RADIUS_KM
    secteur: str | None = None
    niveau: str | None = None
    periode: str | None = None
    q: str = ""
    page: int = 1


@dataclass(frozen=True)
class Viewer:
    """Who searches: eligibility (REP / REP+ school, the school's UAI) and what to highlight."""
    priority: bool = False
    school_uai: str = ""
    highlight: frozenset[str] = field(default_factory=frozenset)  # sectors linked to favourite métiers/domains
    demo: bool = False  # demo mode: only demo offers, labelled


# -- parameters ---------------------------------------------------------------------------------------
def parse_radius(raw: str | None, name: str = "radius_km") -> float:
    if raw in (None, ""):
        return DEFAULT_RADIUS_KM
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise FieldError(name, "attendu : un nombre de kilomètres") from None
    if not MIN_RADIUS_KM <= value <= MAX_RADIUS_KM:
        raise FieldError(name, f"attendu : entre {MIN_RADIUS_KM} et {MAX_RADIUS_KM} km")
    return value


def parse_secteur(board: Board, raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    value = raw.strip()
    if value in board.sectors:
        return value
    for code, label in board.sectors.items():
        if fold(label) == fold(value):
            return code
    raise FieldError("secteur", "secteur inconnu (attendu : un code s1 à s51 ou le nom d'un secteur)")


def parse_niveau(raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    if raw.strip().lower() in ("seconde", "2nde", "2de"):
        return "seconde"
    if raw.strip().lower() in ("3e", "troisieme", "troisième", "3eme", "3ème"):
        return "3e"
    raise FieldError("niveau", "attendu : seconde ou 3e")


def parse_periode(raw: str | None, niveau: str | None, year: int) -> tuple[str | None, str | None]:
    """(periode, niveau): a seconde code implies seconde, an ISO week 3e."""
    if raw in (None, ""):
        return None, niveau
    code = raw.strip()
    wanted = "seconde" if code in SECONDE_PERIODS else "3e"
    if niveau and niveau != wanted:
        raise FieldError("periode", "cette période ne correspond pas au niveau demandé")
    if wanted == "3e":
        try:
            iso_week_span(code, year)
        except FieldError:
            raise FieldError("periode", "attendu : deux-semaines, semaine-1, semaine-2 (seconde) "
                                        "ou une semaine de l'année scolaire comme 2026-W05 (3e)") from None
    return code, wanted


def parse_page(raw: str | None) -> int:
    if raw in (None, ""):
        return 1
    page = bounded_int(raw, 1, 500)
    if page is None:
        raise FieldError("page", "attendu : un entier entre 1 et 500")
    return page


def parse_near(raw: str | None) -> tuple[float, float]:
    if raw in (None, ""):
        raise FieldError("near", "obligatoire : latitude,longitude du point de recherche (par exemple 50.69,3.18)")
    try:
        lat, lon = (float(p) for p in raw.split(","))
    except ValueError:
        raise FieldError("near", "attendu : latitude,longitude (par exemple 50.69,3.18)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise FieldError("near", "latitude entre -90 et 90, longitude entre -180 et 180")
    return lat, lon


def stage_query(board: Board, params: Mapping[str, str], today: date,
                near: tuple[float, float] | None = None) -> StageQuery:
    """The API's query string (or a page's, with `near` already placed) -> StageQuery; FieldError names the field."""
    q = params.get("q") or ""
    if len(q) > MAX_Q:
        raise FieldError("q", f"{MAX_Q} caractères au plus")
    lat, lon = near or parse_near(params.get("near"))
    niveau = parse_niveau(params.get("niveau"))
    periode, niveau = parse_periode(params.get("periode"), niveau, board_year(today))
    return StageQuery(lat=lat, lon=lon, radius_km=parse_radius(params.get("radius_km")),
                      secteur=parse_secteur(board, params.get("secteur")), niveau=niveau, periode=periode,
                      q=q.strip(), page=parse_page(params.get("page")))


# -- keyword vocabulary (typo tolerance) ---------------------------------------------------------------
class Vocabulary:
    """The words of every offer (table stage_words), to find what a mistyped query word meant."""

    TTL = 60.0

    def __init__(self):
        self.words: set[str] = set()
        self.by_delete: dict[str, set[str]] = defaultdict(set)
        self.loaded_at = -math.inf

    async def refresh(self, db: AsyncSession | AsyncConnection) -> None:
        if time.monotonic() - self.loaded_at < self.TTL:
            return
        words = set((await db.execute(select(StageWord.word))).scalars())
        by_delete: dict[str, set[str]] = defaultdict(set)
        for w in words:
            if len(w) >= 4:
                for i in range(len(w)):
                    by_delete[w[:i] + w[i + 1:]].add(w)
        self.words, self.by_delete, self.loaded_at = words, by_delete, time.monotonic()

    def expand(self, word: str) -> list[str]:
        """What a folded query word may stand for: itself (and words it begins), its other forms, and
        when the vocabulary does not know it, the words one typo away."""
        forms = [word, *variants(word)]
        if len(word) >= 5 and not any(w in self.words for w in forms):
            candidates = set(self.by_delete.get(word, ()))
            for i in range(len(word)):
                d = word[:i] + word[i + 1:]
                candidates |= self.by_delete.get(d, set())
                if d in self.words:
                    candidates.add(d)
            forms += sorted(t for t in candidates if within_one_edit(word, t))
        return forms


_vocabularies: dict[str, Vocabulary] = {}


def vocabulary_for(db: AsyncSession | AsyncConnection) -> Vocabulary:
    key = database_of(db)
    if key not in _vocabularies:
        _vocabularies[key] = Vocabulary()
    return _vocabularies[key]


def forget_vocabulary(db: AsyncSession) -> None:
    """After offers are written in this process: the next search reads the words again."""
    _vocabularies.pop(database_of(db), None)


# -- the query ---------------------------------------------------------------------------------------
def visible(viewer: Viewer, now: datetime):
    """SQL conditions of what this viewer may see (status, early access, reservation, demo)."""
    shown = [StageOffer.status == "published", StageOffer.demo.is_(viewer.demo)]
    shown.append(StageOffer.published_at <= now if viewer.priority else StageOffer.open_to_all_at <= now)
    reserved = [StageOffer.reserved == ""]
    if viewer.priority:
        reserved.append(StageOffer.reserved == "ep")
    if viewer.school_uai:
        reserved.append(and_(StageOffer.reserved == "schools",
                             StageOffer.reserved_uais.like(f"%|{viewer.school_uai.upper()}|%")))
    shown.append(or_(*reserved))
    return shown


async def visible_offer(db: AsyncSession, viewer: Viewer, offer_id: int, now: datetime):
    """One offer and its organisation, if this viewer may see it; NotFound (a 404 on the web) otherwise."""
    row = (await db.execute(select(StageOffer, StageOrganisation)
                            .join(StageOrganisation, StageOrganisation.id == StageOffer.organisation_id)
                            .where(StageOffer.id == offer_id, *visible(viewer, now)))).first()
    if row is None:
        raise NotFound("Cette offre n'existe pas, n'est plus proposée ou ne t'est pas ouverte.")
    return row[0], row[1]


async def search(db: AsyncSession | AsyncConnection, board: Board, query: StageQuery, viewer: Viewer, now: datetime,
                 today: date) -> tuple[int, list[StageItem]]:
    """(total, the page's offers nearest first). The total stops counting past MAX_TOTAL: MAX_TOTAL + 1 says
    "more than MAX_TOTAL" (a student reads the nearest pages, and counting every offer of a dense area
    costs as much as reading them). The conditions are those of visible(), as page_sql.py's bound statements.
    `db`: a page's session, or the API's bare connection (no ORM session: mps.web.db.read_connection)."""
    conn = await statements_connection(db)
    year = board_year(today)
    params = {"lat": query.lat, "lon": query.lon, "k": max(0.01, math.cos(math.radians(query.lat))), "now": now,
              "today": today, "niveau": query.niveau, "sector": query.secteur,
              "uai_like": f"%|{viewer.school_uai.upper()}|%"}
    if query.periode:
        params.update(school_year=year, periods=wanted_mask(query.periode, year, today))
    groups = []  # the sector and these words go through their index in nearest(); the LIKE confirms the words
    words = [w for w in fold(query.q).split() if len(w) >= 2]
    if words:
        vocab = vocabulary_for(conn)
        await vocab.refresh(conn)
        groups = [vocab.expand(w) for w in words[:8]]
        for g, forms in enumerate(groups):
            params.update({f"w{g}_{f}": f"% {form}%" for f, form in enumerate(forms)})
    shape = Shape(priority=viewer.priority, school=bool(viewer.school_uai), demo=viewer.demo,
                  periode=bool(query.periode), niveau=bool(query.niveau), sector=bool(query.secteur),
                  words=tuple(len(forms) for forms in groups))
    total, rows = await nearest(conn, shape, query, params, (query.page - 1) * PAGE_SIZE,
                                PAGE_SIZE, groups, read_only=isinstance(db, AsyncConnection))
    # (per row: the Struct built by position, the great-circle distance with the origin's terms worked out once)
    origin, labels, highlight = point_terms(query.lat, query.lon), board.sectors, viewer.highlight
    items = []
    for id_, _, title, secteur, commune, lat, lon, niveau, accessible, reserved, demo, organisation, raw, *_ in rows:
        codes, seats = period_codes(raw)
        distance = distance_terms_km(origin, point_terms(lat, lon))
        items.append(StageItem(id_, title, secteur, labels.get(secteur, secteur), commune, round(lat, 5), round(lon, 5),
                               round(distance, 1), codes, seats, niveau, bool(accessible), reserved,
                               secteur in highlight, organisation, bool(demo)))
    return total, items
