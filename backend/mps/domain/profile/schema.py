"""The student's profile document (issue 3), shared by the API, the pages and `mps suggest`.

Every field is optional. Decoding is strict (unknown fields, wrong types and out-of-range values
are refused) and every error names the field, e.g. « bac », « specialites[1] », « villes[0].lat ».
"""
from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec

from mps.domain.profile.referential import Referential
from mps.lib.errors import UserFacingError

Classe = Literal["seconde", "premiere", "terminale"]
Duree = Literal["courte", "longue", "indifferent", "aucune_idee"]
Alternance = Literal["pas_interesse", "indifferent", "interesse", "tres_interesse"]
Situation = Literal["aucune_idee", "quelques_pistes", "projet_precis"]
ShortText = Annotated[str, msgspec.Meta(max_length=200)]
FormationId = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
METIER_ID = re.compile(r"^MET_\d{1,6}$")
MAX_ITEMS = 60


class Ville(msgspec.Struct, forbid_unknown_fields=True):
    nom: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]


class ProfileDoc(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """« situation » is kept too (asked by the first onboarding step); it is optional like the rest."""

    situation: Situation | None = None
    classe: Classe | None = None
    bac: ShortText | None = None
    specialites: Annotated[list[ShortText], msgspec.Meta(max_length=6)] = []
    interets: Annotated[list[ShortText], msgspec.Meta(max_length=MAX_ITEMS)] = []
    domaines: Annotated[list[ShortText], msgspec.Meta(max_length=MAX_ITEMS)] = []
    metiers: Annotated[list[ShortText], msgspec.Meta(max_length=MAX_ITEMS)] = []
    duree: Duree | None = None
    alternance: Alternance | None = None
    villes: Annotated[list[Ville], msgspec.Meta(max_length=5)] = []
    moyenne: Annotated[float, msgspec.Meta(ge=0, le=20)] | None = None
    favoris: Annotated[list[FormationId], msgspec.Meta(max_length=500)] = []
    corbeille: Annotated[list[FormationId], msgspec.Meta(max_length=2000)] = []


class ProfileError(UserFacingError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field} : {message}")
        self.field, self.message = field, message


_PATH = re.compile(r" - at `\$(.*)`$")


def _field_of(msgspec_message: str) -> tuple[str, str]:
    """'Expected `str`, got `int` - at `$.villes[0].nom`' -> ('villes[0].nom', 'Expected `str`, got `int`')."""
    m = _PATH.search(msgspec_message)
    if not m:
        unknown = re.search(r"unknown field `([^`]+)`", msgspec_message)
        return (unknown.group(1) if unknown else "profil"), msgspec_message
    return m.group(1).lstrip(".") or "profil", msgspec_message[:m.start()]


_TYPES = {"str": "un texte", "float": "un nombre", "int": "un entier", "array": "une liste", "object": "un objet",
          "null": "null", "bool": "true ou false"}


def french(message: str) -> str:
    """msgspec's English messages -> French for the student or the API client."""
    m = re.match(r"Expected `(\w+)` (<=|>=|<|>) ([\d.]+)$", message)
    if m:
        words = {"<=": "inférieur ou égal à", ">=": "supérieur ou égal à", "<": "inférieur à", ">": "supérieur à"}
        return f"attendu : un nombre {words[m.group(2)]} {m.group(3).removesuffix('.0')}"
    m = re.match(r"Expected `(\w+)` of length (<=|>=) (\d+)$", message)
    if m:
        unit = "éléments" if m.group(1) == "array" else "caractères"
        return f"{'au plus' if m.group(2) == '<=' else 'au moins'} {m.group(3)} {unit}"
    m = re.match(r"Expected `([^`]+)`, got `(\w+)`$", message)
    if m:
        expected = " ou ".join(_TYPES.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        return f"attendu : {expected} (reçu : {_TYPES.get(m.group(2), m.group(2))})"
    m = re.match(r"Invalid enum value (.+)$", message)
    if m:
        return f"valeur inconnue {m.group(1)}"
    return message


def decode_profile(data: bytes | str | dict, ref: Referential, metier_ids=None) -> ProfileDoc:
    """JSON text or a dict -> a checked, normalised ProfileDoc; ProfileError names the faulty field."""
    try:
        if isinstance(data, dict):
            doc = msgspec.convert(data, ProfileDoc)
        else:
            doc = msgspec.json.decode(data, type=ProfileDoc)
    except msgspec.ValidationError as exc:
        field, message = _field_of(str(exc))
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
        if not METIER_ID.match(value) or (metier_ids is not None and value not in metier_ids):
            raise ProfileError(f"metiers[{i}]", f"métier inconnu « {value} » (attendu : MET_ suivi d'un numéro)")
    return msgspec.structs.replace(
        doc, specialites=specialites, interets=_unique(doc.interets), domaines=_unique(doc.domaines),
        metiers=_unique(doc.metiers), favoris=_unique(doc.favoris), corbeille=_unique(doc.corbeille))


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def to_dict(doc: ProfileDoc) -> dict:
    return msgspec.to_builtins(doc)
