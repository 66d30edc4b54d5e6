"""Documents of the stage board: what employers send (pages and API share these Structs, labels and
error sentences included) and what a search answers."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from mps.domain.accounts.roles import EMAIL
from mps.lib.validation import VISIBLE, labelled

MAX_TITLE, MAX_DESCRIPTION = 120, 4000
MIN_RADIUS_KM, MAX_RADIUS_KM = 5, 60
MAX_SEATS = 50
UAI = r"^[0-9]{7}[A-Za-z]\Z"  # an establishment's code: 7 digits and a letter
_f = labelled  # a short name for the many fields below


EmployerKind = Literal["prive", "public", "association"]
EMPLOYER_KINDS = {"prive": "Entreprise privée", "public": "Employeur public (administration, collectivité, hôpital…)",
                  "association": "Association"}


class OrganisationIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Annotated[str, _f("Nom de votre organisation", "Indiquez le nom de votre organisation (200 caractères au plus).",
                            min_length=2, max_length=200, pattern=VISIBLE)]
    siret: Annotated[str, _f("Numéro SIRET", "Indiquez les 14 chiffres du numéro SIRET.",
                             "14 chiffres, par exemple 356 000 000 00048", min_length=14, max_length=20)]
    employer_kind: Annotated[EmployerKind, _f("Vous accueillez au nom…", "Choisissez le type d'employeur.")]
    description: Annotated[str, _f("Présentation en quelques mots", "1 000 caractères au plus.",
                                   "Ce que fait votre organisation, vu par un ou une élève", max_length=1000)] = ""


class MemberIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    email: Annotated[str, _f("Adresse e-mail de votre collègue",
                             "Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.",
                             max_length=254, pattern=EMAIL.pattern)]  # the sign-in's rule: they sign in with it


# One offer, in the steps of the employer's form: each step sends part of these fields (forms.state_from only=).
STEP_FIELDS = {
    1: ("title", "description", "secteur"),
    2: ("commune", "address", "lat", "lon"),
    3: ("niveau", "accessible", "reserved", "reserved_uais"),
    4: ("periodes", "seats", "school_year"),
}
STEP_TITLES = {1: "Le stage", 2: "Le lieu", 3: "Les élèves accueillis", 4: "Les dates et les places"}


class OfferIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    title: Annotated[str, _f("Intitulé du stage", f"Indiquez un intitulé de 5 à {MAX_TITLE} caractères.",
                             "Par exemple « Découvrir le métier d'infirmier ou d'infirmière »",
                             min_length=5, max_length=MAX_TITLE, pattern=VISIBLE)]
    description: Annotated[str, _f("Ce que l'élève va voir et faire",
                                   f"Décris le stage en 20 à {MAX_DESCRIPTION} caractères.",
                                   "Les activités, les personnes rencontrées, les horaires",
                                   min_length=20, max_length=MAX_DESCRIPTION)]
    secteur: Annotated[str, _f("Secteur d'activité", "Choisissez un secteur dans la liste.", max_length=8)]
    commune: Annotated[str, _f("Ville ou code postal du lieu de stage", "Indiquez la ville ou le code postal.",
                               "Par exemple « Roubaix » ou « 59100 »", max_length=100)] = ""
    address: Annotated[str, _f("Adresse", "200 caractères au plus.", "Numéro et rue, pour que l'élève trouve le lieu",
                               max_length=200)] = ""
    lat: Annotated[float, _f("Latitude (facultatif)", "Une latitude entre -90 et 90.", ge=-90, le=90)] | None = None
    lon: Annotated[float, _f("Longitude (facultatif)", "Une longitude entre -180 et 180.", ge=-180, le=180)] | None = None
    niveau: Annotated[Literal["seconde", "3e"], _f("Pour quels élèves", "Choisissez seconde ou 3e.")] = "seconde"
    school_year: Annotated[int, _f("Année scolaire (année de fin)", "Une année entre 2024 et 2100.",
                                   ge=2024, le=2100)] | None = None
    periodes: Annotated[list[str], _f("Périodes", "Choisissez au moins une période.", min_length=1, max_length=45)] = []
    seats: Annotated[int, _f("Nombre d'élèves accueillis par période",
                             f"Indiquez un nombre d'élèves entre 1 et {MAX_SEATS}.", ge=1, le=MAX_SEATS)] = 1
    accessible: Annotated[bool, _f("Le lieu accueille des élèves en situation de handicap",
                                   "Cochez la case ou laissez-la vide.")] = False
    reserved: Annotated[Literal["", "ep", "schools"], _f("Réserver l'offre", "Choisissez à qui l'offre est ouverte.")] = ""
    reserved_uais: Annotated[list[Annotated[str, msgspec.Meta(pattern=UAI)]],
                             _f("Établissements (codes UAI)", "Indiquez des codes UAI (7 chiffres et une lettre).",
                                "Par exemple 0590117G", max_length=30)] = []


class ModerationIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    decision: Annotated[Literal["publier", "refuser"], _f("Décision", "Choisissez publier ou refuser.")]
    reason: Annotated[str, _f("Motif du refus", "Le motif tient en 500 caractères au plus.",
                              "Il est envoyé à l'employeur", max_length=500)] = ""


REPORT_REASONS = {"inexacte": "Informations fausses ou trompeuses", "inappropriee": "Contenu inapproprié",
                  "pourvue": "Offre déjà pourvue ou lieu fermé", "autre": "Autre raison"}


class ReportIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    reason: Annotated[Literal["inexacte", "inappropriee", "pourvue", "autre"],
                      _f("Ce qui ne va pas", "Choisis ce qui ne va pas.")]
    comment: Annotated[str, _f("Précise si tu veux", "1 000 caractères au plus.", max_length=1000)] = ""


class SeekerIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    school_uai: Annotated[str, _f("Ton établissement (code UAI)", "Indique le code UAI de ton établissement.",
                                  "7 chiffres et une lettre, sur ton carnet ou ton ENT", pattern=UAI)] = ""
    niveau: Annotated[Literal["seconde", "3e"], _f("Ta classe", "Choisis seconde ou 3e.")] = "seconde"


# -- search ------------------------------------------------------------------------------------------
class StageItem(msgspec.Struct):
    id: int
    title: str
    secteur: str  # s1..s51
    secteur_label: str
    commune: str
    lat: float
    lon: float
    distance_km: float
    periods: list[str]  # codes still open: deux-semaines / semaine-1 / semaine-2, or ISO weeks 2026-W05
    seats_left: int  # seats left over those periods
    niveau: str
    accessible: bool
    reserved: str  # "" | ep | schools: shown only to eligible students
    highlighted: bool  # its sector touches the student's favourite métiers or domains
    organisation: str
    demo: bool


class StageSearchResponse(msgspec.Struct):
    total: int  # offers found, counted up to 1,000 (see total_capped)
    items: list[StageItem]
    page: int = 1
    page_size: int = 20
    total_capped: bool = False  # true: more than `total` offers match (a dense area); the pages go on to 50


class PeriodOut(msgspec.Struct):
    code: str
    label: str
    starts_on: str
    ends_on: str
    seats: int
    seats_left: int


class OfferOut(msgspec.Struct):
    id: int
    title: str
    description: str
    secteur: str
    secteur_label: str
    niveau: str
    school_year: int
    address: str
    commune: str
    postcode: str
    lat: float
    lon: float
    accessible: bool
    reserved: str
    reserved_uais: list[str]
    status: str
    refusal_reason: str
    organisation: str
    employer_kind: str
    periods: list[PeriodOut]
    demo: bool


class BoardSearchIn(msgspec.Struct, kw_only=True):
    """The labels of the student's search form (GET /stages); the values are read by search.stage_query."""
    autour: Annotated[str, _f("Autour de", "Indique une ville ou un code postal.",
                              "Ta ville, celle de ton lycée ou un code postal")] = ""
    rayon: Annotated[str, _f("Distance", "Choisis une distance.")] = ""
    secteur: Annotated[str, _f("Secteur", "Choisis un secteur dans la liste.")] = ""
    niveau: Annotated[str, _f("Classe", "Choisis seconde ou 3e.")] = ""
    periode: Annotated[str, _f("Période", "Choisis une période dans la liste.")] = ""
    q: Annotated[str, _f("Mots-clés", "200 caractères au plus.", "Par exemple « vétérinaire » ou « mairie »")] = ""


class SchoolIn(msgspec.Struct, kw_only=True):
    etablissement: Annotated[str, _f("Ton établissement", "Indique le nom et la ville de ton établissement, ou son code UAI.",
                                     "Nom et ville, ou code UAI (par exemple 0132572A)", max_length=100)]
    niveau: Annotated[Literal["seconde", "3e"], _f("Ta classe", "Choisis seconde ou 3e.")] = "seconde"
