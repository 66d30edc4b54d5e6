"""Storage of the profile (table `profiles`) and of « J'aime » / « pas intéressé » (table `formation_marks`).

The profile row keeps the document without favoris/corbeille: those live in formation marks, shared
with the favourites area (one row per person and formation, `deleted` tombstones, `version` bumped on
every change so offline devices can sync).
"""
from __future__ import annotations

from datetime import datetime, timezone

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, Profile
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schema import ProfileDoc, ProfileError, decode_profile

KINDS = ("favori", "corbeille")


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


async def _mark_row(db: AsyncSession, person_id: str, formation_id: str) -> FormationMark | None:
    return (await db.execute(select(FormationMark).where(
        FormationMark.person_id == person_id, FormationMark.formation_id == formation_id))).scalar_one_or_none()


async def set_mark(db: AsyncSession, person_id: str, formation_id: str, kind: str) -> None:
    """Like (favori) or set aside (corbeille); a formation holds one mark, the latest wins."""
    assert kind in KINDS
    row = await _mark_row(db, person_id, formation_id)
    if row is None:
        db.add(FormationMark(person_id=person_id, formation_id=formation_id, kind=kind, places="[]", note="",
                             deleted=False, version=1, updated_at=_now()))
    elif row.deleted or row.kind != kind:
        row.kind, row.deleted, row.version, row.updated_at = kind, False, row.version + 1, _now()
    await db.flush()


async def remove_mark(db: AsyncSession, person_id: str, formation_id: str, kind: str) -> bool:
    """Undo a mark of this kind: the row stays as a tombstone (deleted=True) for the devices to sync."""
    row = await _mark_row(db, person_id, formation_id)
    if row is None or row.deleted or row.kind != kind:
        return False
    row.deleted, row.version, row.updated_at = True, row.version + 1, _now()
    await db.flush()
    return True
