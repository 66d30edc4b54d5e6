"""SIRET numbers: 14 digits whose Luhn key checks, with La Poste's documented exception.

La Poste (SIREN 356 000 000) numbers its many establishments past what the Luhn key allows: INSEE
accepts its SIRETs when the sum of their digits is a multiple of 5 (its head office, 356 000 000 00048,
also passes Luhn).
"""
from __future__ import annotations

import re

from mps.lib.text import digits_only

LA_POSTE_SIREN = "356000000"
_SPACES = re.compile(r"[\s.\u00a0\u202f-]+")


def normalise_siret(raw: str) -> str:
    """'356 000 000 00048' -> '35600000000048' (spaces, dots and dashes people type are dropped)."""
    return _SPACES.sub("", raw or "")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def siret_refusal(raw: str) -> str | None:
    """Why this is not a SIRET (a French sentence), or None when it is one."""
    siret = normalise_siret(raw)
    if not digits_only(siret) or len(siret) != 14:
        return "Un numéro SIRET compte 14 chiffres (9 pour l'entreprise, 5 pour l'établissement)."
    if luhn_ok(siret):
        return None
    if siret.startswith(LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0:
        return None
    return "Ce numéro SIRET n'existe pas : vérifie-le sur ton avis de situation ou sur annuaire-entreprises.data.gouv.fr."
