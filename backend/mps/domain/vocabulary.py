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

# The answers of the student's profile, as the onboarding asks them (profile pages, « Mes données »).
CLASSE_LABELS = {"seconde": "Seconde", "premiere": "Première", "terminale": "Terminale"}
SITUATION_LABELS = {"aucune_idee": "Je n'ai pas encore d'idée", "quelques_pistes": "J'ai quelques pistes",
                    "projet_precis": "J'ai un projet précis"}
DUREE_LABELS = {"courte": "Plutôt courtes (2 à 3 ans)", "longue": "Plutôt longues (5 ans ou plus)",
                "indifferent": "Peu importe", "aucune_idee": "Je ne sais pas encore"}
ALTERNANCE_LABELS = {"tres_interesse": "Oui, ça m'intéresse beaucoup", "interesse": "Pourquoi pas",
                     "indifferent": "Peu importe", "pas_interesse": "Non, pas pour moi"}
