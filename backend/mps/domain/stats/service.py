"""Impact figures for the public /statistiques page: counts only, never a person.

Figures are computed at most every few minutes per worker (cheap for the database at any size).
"""
from __future__ import annotations

import time

import msgspec
from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassMember, FamilyLink, FormationMark, MetierMark, Person, Profile, SchoolClass
from mps.domain.profile.completeness import completeness

CACHE_SECONDS = 300
COMPLETE_SHARE = 75  # a profile counts as completed from this % of its questions answered


class Stats(msgspec.Struct):
    accounts: int  # people who created an account (e-mail)
    students: int
    families: int
    teachers: int
    devices_without_account: int  # visitors who saved something without an account
    profiles_started: int
    profiles_completed: int
    favourites: int  # live favourite formations, all people
    people_with_favourites: int
    metiers_kept: int
    classes: int
    students_in_classes: int
    family_links: int


async def compute(db: AsyncSession) -> Stats:
    roles = dict((await db.execute(select(Person.role, func.count()).where(Person.email.is_not(None))
                                   .group_by(Person.role))).all())
    anonymous = await db.scalar(select(func.count()).select_from(Person).where(Person.email.is_(None)))
    started = completed = 0
    async for data in await db.stream_scalars(select(Profile.data).execution_options(yield_per=1000)):
        if not isinstance(data, dict):
            continue
        share = completeness(data)
        started += share > 0
        completed += share >= COMPLETE_SHARE
    live_favs = select(FormationMark).where(FormationMark.kind == "favori", FormationMark.deleted.is_(False))
    favourites = await db.scalar(select(func.count()).select_from(live_favs.subquery()))
    with_favs = await db.scalar(select(func.count(distinct(FormationMark.person_id)))
                                .where(FormationMark.kind == "favori", FormationMark.deleted.is_(False)))
    metiers = await db.scalar(select(func.count()).select_from(MetierMark).where(MetierMark.deleted.is_(False)))
    classes = await db.scalar(select(func.count()).select_from(SchoolClass))
    in_classes = await db.scalar(select(func.count(distinct(ClassMember.person_id))))
    links = await db.scalar(select(func.count()).select_from(FamilyLink))
    return Stats(accounts=sum(roles.values()), students=roles.get("lyceen", 0), families=roles.get("famille", 0),
                 teachers=roles.get("enseignant", 0), devices_without_account=anonymous or 0,
                 profiles_started=started, profiles_completed=completed, favourites=favourites or 0,
                 people_with_favourites=with_favs or 0, metiers_kept=metiers or 0, classes=classes or 0,
                 students_in_classes=in_classes or 0, family_links=links or 0)


class CachedStats:
    """The figures, recomputed at most every `seconds` (one per worker, made at start-up)."""

    def __init__(self, seconds: float = CACHE_SECONDS):
        self.seconds, self._at, self._stats = seconds, 0.0, None

    async def get(self, db: AsyncSession) -> Stats:
        if self._stats is None or time.monotonic() - self._at >= self.seconds:
            self._stats, self._at = await compute(db), time.monotonic()
        return self._stats
