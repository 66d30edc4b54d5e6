"""API documents of the catalogue (msgspec Structs, published in the OpenAPI schema)."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec

# A place's status (status.py ORDER), the code the search's `statut=` filter reads: public; sous_contrat (privé sous
# contrat d'association); superieur (privé d'enseignement supérieur); hors_contrat; prive (another private label).
StatutCode = Annotated[
    Literal["public", "sous_contrat", "superieur", "hors_contrat", "prive", ""],
    msgspec.Meta(description="Statut de l'établissement : public, sous_contrat (privé sous contrat d'association), "
                             "superieur (privé d'enseignement supérieur, frais de scolarité possibles), hors_contrat "
                             "(privé hors contrat), prive (autre privé), vide si inconnu")]


class PlaceSummary(msgspec.Struct):
    cod_aff_form: int
    etablissement: str
    commune: str
    departement: str
    lat: float | None
    lon: float | None
    distance_km: float | None
    taux_acces: float | None
    option: str = ""  # what sets this place apart: parcours, option, programme name, admission track
    selective: bool = False
    remote: bool = False  # taught at a distance (« à distance »): no coordinates, so no distance_km
    statut_code: StatutCode = ""


class FormationItem(msgspec.Struct):
    id: str
    label: str
    family: str  # Parcoursup's family (« Autre formation » for half the catalogue)
    places_count: int
    places: list[PlaceSummary]
    type: str = ""  # the browsing type, as the famille= filter takes it: the family, or a finer type
    type_label: str = ""  # what a student calls it (« DN MADE (design et métiers d'art) »)
    selectivity: str = ""  # « Sélective dans 12 lieux sur 30 »


class SearchResponse(msgspec.Struct):
    total: int
    page: int
    page_size: int
    items: list[FormationItem]


class FormationDetail(msgspec.Struct):
    id: str
    label: str
    family: str
    family_label: str
    selective: bool
    apprenticeship: bool
    places_count: int
    onisep_url: str
    places: list[PlaceSummary]
    selective_places: int = 0
    selectivity: str = ""  # "Sélective dans 12 lieux sur 30"
    type: str = ""  # the browsing type (famille= filter): the family, or a finer type of « Autre formation »
    type_label: str = ""


class AdmittedProfile(msgspec.Struct):
    """Last session's admitted néo-bacheliers: shares by bac type and counts by mention."""
    pct_general: float | None
    pct_techno: float | None
    pct_pro: float | None
    mentions: dict[str, int | None]


class PlaceDetail(msgspec.Struct):
    cod_aff_form: int
    formation_id: str
    formation_label: str
    family: str
    session: int
    uai: str
    etablissement: str
    statut: str
    commune: str
    departement_code: str
    departement: str
    academie: str
    region: str
    lat: float | None
    lon: float | None
    selective: bool
    apprenticeship: bool
    capacity: int | None
    candidates: int | None
    proposals: int | None
    admitted: int | None
    taux_acces: float | None
    pct_girls: float | None
    pct_boursiers: float | None
    admitted_profile: AdmittedProfile
    parcoursup_url: str
    option: str = ""
    remote: bool = False  # taught at a distance (« à distance »)
    statut_code: StatutCode = ""  # `statut` is Parcoursup's label (« Privé sous contrat d'association »)


class Health(msgspec.Struct):
    status: str  # ok | starting | database_unreachable
    catalogue_version: int | None = None
    database: str | None = None  # /readyz only: ok | down
