"""The student's profile document (issue 3), shared by the API, the pages and `mps suggest`.

Every field is optional. Decoding is strict (unknown fields, wrong types and out-of-range values
are refused) and every error names the field, e.g. « bac », « specialites[1] », « villes[0].lat ».
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec

from mps.domain.profile.referential import Referential
from mps.lib.errors import FieldError
from mps.lib.validation import Invalid, field_of, french

Classe = Literal["seconde", "premiere", "terminale"]
Duree = Literal["courte", "longue", "indifferent", "aucune_idee"]
Alternance = Literal["pas_interesse", "indifferent", "interesse", "tres_interesse"]
Situation = Literal["aucune_idee", "quelques_pistes", "projet_precis"]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
FormationId = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
METIER_ID = re.compile(r"MET_[0-9]{1,6}")  # whole (fullmatch), ASCII digits
MAX_ITEMS = 60
MAX_FAVOURITES = 200  # far above Parcoursup's 10 wishes and 20 sub-wishes, far below a script's thousands
MAX_SET_ASIDE = 500
MAX_SPECIALITES = 3  # chosen in première; 2 kept in terminale
MAX_VILLES = 5


class Ville(msgspec.Struct, forbid_unknown_fields=True):
    nom: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]


def _field(title: str, error: str | None = None, **constraints) -> msgspec.Meta:
    """A field's label (forms, OpenAPI) and the sentence a student reads when its value is refused."""
    return msgspec.Meta(title=title, extra={"error": error} if error else None, **constraints)


class ProfileDoc(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """« situation » is kept too (asked by the first onboarding step); it is optional like the rest."""

    situation: Annotated[Situation | None, _field("Où en es-tu dans ton projet ?")] = None
    classe: Annotated[Classe | None, _field("Ta classe")] = None
    bac: Annotated[ShortText | None, _field("Ton bac")] = None
    specialites: Annotated[list[ShortText], _field(
        "Tes spécialités", f"Choisis au plus {MAX_SPECIALITES} spécialités (2 en terminale).",
        max_length=MAX_SPECIALITES, description="Les spécialités de ton bac (nom, abréviation ou "
        "identifiant) ; pour un bac pro (P, PA), sa spécialité, par exemple « Maintenance des véhicules ».")] = []
    interets: Annotated[list[ShortText], _field("Ce qui te plaît", max_length=MAX_ITEMS)] = []
    domaines: Annotated[list[ShortText], _field("Les domaines qui t'attirent", max_length=MAX_ITEMS)] = []
    metiers: Annotated[list[ShortText], _field("Les métiers que tu as en tête", max_length=MAX_ITEMS)] = []
    duree: Annotated[Duree | None, _field("La durée de tes études")] = None
    alternance: Annotated[Alternance | None, _field("L'alternance")] = None
    villes: Annotated[list[Ville], _field("Tes villes", f"{MAX_VILLES} villes au plus : retires-en une d'abord.",
                                          max_length=MAX_VILLES)] = []
    moyenne: Annotated[Annotated[float, msgspec.Meta(ge=0, le=20)] | None, _field(
        "Ta moyenne générale (sur 20)", "Indique une moyenne entre 0 et 20, par exemple 12,5.")] = None
    favoris: Annotated[list[FormationId], msgspec.Meta(max_length=MAX_FAVOURITES)] = []
    corbeille: Annotated[list[FormationId], msgspec.Meta(max_length=MAX_SET_ASIDE)] = []


class ProfileError(Invalid):
    """A refused profile: `field` names it (« specialites[1] »), `message` says why in French."""


def decode_profile(data: bytes | str | dict, ref: Referential, metier_ids=None) -> ProfileDoc:
    """JSON text or a dict -> a checked, normalised ProfileDoc; ProfileError names the faulty field."""
    try:
        if isinstance(data, dict):
            doc = msgspec.convert(data, ProfileDoc)
        else:
            doc = msgspec.json.decode(data, type=ProfileDoc)
    except msgspec.ValidationError as exc:
        field, message = field_of(str(exc))
        field = field or "profil"
        if "unknown field" in message.lower():
            nested = re.search(r"unknown field `([^`]+)`", message)
            name = nested.group(1) if nested else field
            field = f"{field}.{name}" if field not in ("profil", name) else name
            raise ProfileError(field, "champ inconnu") from None
        raise ProfileError(field, french(message)) from None
    except msgspec.DecodeError as exc:
        raise ProfileError("profil", f"JSON invalide ({exc})") from None
    return check_references(doc, ref, metier_ids)


def check_references(doc: ProfileDoc, ref: Referential, metier_ids=None) -> ProfileDoc:
    """Ids must exist in the referential; spécialités must belong to the bac. Returns canonical names."""
    if doc.bac is not None and doc.bac not in ref.bacs:
        raise ProfileError("bac", f"bac inconnu « {doc.bac} » (attendu : {', '.join(ref.bacs)})")
    specialites = []
    for i, name in enumerate(doc.specialites):
        canonical = ref.canonical_specialite(name, doc.bac)
        if canonical is None:
            where = f"du bac {doc.bac}" if doc.bac else "du référentiel"
            raise ProfileError(f"specialites[{i}]", f"« {name} » n'est pas une spécialité {where}")
        if canonical not in specialites:
            specialites.append(canonical)
    for field, known in (("interets", ref.interests), ("domaines", ref.domains)):
        for i, value in enumerate(getattr(doc, field)):
            if value not in known:
                raise ProfileError(f"{field}[{i}]", f"identifiant inconnu « {value} »")
    for i, value in enumerate(doc.metiers):
        if not METIER_ID.fullmatch(value) or (metier_ids is not None and value not in metier_ids):
            raise ProfileError(f"metiers[{i}]", f"métier inconnu « {value} » (attendu : MET_ suivi d'un numéro)")
    return msgspec.structs.replace(
        doc, specialites=specialites, interets=_unique(doc.interets), domaines=_unique(doc.domaines),
        metiers=_unique(doc.metiers), favoris=_unique(doc.favoris), corbeille=_unique(doc.corbeille))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def to_dict(doc: ProfileDoc) -> dict:
    return msgspec.to_builtins(doc)


def check_formations(doc: ProfileDoc, resolve) -> ProfileDoc:
    """Favourite and set-aside ids must be formations of the catalogue (`resolve`: id -> today's id or None);
    old ids of merged formations become today's. A junk id is refused, naming its place in the list."""
    lists = {}
    for field in ("favoris", "corbeille"):
        ids = []
        for i, value in enumerate(getattr(doc, field)):
            today = resolve(value)
            if today is None:
                raise FieldError(f"{field}[{i}]", f"formation inconnue du catalogue « {value[:120]} »")
            ids.append(today)
        lists[field] = _unique(ids)
    return msgspec.structs.replace(doc, **lists)
