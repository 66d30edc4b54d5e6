"""The board's figures for one school year and level. No Request here.

Offers count where they are (their postcode's département); students where their school is (the school
they told the board, or the one written on their application). « Places à portée » are the seats left on
published offers within the radius a student searches (stage_seekers.radius_km, around their search place or
else their school), counted once per territory however many of its students reach them; « élèves sans place à
portée » are students still searching who reach none. Reserved offers only count for students they are open to.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOfferPeriod, StageSeeker
from mps.db.models.stage_applications import StageApplication
from mps.domain.catalogue.geocode import Geocoder
from mps.domain.stages.board import Board
from mps.domain.stages.figures.geography import Geography, departement_of
from mps.lib.geo import distance_km

DEFAULT_RADIUS_KM = 20
CELL_DEG = 0.25  # grid of offers for the reach: about 28 km of latitude


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
    reach: frozenset[int] = frozenset()


@dataclass
class Facts:
    offers: list[OfferPoint] = field(default_factory=list)
    students: list[Student] = field(default_factory=list)


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


async def gather(db: AsyncSession, board: Board, geography: Geography, geocoder: Geocoder | None, year: int,
                 niveau: str) -> Facts:
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
    _reach(offers, students)
    return Facts(offers=offers, students=students)


def _open_to(offer: OfferPoint, student: Student) -> bool:
    if offer.reserved == "ep":
        return student.ep in ("REP", "REP+")
    if offer.reserved == "schools":
        return bool(student.uai) and f"|{student.uai}|" in offer.reserved_uais
    return True


def _reach(offers: list[OfferPoint], students: list[Student]) -> None:
    """Each searching student's offers with a seat left within their radius (a grid of cells, not every pair)."""
    grid: dict[tuple[int, int], list[OfferPoint]] = defaultdict(list)
    for o in offers:
        if o.seats_left > 0:
            grid[(math.floor(o.lat / CELL_DEG), math.floor(o.lon / CELL_DEG))].append(o)
    for s in students:
        if s.placed or s.point is None:
            continue
        lat, lon = s.point
        dlat = s.radius_km / 111.0
        dlon = s.radius_km / max(1.0, 111.0 * math.cos(math.radians(lat)))
        found = set()
        for i in range(math.floor((lat - dlat) / CELL_DEG), math.floor((lat + dlat) / CELL_DEG) + 1):
            for j in range(math.floor((lon - dlon) / CELL_DEG), math.floor((lon + dlon) / CELL_DEG) + 1):
                for o in grid.get((i, j), ()):
                    if _open_to(o, s) and distance_km(lat, lon, o.lat, o.lon) <= s.radius_km:
                        found.add(o.id)
        s.reach = frozenset(found)
