"""Words shared by several areas (and by the pages, the API and the offline JS): one definition each.

An area's own words stay in that area; a word lands here when a second area needs it, so no area
imports another's controllers for a label.
"""
from __future__ import annotations

from typing import Literal, get_args

# The ambition a student gives a favourite (favourites area; shown to teachers and families too).
Ambition = Literal["plan_b", "realiste", "ambitieux"]
AMBITIONS: tuple[str, ...] = get_args(Ambition)
AMBITION_LABELS = {"plan_b": "Plan B", "realiste": "Réaliste", "ambitieux": "Ambitieux"}
assert tuple(AMBITION_LABELS) == AMBITIONS

# A place's taux d'accès (% of its candidates who got an offer) read as a chance, without the student's
# moyenne: from ACCESS_RATE_SAFE a place is « sécurité », under ACCESS_RATE_REACH « ambitieux », between
# « dans la course ». The ambition check uses it, and so does the colour of the access badge on pages and
# offline (templates: `|access_badge`; offline.js reads the two numbers from the page).
ACCESS_RATE_SAFE = 80
ACCESS_RATE_REACH = 30


def access_position(taux_acces: float) -> str:
    """« reach », « target » or « safe » for a known taux d'accès."""
    if taux_acces >= ACCESS_RATE_SAFE:
        return "safe"
    return "reach" if taux_acces < ACCESS_RATE_REACH else "target"

# The answers of the student's profile, as the onboarding asks them (profile pages, « Mes données »).
CLASSE_LABELS = {"seconde": "Seconde", "premiere": "Première", "terminale": "Terminale"}
SITUATION_LABELS = {"aucune_idee": "Je n'ai pas encore d'idée", "quelques_pistes": "J'ai quelques pistes",
                    "projet_precis": "J'ai un projet précis"}
DUREE_LABELS = {"courte": "Plutôt courtes (2 à 3 ans)", "longue": "Plutôt longues (5 ans ou plus)",
                "indifferent": "Peu importe", "aucune_idee": "Je ne sais pas encore"}
ALTERNANCE_LABELS = {"tres_interesse": "Oui, ça m'intéresse beaucoup", "interesse": "Pourquoi pas",
                     "indifferent": "Peu importe", "pas_interesse": "Non, pas pour moi"}


# The favourites' flags in an adult's words, about the student (teacher, family); the student sees a kinder,
# personal version (mps.domain.favourites.ambition).
ADULT_FLAG_WORDS = {"strong_no_selective": "Autocensure possible : bon niveau, aucun choix sélectif",
                    "no_safe": "Aucun choix sûr", "no_favourite": "Pas encore de favori",
                    "all_far": "Tous les choix loin du domicile"}
