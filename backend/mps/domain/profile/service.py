"""Storage of the profile (table `profiles`).

The profile row keeps the document without favoris/corbeille: those are formation marks, written only
through mps.domain.favourites.service (one row per person and formation, tombstones, versions for sync).
"""
from __future__ import annotations

from datetime import datetime, timezone

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, Profile
from mps.domain.profile.referential import load_referential
from mps.domain.favourites.service import set_mark
from mps.domain.profile.schema import ProfileDoc, ProfileError, decode_profile

def _now() -> datetime:
    return datetime.now(timezone.utc)


async def load_profile(db: AsyncSession, person_id: str | None) -> ProfileDoc:
    """The stored profile with favoris/corbeille from the person's marks (an empty profile for a new visitor)."""
    if not person_id:
        return ProfileDoc()
    row = await db.get(Profile, person_id)
    doc = ProfileDoc()
    if row is not None and row.data:
        try:
            doc = decode_profile(row.data, load_referential())
        except ProfileError:  # the referential changed since: keep what is still valid
            doc = _lenient(row.data)
    favoris, corbeille = await marked(db, person_id)
    return msgspec.structs.replace(doc, favoris=favoris, corbeille=corbeille)


def _lenient(data: str) -> ProfileDoc:
    ref, raw = load_referential(), msgspec.json.decode(data)
    clean = {}
    for key, value in raw.items():
        try:
            decode_profile({key: value}, ref)
        except ProfileError:
            continue
        clean[key] = value
    return decode_profile(clean, ref)


async def save_profile(db: AsyncSession, person_id: str, doc: ProfileDoc) -> None:
    data = msgspec.json.encode(msgspec.structs.replace(doc, favoris=[], corbeille=[])).decode()
    row = await db.get(Profile, person_id)
    if row is None:
        db.add(Profile(person_id=person_id, data=data, updated_at=_now()))
    else:
        row.data, row.updated_at = data, _now()
    for fid in doc.favoris:
        await set_mark(db, person_id, fid, "favori")
    for fid in doc.corbeille:
        await set_mark(db, person_id, fid, "corbeille")
    await db.flush()


async def marked(db: AsyncSession, person_id: str) -> tuple[list[str], list[str]]:
    rows = (await db.execute(
        select(FormationMark.formation_id, FormationMark.kind)
        .where(FormationMark.person_id == person_id, FormationMark.deleted.is_(False))
        .order_by(FormationMark.updated_at, FormationMark.id))).all()
    return [f for f, k in rows if k == "favori"], [f for f, k in rows if k == "corbeille"]
