"""Students on the board: the school and place they search from (eligibility, early access), the
sectors to highlight from their favourite métiers and domains, their search status for the teacher."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Metier, MetierMark, Profile, StageApplication, StageOffer, StageSeeker
from mps.domain.stages.applications.placement import complete
from mps.domain.stages.applications.states import PENDING
from mps.domain.stages.board import Board
from mps.domain.suggestions.onisep import split_items
from mps.domain.stages.search import Viewer


async def seeker_of(db: AsyncSession, person_id: str | None) -> StageSeeker | None:
    return await db.get(StageSeeker, person_id) if person_id else None


async def save_seeker(db: AsyncSession, person_id: str, *, school_uai: str | None = None, niveau: str | None = None,
                      place: tuple[str, float, float] | None = None, radius_km: int | None = None) -> StageSeeker:
    seeker = await db.get(StageSeeker, person_id)
    if seeker is None:
        seeker = StageSeeker(person_id=person_id, school_uai="", niveau="seconde", place_label="", radius_km=20)
        db.add(seeker)
    if school_uai is not None:
        seeker.school_uai = school_uai.upper()
    if niveau is not None:
        seeker.niveau = niveau
    if place is not None:
        seeker.place_label, seeker.lat, seeker.lon = place
    if radius_km is not None:
        seeker.radius_km = radius_km
    seeker.updated_at = datetime.now(timezone.utc)
    return seeker


async def favourite_domains(db: AsyncSession, board: Board, person_id: str) -> set[str]:
    """The profile's domains, and those of the métiers the student keeps in mind (through ONISEP's
    sous-domaines and our link table)."""
    domains: set[str] = set()
    profile = await db.get(Profile, person_id)
    metier_ids: set[str] = set()
    if profile is not None:
        doc = profile.data if isinstance(profile.data, dict) else {}
        domains |= {d for d in doc.get("domaines") or [] if isinstance(d, str)}
        metier_ids |= {m for m in doc.get("metiers") or [] if isinstance(m, str)}
    marks = await db.execute(select(MetierMark.metier_id).where(MetierMark.person_id == person_id,
                                                                MetierMark.deleted.is_(False)))
    metier_ids |= set(marks.scalars())
    if metier_ids:
        rows = await db.execute(select(Metier.domains).where(Metier.id.in_(sorted(metier_ids)[:200])))
        for text in rows.scalars():
            for key in split_items(text):
                domains |= set(board.onisep_domains.get(key, ()))
    return domains


async def viewer_for(db: AsyncSession, board: Board, person_id: str | None, demo: bool = False) -> Viewer:
    seeker = await seeker_of(db, person_id)
    uai = seeker.school_uai if seeker else ""
    highlight = board.sectors_for_domains(await favourite_domains(db, board, person_id)) if person_id else set()
    return Viewer(priority=board.is_priority(uai), school_uai=uai, highlight=frozenset(highlight), demo=demo)


# A student's stage search as the professeur principal sees it.
STAGE_STATUS = {"none": "Pas encore commencé", "searching": "Cherche, aucune candidature",
                "pending": "Candidature en attente", "placed": "Stage trouvé"}


async def stage_statuses(db: AsyncSession, person_ids: list[str]) -> dict[str, str]:
    """person id -> placed (confirmed stages cover the whole stage of their latest school year: seconde both
    weeks, 3e one week) | pending (an application waits for an answer or a confirmation, or half the
    seconde stage is confirmed) | searching (told the board a place or a school, or every application was
    answered no) | none."""
    if not person_ids:
        return {}
    searching = set((await db.execute(select(StageSeeker.person_id)
                                      .where(StageSeeker.person_id.in_(person_ids)))).scalars())
    rows = await db.execute(select(StageApplication.student_id, StageApplication.status, StageApplication.period_code,
                                   StageApplication.school_year, StageOffer.niveau)
                            .join(StageOffer, StageOffer.id == StageApplication.offer_id)
                            .where(StageApplication.student_id.in_(person_ids)))
    by_student: dict[str, list] = {}
    for row in rows.all():
        by_student.setdefault(row.student_id, []).append(row)
    out = {}
    for pid in person_ids:
        apps = by_student.get(pid, [])
        year = max((a.school_year for a in apps), default=None)
        current = [a for a in apps if a.school_year == year]
        confirmed = [a.period_code for a in current if a.status == "confirmed"]
        if current and complete(current[0].niveau, confirmed):
            out[pid] = "placed"
        elif confirmed or any(a.status in PENDING for a in current):
            out[pid] = "pending"
        else:
            out[pid] = "searching" if pid in searching or apps else "none"
    return out
