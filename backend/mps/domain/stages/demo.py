"""Generated offers: `mps demo stages` (clearly labelled demo offers around real lycées and collèges, shown
only in demo mode) and the bench's 100,000 offers. Rows are written in bulk; the R*Tree triggers (SQLite)
and the GiST index (PostgreSQL) index them like any other offer."""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Lycee, StageOffer, StageOfferPeriod, StageOrganisation
from mps.domain.stages.board import Board
from mps.domain.stages.periods import period_mask, school_weeks, span_of
from mps.domain.stages.offers import remember_words, search_text

KM_PER_DEGREE = 111.195
ACTIVITIES = {
    "s8": "Découvrir un garage automobile", "s10": "Sur un chantier avec une équipe du BTP",
    "s12": "Dans les coulisses d'un magasin", "s17": "Au musée : préparer une exposition",
    "s22": "Une semaine dans une école primaire", "s25": "À la mairie, au service des habitants",
    "s26": "En cuisine et en salle dans un restaurant", "s31": "Avec les développeurs d'une entreprise numérique",
    "s41": "Avec les soignants d'une maison de santé", "s43": "À l'hôpital, auprès des équipes de soin",
    "s46": "Dans une association d'aide aux familles", "s47": "Dans un club sportif", "s51": "Dans une exploitation agricole",
    "s23": "Avec les agents d'un parc naturel", "s33": "À la rédaction d'un journal local",
}


@dataclass(frozen=True)
class Anchor:
    """A real school the demo offers are placed around."""
    name: str
    commune: str
    postcode: str
    lat: float
    lon: float


async def anchors(db: AsyncSession, board: Board, limit: int, rng: random.Random) -> list[Anchor]:
    """Real lycées (annuaire) and REP / REP+ collèges with a point, sampled."""
    lycees = [Anchor(r.name, r.commune, r.postcode, r.lat, r.lon) for r in (await db.execute(
        select(Lycee).where(Lycee.lat.is_not(None)))).scalars()]
    colleges = [Anchor(s.name, s.commune, s.postcode, s.lat, s.lon) for s in board.schools.values()
                if s.lat is not None and s.kind == "Collège"]
    pool = lycees + colleges
    return rng.sample(pool, min(limit, len(pool))) if pool else []


def offer_rows(board: Board, org_id: int, anchor: Anchor, rng: random.Random, year: int, now: datetime,
               demo: bool) -> tuple[dict, list[tuple[str, int]]]:
    """One offer near `anchor` and its periods (code, seats): within 1.5 km for a demo offer, which shows the
    anchor's commune (a student reads « à Mauriac, 27 km »: the point must lie there), within 8 km for the bench."""
    secteur = rng.choice(list(ACTIVITIES) if rng.random() < 0.7 else list(board.sectors))
    title = ACTIVITIES.get(secteur, f"Découverte : {board.sector_label(secteur).lower()}")
    if demo:
        title = f"[Démo] {title}"
    niveau = "seconde" if rng.random() < 0.7 else "3e"
    if niveau == "seconde":
        codes = rng.choice([["deux-semaines"], ["semaine-1"], ["semaine-2"], ["semaine-1", "semaine-2"]])
    else:
        weeks = [w.code for w in school_weeks(year) if w.starts_on > now.date()]
        codes = sorted(rng.sample(weeks, min(len(weeks), rng.randint(1, 3)))) if weeks else []
    dist, angle = (1.5 if demo else 8) * rng.random() ** 0.5, rng.random() * 6.283
    lat = anchor.lat + dist * math.sin(angle) / KM_PER_DEGREE
    lon = anchor.lon + dist * math.cos(angle) / (KM_PER_DEGREE * max(0.2, math.cos(math.radians(anchor.lat))))
    description = (f"Offre fictive générée pour essayer le service, près de {anchor.name} ({anchor.commune}). "
                   "Tu observes le travail de l'équipe, tu poses tes questions et tu participes à quelques tâches."
                   if demo else f"Stage d'observation près de {anchor.commune} : tu suis l'équipe au quotidien.")
    reserved = "ep" if rng.random() < 0.1 else ""
    row = dict(organisation_id=org_id, title=title, description=description, secteur=secteur, niveau=niveau,
               school_year=year, address="", commune=anchor.commune, postcode=anchor.postcode, lat=round(lat, 5),
               lon=round(lon, 5), accessible=rng.random() < 0.3, reserved=reserved, reserved_uais="",
               status="published", refusal_reason="", search_text=search_text(title, description, anchor.commune, ""),
               demo=demo, created_at=now, updated_at=now, published_at=now, open_to_all_at=now)
    periods = [(c, rng.randint(1, 4)) for c in codes]
    row["open_until"] = max((span_of(niveau, c, year).starts_on for c in codes), default=None)
    row["period_mask"] = period_mask(codes)  # (as offers.refresh_open_periods: every seat is free)
    return row, periods


async def write_offers(db: AsyncSession, offers: list[tuple[dict, list[tuple[str, int]]]], batch: int = 2000) -> int:
    for i in range(0, len(offers), batch):
        chunk = offers[i:i + batch]
        ids = (await db.execute(insert(StageOffer).returning(StageOffer.id, sort_by_parameter_order=True),
                                [row for row, _ in chunk])).scalars().all()
        periods = []
        for offer_id, (row, codes) in zip(ids, chunk):
            for code, seats in codes:
                span = span_of(row["niveau"], code, row["school_year"])
                periods.append(dict(offer_id=offer_id, code=code, starts_on=span.starts_on, ends_on=span.ends_on,
                                    seats=seats, taken=0))
        if periods:
            await db.execute(insert(StageOfferPeriod), periods)
    return len(offers)


async def organisation(db: AsyncSession, name: str, siret: str, demo: bool) -> int:
    org = StageOrganisation(name=name, siret=siret, employer_kind="prive", description="", verified=True, demo=demo,
                            created_at=datetime.now(timezone.utc))
    db.add(org)
    await db.flush()
    return org.id


async def create_demo(db: AsyncSession, board: Board, count: int, year: int, seed: int = 14) -> int:
    """`count` demo offers around real schools, owned by one demo organisation (its SIRET is not a real one:
    demo organisations are never shown outside demo mode)."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    org_id = await organisation(db, "Démo – employeurs fictifs", f"9{rng.randrange(10**12, 10**13)}", True)
    places = await anchors(db, board, count, rng)
    rows = [offer_rows(board, org_id, places[i % len(places)], rng, year, now, True) for i in range(count)] if places else []
    words = {w for row, _ in rows for w in row["search_text"].split() if 3 <= len(w) <= 60}
    await remember_words(db, " ".join(sorted(words)))
    return await write_offers(db, rows)


async def delete_demo(db: AsyncSession) -> int:
    result = await db.execute(delete(StageOrganisation).where(StageOrganisation.demo.is_(True)))
    return result.rowcount or 0
