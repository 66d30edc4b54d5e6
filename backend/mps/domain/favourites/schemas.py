"""API documents of the favourites (msgspec: validated input, typed output, in the OpenAPI schema)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from mps.domain.vocabulary import Ambition

MAX_PLACES = 20  # Parcoursup: at most 20 sub-wishes in all
MAX_NOTE = 2000


def note_too_long(length: int) -> str:
    """Said on the page, in the API and offline alike: a note is refused whole, never cut."""
    return (f"Ta note fait {length:,} caractères : {MAX_NOTE:,} au plus. Raccourcis-la pour l'enregistrer "
            "(rien n'a été coupé).").replace(",", "\u202f")


class FavouriteIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Fields left out are unchanged; `ambition: null` clears it."""

    ambition: Ambition | None | msgspec.UnsetType = msgspec.UNSET
    places: Annotated[list[Annotated[int, msgspec.Meta(ge=1)]], msgspec.Meta(
        max_length=MAX_PLACES, title="Lieux de formation",
        extra={"error": f"Choisis au plus {MAX_PLACES} lieux : Parcoursup compte au plus {MAX_PLACES} sous-vœux "
                        "(rien n'a été enregistré)."})] | msgspec.UnsetType = msgspec.UNSET
    note: Annotated[str, msgspec.Meta(max_length=MAX_NOTE, title="Ma note",
                                      description=f"{MAX_NOTE:,} caractères au plus".replace(",", "\u202f"),
                                      extra={"error": f"Ta note fait plus de {MAX_NOTE:,} caractères : raccourcis-la "
                                             "pour l'enregistrer (rien n'a été coupé).".replace(",", "\u202f")})] \
        | msgspec.UnsetType = msgspec.UNSET


class ChosenPlace(msgspec.Struct):
    cod_aff_form: int
    etablissement: str
    commune: str
    departement_code: str
    distance_km: float | None
    taux_acces: float | None
    position: str  # reach | target | safe
    position_label: str
    chosen: bool  # False: nothing chosen yet, the nearest place stands in for the check
    parcoursup_url: str
    remote: bool = False  # taught at a distance (« à distance »): no coordinates, so no distance_km


class FavouriteFormation(msgspec.Struct):
    formation_id: str
    label: str
    available: bool  # False when the formation left the catalogue
    family_label: str | None
    selective: bool | None
    ambition: str | None
    note: str
    places: list[ChosenPlace]
    version: int
    updated_at: datetime


class NotInterested(msgspec.Struct):
    formation_id: str
    label: str
    available: bool
    updated_at: datetime


class FavouriteMetier(msgspec.Struct):
    metier_id: str
    label: str
    available: bool
    version: int


class CheckFlag(msgspec.Struct):
    kind: str  # no_favourite | no_safe | strong_no_selective | all_far
    text: str


class AmbitionCheckDoc(msgspec.Struct):
    reach: int
    target: int
    safe: int
    balance: str
    flags: list[CheckFlag]


class Favourites(msgspec.Struct):
    formations: list[FavouriteFormation]
    metiers: list[FavouriteMetier]
    not_interested: list[NotInterested]
    check: AmbitionCheckDoc


class SharedFavouriteFormation(msgspec.Struct):
    """A favourite as the people a student shares with see it (family link, teacher of their class).

    Never the student's own note, nor what they set aside: what the consent text and the pages show."""

    formation_id: str
    label: str
    available: bool
    family_label: str | None
    selective: bool | None
    ambition: str | None
    places: list[ChosenPlace]


class SharedFavourites(msgspec.Struct):
    formations: list[SharedFavouriteFormation]
    metiers: list[FavouriteMetier]
    check: AmbitionCheckDoc


def shared(doc: Favourites) -> SharedFavourites:
    return SharedFavourites(
        formations=[SharedFavouriteFormation(f.formation_id, f.label, f.available, f.family_label, f.selective,
                                             f.ambition, f.places) for f in doc.formations],
        metiers=doc.metiers, check=doc.check)
