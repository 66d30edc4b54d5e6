"""Storage of the profile (table `profiles`).

The profile row keeps the document without favoris/corbeille: those are formation marks, written only
through mps.domain.favourites.service (one row per person and formation, tombstones, versions for sync).
This module reads them (load_profile) but never writes them: the favourites area builds on the profile,
not the other way round, so a caller that takes both from a document (PUT /api/v1/profile) saves the
answers here and adds the marks through favourites.service.add_marks.
"""
from __future__ import annotations

from datetime import datetime, timezone

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FormationMark, Profile
from mps.domain.profile import edits
from mps.domain.profile.merge import merge
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import ProfileDoc, ProfileError, decode_profile


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


def stored_document(row: Profile | None) -> dict:
    """The stored document as a dict ({} when unreadable)."""
    data = row.data if row is not None else None
    return dict(data) if isinstance(data, dict) else {}


def _lenient(raw: dict) -> ProfileDoc:
    ref = load_referential()
    clean = {}
    for key, value in raw.items():
        try:
            decode_profile({key: value}, ref)
        except ProfileError:
            continue
        clean[key] = value
    return decode_profile(clean, ref)


def _document(doc: ProfileDoc) -> dict:
    return msgspec.to_builtins(msgspec.structs.replace(doc, favoris=[], corbeille=[]))


async def save_profile(db: AsyncSession, person_id: str, doc: ProfileDoc) -> None:
    """Store the profile's answers, stamping those that changed (and list items added or removed) with now.
    favoris/corbeille are not stored here (see the module's docstring)."""
    now = _now()
    new = _document(doc)
    row = await db.get(Profile, person_id)
    if row is None:
        log = edits.stamp({}, new, edits.parse_edits(None), edits.millis(now))
        db.add(Profile(person_id=person_id, data=new, edits=log,
                       updated_at=now))
    else:
        old = stored_document(row)
        log = edits.complete(old, edits.parse_edits(row.edits), edits.millis(row.updated_at))
        log = edits.stamp(old, new, log, edits.millis(now))
        row.data, row.edits, row.updated_at = new, log, now
    await db.flush()


async def marked(db: AsyncSession, person_id: str) -> tuple[list[str], list[str]]:
    rows = (await db.execute(
        select(FormationMark.formation_id, FormationMark.kind)
        .where(FormationMark.person_id == person_id, FormationMark.deleted.is_(False))
        .order_by(FormationMark.updated_at, FormationMark.id))).all()
    return [f for f, k in rows if k == "favori"], [f for f, k in rows if k == "corbeille"]


def _fits(bac: str | None, specialites: list) -> bool:
    ref = load_referential()
    return all(isinstance(s, str) and ref.canonical_specialite(s, bac) for s in specialites)


async def merge_profile_into(db: AsyncSession, source_id: str, target_id: str) -> None:
    """Merge the profile of `source_id` (a device signing in) into `target_id`'s, answer by answer
    (domain/profile/merge.py), then delete the source's row."""
    src = await db.get(Profile, source_id)
    if src is None:
        return
    dst = await db.get(Profile, target_id)
    if dst is None:
        db.add(Profile(person_id=target_id, data=src.data, edits=src.edits, updated_at=src.updated_at))
    else:
        sides = [(stored_document(row), edits.complete(stored_document(row), edits.parse_edits(row.edits),
                                                       edits.millis(row.updated_at))) for row in (dst, src)]
        data, log = merge(sides[0], sides[1], specialites_fit=_fits)
        dst.data, dst.edits, dst.updated_at = data, log, _now()
    await db.delete(src)
    await db.flush()
