"""What a student's stage must cover, and whether one more period fits (pure, no database).

Seconde: one two-week stage, or two one-week stages covering both weeks (so at most two host structures).
3e: one week of the school year. A period that overlaps what is already confirmed, or comes after the
placement is complete, cannot be applied for nor confirmed."""
from __future__ import annotations

from mps.domain.stages.periods import period_short
from mps.lib.school_calendar import SECONDE_WEEKS, seconde_stage_covered
MAX_HOSTS = {"seconde": 2, "3e": 1}


def weeks_of(niveau: str, code: str) -> frozenset[str]:
    return SECONDE_WEEKS.get(code, frozenset({code})) if niveau == "seconde" else frozenset({code})


def complete(niveau: str, confirmed: list[str]) -> bool:
    """Is the student placed: seconde both weeks covered, 3e one week."""
    return seconde_stage_covered(confirmed) if niveau == "seconde" else bool(confirmed)


def placement_refusal(niveau: str, confirmed: list[str], code: str) -> str:
    """Why a period `code` cannot join the student's confirmed periods (tutoiement), or "" when it fits."""
    if complete(niveau, confirmed):
        return ("Ton stage de seconde est déjà complet (les deux semaines sont confirmées) : tu ne peux pas "
                "en ajouter un autre." if niveau == "seconde" else
                "Tu as déjà un stage de 3e confirmé : un seul stage d'une semaine est prévu.")
    if len(confirmed) >= MAX_HOSTS.get(niveau, 1):
        return "Tu as déjà le nombre maximum de structures d'accueil."
    taken = frozenset().union(*(weeks_of(niveau, c) for c in confirmed)) if confirmed else frozenset()
    overlap = weeks_of(niveau, code) & taken
    if overlap:
        which = " et ".join(period_short(w) for w in sorted(overlap))
        return (f"Tu as déjà un stage confirmé pour la {which} : choisis une période qui complète ton stage "
                "(deux semaines en tout, en une ou deux structures).")
    return ""
