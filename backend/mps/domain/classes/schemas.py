"""API documents of the classes area."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

import msgspec

from mps.lib.validation import INITIAL, VISIBLE

from mps.domain.plan.schemas import Plan

from mps.domain.favourites.schemas import SharedFavourites

MAX_LABEL = 60
MAX_NOTE = 1000
Label = Annotated[str, msgspec.Meta(
    min_length=1, max_length=MAX_LABEL, pattern=VISIBLE, title="Classe", description="Par exemple « Terminale 3 »",
    extra={"error": f"Indiquez le nom de la classe en {MAX_LABEL} caractères au plus, par exemple « Terminale 3 »."})]
SchoolYear = Annotated[str, msgspec.Meta(
    pattern=r"^20[0-9]{2}-20[0-9]{2}\Z", title="Année scolaire", description="Par exemple 2025-2026",
    extra={"error": "Indiquez l'année scolaire sous la forme 2025-2026."})]
NoteText = Annotated[str, msgspec.Meta(
    max_length=MAX_NOTE, title="Un mot pour l'élève", description=f"{MAX_NOTE:,} caractères au plus.".replace(",", " "),
    extra={"error": f"Votre message fait plus de {MAX_NOTE} caractères : raccourcissez-le."})]


class ClassIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    lycee_uai: Annotated[str, msgspec.Meta(
        min_length=8, max_length=12, title="Votre lycée",
        extra={"error": "Choisissez votre lycée dans l'annuaire (nom et ville, ou code UAI)."})]
    label: Label
    school_year: SchoolYear | None = None


class ClassOut(msgspec.Struct):
    id: str
    label: str
    school_year: str
    lycee_uai: str
    lycee_name: str
    lycee_commune: str
    students: int | None = None  # teacher only
    join_code: str | None = None  # teacher only: 8 characters, no look-alikes
    join_url: str | None = None  # teacher only
    join_code_expires_on: date | None = None  # teacher only: the code works until this day included


class StudentRow(msgspec.Struct):
    id: str
    name: str
    completeness: int  # % of the profile answered
    favourites: int
    reach: int
    target: int
    safe: int
    flags: list[str]  # no_favourite | no_safe | strong_no_selective | all_far
    # « Mes vœux » counted as Parcoursup counts them, and the plan's warning kinds (mps.domain.plan)
    wishes: int = 0
    apprenticeship_wishes: int = 0
    sub_wishes: int = 0
    plan_warnings: list[str] = []  # too_many_wishes | too_many_apprenticeship | too_many_sub_wishes | cap | …
    stage: str = "none"  # stage search: none | searching | pending | placed (mps.domain.stages.seekers.STAGE_STATUS)


class Dashboard(msgspec.Struct):
    klass: ClassOut = msgspec.field(name="class")
    students: list[StudentRow]


class ProfileLine(msgspec.Struct):
    label: str
    value: str


class NoteIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    kind: Literal["formation", "psyen"]
    formation_id: Annotated[str, msgspec.Meta(max_length=120)] | None = None
    note: NoteText = ""


class NoteOut(msgspec.Struct):
    id: int
    kind: str
    formation_id: str | None
    note: str
    created_at: datetime


class StudentDetail(msgspec.Struct):
    student: StudentRow
    profile: list[ProfileLine]
    favourites: SharedFavourites
    notes: list[NoteOut]
    plan: Plan  # the wish plan as the student shares it: their notes only where they chose to share them


class JoinIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    code: Annotated[str, msgspec.Meta(
        min_length=1, max_length=200, title="Code donné par ton professeur",
        description="8 lettres et chiffres, par exemple KX7R M2QD",
        extra={"error": "Indique le code donné par ton professeur (8 lettres et chiffres)."})]
    first_name: Annotated[str, msgspec.Meta(
        min_length=1, max_length=40, pattern=VISIBLE, title="Ton prénom",
        description="Ton professeur le voit dans la liste de la classe, à la place de ton adresse e-mail.",
        extra={"error": "Indique ton prénom (40 caractères au plus) : c'est ainsi que ton professeur te reconnaît."})]
    initial: Annotated[str, msgspec.Meta(
        max_length=3, pattern=INITIAL, title="Initiale de ton nom",
        description="Une lettre, utile si deux élèves ont le même prénom",
        extra={"error": "Indique une seule lettre, par exemple « M »."})] = ""
    consent: Annotated[bool, msgspec.Meta(
        title="J'accepte que mon professeur voie mon profil (dont ma moyenne si je l'ai indiquée), mes favoris "
              "et l'équilibre de mes choix.",
        description="Tu peux quitter la classe à tout moment : ton professeur ne verra alors plus rien.",
        extra={"error": "Coche la case pour donner ton accord : sans lui, ton professeur ne voit rien."})]


class LyceeOut(msgspec.Struct):
    uai: str
    name: str
    commune: str
    departement: str
