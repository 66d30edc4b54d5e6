"""The board's figures for one school year and level. No Request here.

Offers count where they are (their postcode's département); students where their school is (the school
they told the board, or the one written on their application). « Places à portée » are the seats left on
published offers within the radius a student searches (stage_seekers.radius_km, around their search place or
else their school), counted once per territory however many of its students reach them; « élèves sans place à
portée » are students still searching who reach none. Reserved offers only count for students they are open to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOfferPeriod, StageSeeker
from mps.db.models.stage_applications import StageApplication
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.board import Board
from mps.domain.stages.figures.geography import Geography, departement_of
from mps.domain.stages.figures.reach import reach

DEFAULT_RADIUS_KM = 20


@dataclass(frozen=True)
class OfferPoint:
    id: int
    departement: str
    lat: float
    lon: float
    seats: int
    seats_left: int
    reserved: str
    reserved_uais: str


@dataclass
class Student:
    departement: str = ""
    ep: str = ""  # REP | REP+ | "" (not in priority education) | "?" school unknown
    uai: str = ""
    point: tuple[float, float] | None = None
    radius_km: int = DEFAULT_RADIUS_KM
    applications: int = 0
    placed: bool = False
    reached: bool = False  # a seat left within their radius (searching students)


@dataclass
class Facts:
    offers: list[OfferPoint] = field(default_factory=list)
    students: list[Student] = field(default_factory=list)
    # Offers within reach of at least one searching student, as masks over `offers`: by the students' département
    # and by their school's REP / REP+ group (figures/reach.py).
    reached_by_departement: dict[str, np.ndarray] = field(default_factory=dict)
    reached_by_ep: dict[str, np.ndarray] = field(default_factory=dict)


def _school_year_window(year: int) -> tuple[datetime, datetime]:
    return datetime(year - 1, 8, 1, tzinfo=timezone.utc), datetime(year, 8, 1, tzinfo=timezone.utc)


async def _offers(db: AsyncSession, year: int, niveau: str) -> list[OfferPoint]:
    rows = await db.execute(
        select(StageOffer.id, StageOffer.postcode, StageOffer.lat, StageOffer.lon, StageOffer.reserved,
               StageOffer.reserved_uais, func.sum(StageOfferPeriod.seats),
               func.sum(StageOfferPeriod.seats - StageOfferPeriod.taken))
        .join(StageOfferPeriod, StageOfferPeriod.offer_id == StageOffer.id)
        .where(StageOffer.status == "published", StageOffer.demo.is_(False), StageOffer.school_year == year,
               StageOffer.niveau == niveau)
        .group_by(StageOffer.id, StageOffer.postcode, StageOffer.lat, StageOffer.lon, StageOffer.reserved,
                  StageOffer.reserved_uais))
    return [OfferPoint(i, departement_of(pc), lat, lon, int(seats or 0), max(0, int(left or 0)), reserved, uais)
            for i, pc, lat, lon, reserved, uais, seats, left in rows.all()]


async def _applications(db: AsyncSession, year: int, niveau: str) -> dict[str, tuple[int, bool, str]]:
    """student id -> (applications, placed, school UAI written on the latest application)."""
    rows = await db.execute(
        select(StageApplication.student_id, StageApplication.status, StageApplication.school_uai)
        .join(StageOffer, StageOffer.id == StageApplication.offer_id)
        .where(StageApplication.school_year == year, StageOffer.niveau == niveau, StageOffer.demo.is_(False))
        .order_by(StageApplication.created_at))
    out: dict[str, tuple[int, bool, str]] = {}
    for student_id, status, uai in rows.all():
        count, placed, last_uai = out.get(student_id, (0, False, ""))
        out[student_id] = (count + 1, placed or status == "confirmed", uai or last_uai)
    return out


def _school_point(uai: str, board: Board, geography: Geography, geocoder: Geocoder | None):
    school = board.school(uai)
    if uai in geography.school_points:
        return geography.school_points[uai]
    if school is not None and school.lat is not None:
        return school.lat, school.lon
    town = geocoder.lookup(school.postcode) if (school is not None and geocoder is not None) else None
    return (town.lat, town.lon) if town else None


async def data_version(db: AsyncSession) -> tuple:
    """What the figures are computed from, summed up: any offer, seeker or application written since changes it."""
    out = []
    for model in (StageOffer, StageSeeker, StageApplication):
        out += (await db.execute(select(func.count(), func.max(model.updated_at)).select_from(model))).one()
    return tuple(out)


async def gather(db: AsyncSession, board: Board, geography: Geography, geocoder: Geocoder | None, year: int,
                 niveau: str) -> Facts:
    return with_reach(await load(db, board, geography, geocoder, year, niveau))


def with_reach(facts: Facts) -> Facts:
    """What the searching students reach (CPU only, no database: the job runs it in a thread)."""
    facts.reached_by_departement, facts.reached_by_ep = reach(facts.offers, facts.students)
    return facts


async def load(db: AsyncSession, board: Board, geography: Geography, geocoder: Geocoder | None, year: int,
               niveau: str) -> Facts:
    """The offers and the students, read from the database (reach not worked out yet)."""
    offers = await _offers(db, year, niveau)
    applied = await _applications(db, year, niveau)
    since, until = _school_year_window(year)
    seekers = {s.person_id: s for s in (await db.execute(
        select(StageSeeker).where(StageSeeker.niveau == niveau, StageSeeker.updated_at >= since,
                                  StageSeeker.updated_at < until))).scalars()}
    missing = [pid for pid in applied if pid not in seekers]
    if missing:  # applied this year, told the board something before (or for another level)
        seekers.update({s.person_id: s for s in (await db.execute(
            select(StageSeeker).where(StageSeeker.person_id.in_(missing)))).scalars()})
    students = []
    for pid in sorted(set(seekers) | set(applied)):
        seeker = seekers.get(pid)
        count, placed, applied_uai = applied.get(pid, (0, False, ""))
        uai = ((seeker.school_uai if seeker else "") or applied_uai).upper()
        school = board.school(uai)
        point = (seeker.lat, seeker.lon) if seeker and seeker.lat is not None and seeker.lon is not None else None
        students.append(Student(
            departement=departement_of(school.postcode) if school else "", ep=(school.ep if school else "?"),
            uai=uai, point=point or (_school_point(uai, board, geography, geocoder) if uai else None),
            radius_km=(seeker.radius_km if seeker else DEFAULT_RADIUS_KM) or DEFAULT_RADIUS_KM,
            applications=count, placed=placed))
    return Facts(offers=offers, students=students)
