"""A report's likes, read against the student's profile and written into it (likes.py decides what is
proposed; this module reads the stored profile and saves it through the profile's own service)."""
from __future__ import annotations

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageDebrief
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import ProfileError, decode_profile
from mps.domain.profile.service import load_profile, save_profile
from mps.domain.stages.board import Board
from mps.domain.stages.preparation import service
from mps.domain.stages.preparation.likes import Proposal, added_to, propose
from mps.domain.suggestions.model import SuggestionModel


def _proposals(board: Board, model: SuggestionModel, stage: service.Stage, report: StageDebrief, profile) -> list[Proposal]:
    sector = stage.offer.secteur
    return propose(liked=report.aime, metiers_text=report.metiers_vus, sector=sector,
                   sector_label=board.sector_label(sector), sector_domains=board.sector_domains.get(sector, frozenset()),
                   ref=load_referential(), metiers=model.metiers or {}, profile=profile)


async def proposals_for(db: AsyncSession, board: Board, model: SuggestionModel, stage: service.Stage,
                        report: StageDebrief) -> list[Proposal]:
    return _proposals(board, model, stage, report, await load_profile(db, stage.app.student_id))


async def add_likes(db: AsyncSession, board: Board, model: SuggestionModel, stage: service.Stage,
                    report: StageDebrief, person_id: str, keys: list[str]) -> list[Proposal]:
    """Add the chosen proposals (by key, « metiers:MET_38 ») to the profile; a key that this report does not
    propose is ignored (a forged form cannot add anything else). Returns what was added."""
    profile = await load_profile(db, person_id)
    wanted = set(keys)
    chosen = [p for p in _proposals(board, model, stage, report, profile) if p.key in wanted and not p.held]
    if not chosen:
        return []
    merged = {**msgspec.to_builtins(profile), **added_to(profile, chosen)}
    try:
        updated = decode_profile(merged, load_referential(), model.metiers or None)
    except ProfileError:  # a métier gone from the data since the page was shown: add nothing rather than fail
        return []
    await save_profile(db, person_id, updated)
    await service.record_added(db, report, [p.key for p in chosen])
    return chosen
