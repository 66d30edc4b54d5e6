"""Documents of the suggestions API and of `mps suggest --json`."""
from __future__ import annotations

import msgspec

from mps.domain.catalogue.schemas import StatutCode
from mps.domain.profile.schemas import FormationId


class ChoiceIn(msgspec.Struct, forbid_unknown_fields=False):
    """A suggestion card's form (« J'aime », « pas intéressé », undo): the id as the profile API takes it."""

    formation_id: FormationId


class Explanation(msgspec.Struct):
    type: str  # interets | domaines | metiers | specialites | serie | bac | distance | duree | alternance | favoris | populaire | position | elargi
    text: str


class SuggestedPlace(msgspec.Struct):
    cod_aff_form: int
    etablissement: str
    commune: str
    distance_km: float | None
    taux_acces: float | None
    url: str
    remote: bool = False  # taught at a distance (« à distance »): no coordinates, so no distance_km
    statut_code: StatutCode = ""  # public, sous_contrat… as the catalogue's places say it


class Suggestion(msgspec.Struct):
    id: str
    label: str
    family: str  # Parcoursup's family code
    score: float
    explanations: list[Explanation]
    places: list[SuggestedPlace]
    type_label: str = ""  # what a student calls it (« DN MADE (design et métiers d'art) », « BUT »)


class SuggestionsResponse(msgspec.Struct):
    suggestions: list[Suggestion]


class FamilyOpening(msgspec.Struct):
    family: str  # family of the Parcoursup spécialités file, e.g. "Licence Informatique"
    accepted: int  # students with this pair who accepted a proposal in this family
    share: float  # % of the students with this pair


class PairOpening(msgspec.Struct):
    specialites: list[str]  # short names, e.g. ["Maths", "NSI"]
    label: str  # "Maths et NSI"
    year: int
    families: list[FamilyOpening]
    text: str
