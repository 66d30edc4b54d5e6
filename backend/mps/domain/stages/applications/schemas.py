"""Documents of applications: what a student sends, what an action carries, what the API answers. The pages
use the same Structs (labels and error sentences included)."""
from __future__ import annotations

from typing import Annotated

import msgspec

from mps.domain.stages.applications.states import MOTIVATION_MAX, REASON_MAX
from mps.lib.validation import VISIBLE, labelled


_f = labelled


_PRENOM = _f("Ton prénom", "Indique ton prénom (60 caractères au plus).",
             "C'est tout ce que l'employeur saura de ton nom avant que tu confirmes le stage.", min_length=1,
             max_length=60, pattern=VISIBLE)
# No max_length: the service says how long the text is and that nothing was cut.
_MOTIVATION = _f("Ta motivation", "Écris quelques lignes de motivation.",
                 f"Pourquoi ce stage t'intéresse, en quelques lignes ({MOTIVATION_MAX} caractères au plus).",
                 min_length=1)


class ApplicationIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    offer_id: Annotated[int, _f("Offre", "Indique le numéro de l'offre.", ge=1, le=2_147_483_647)]
    periode: Annotated[str, _f("Période", "Choisis une des périodes proposées par cette offre.", max_length=16,
                               min_length=1)]
    prenom: Annotated[str, _PRENOM]
    motivation: Annotated[str, _MOTIVATION]


class ApplicationFormIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """The page's form: the offer is in the URL."""
    periode: Annotated[str, _f("Période", "Choisis une des périodes proposées par cette offre.", min_length=1,
                               max_length=16)]
    prenom: Annotated[str, _PRENOM]
    motivation: Annotated[str, _MOTIVATION]


class ActionIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    reason: Annotated[str, _f("Raison", f"{REASON_MAX} caractères au plus.",
                              "Lue par l'autre partie : obligatoire pour refuser ou annuler.",
                              max_length=REASON_MAX)] = ""


class EventOut(msgspec.Struct):
    at: str
    by: str  # student | employer | system | admin
    from_status: str
    to_status: str
    reason: str


class ApplicationOut(msgspec.Struct):
    """An application as its reader may see it: `student` holds the e-mail only once confirmed, for the
    employer; the student sees their own."""
    id: int
    offer_id: int
    offer_title: str
    organisation: str
    commune: str
    niveau: str
    period: str
    period_label: str
    status: str
    status_label: str
    first_name: str
    school: str
    motivation: str
    created_at: str
    updated_at: str
    expires_at: str | None
    reject_reason: str
    cancel_reason: str
    cancelled_by: str
    actions: list[str]
    student_email: str | None = None
    events: list[EventOut] = []


class ApplicationList(msgspec.Struct):
    total: int
    pending: int
    max_pending: int
    items: list[ApplicationOut]
