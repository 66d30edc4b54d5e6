"""API documents of family sharing."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

from mps.lib.validation import VISIBLE_OR_EMPTY

from mps.domain.plan.schemas import Plan

from mps.domain.favourites.schemas import SharedFavourites
from mps.domain.timeline.schemas import SharedTimeline


class LinkIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    label: Annotated[str, msgspec.Meta(
        max_length=80, pattern=VISIBLE_OR_EMPTY, title="Pour qui ?", description="Par exemple « Maman »",
        extra={"error": "Donne un nom de 80 caractères au plus, par exemple « Maman »."})] = ""
    days: Annotated[Literal[7, 30, 90, 365], msgspec.Meta(
        title="Valable pendant", extra={"error": "Choisis une durée dans la liste."})] = 30
    email: Annotated[str, msgspec.Meta(  # send an invitation
        max_length=254, title="Envoyer le lien par e-mail à", description="Format attendu : nom@domaine.fr",
        extra={"error": "Saisis une adresse e-mail valide, par exemple prenom.nom@exemple.fr."})] | None = None


class LinkOut(msgspec.Struct):
    id: str
    label: str
    url: str
    email: str | None
    state: str  # ok | revoked | expired
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None


class ProfileLine(msgspec.Struct):
    label: str
    value: str


class FamilyView(msgspec.Struct):
    """What the family sees: read-only, the student's own sharing."""

    profile: list[ProfileLine]
    completeness: int
    favourites: SharedFavourites
    timeline: SharedTimeline  # the student's dated steps (domain/timeline), read-only
    expires_at: datetime
    plan: Plan  # « Mes vœux » as the student shares it: notes only where they chose to share them
