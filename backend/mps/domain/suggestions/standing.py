"""« Où tu en es » : a student's position among last session's admitted néo-bacheliers of one place.

Used by the suggestions and by the favourites' ambition check:

    from mps.domain.suggestions.standing import where_you_stand
    s = where_you_stand(place, bac="STMG", moyenne=13.5)   # PlaceRec from the catalogue
    if s: s.position ("reach" | "target" | "safe"), s.sentence, s.share_with_lower_or_equal_mention ...

Why this wording: telling students their real position removes the effect of under-confidence
(IPP note 93, 2023) but coarse or discouraging figures backfire. So the figures are always those of
students like them (their mention or below, their bac type), the sentence encourages, and nothing
is shown without a moyenne (returns None).
"""
from __future__ import annotations

import msgspec

from mps.domain.profile.referential import BAC_KIND, BAC_KIND_LABEL

# Admitted counts per mention, lowest first.
MENTION_KEYS = ("mention_none", "mention_ab", "mention_b", "mention_tb", "mention_tbf")
MENTION_LABELS = ("sans mention", "mention assez bien", "mention bien", "mention très bien",
                  "mention très bien avec félicitations")


class Standing(msgspec.Struct):
    mention: str  # the mention the moyenne gives, e.g. "mention bien"
    share_with_lower_or_equal_mention: float | None  # % of admitted néo-bacheliers with this mention or below
    share_same_bac: float | None  # % of admitted néo-bacheliers from the student's bac kind
    position: str  # reach | target | safe
    sentence: str


def mention_band(moyenne: float) -> int:
    """<12 sans mention, 12-14 AB, 14-16 B, 16-18 TB, ≥18 TB félicitations -> index in MENTION_KEYS."""
    if moyenne < 12:
        return 0
    if moyenne < 14:
        return 1
    if moyenne < 16:
        return 2
    if moyenne < 18:
        return 3
    return 4


def _pct(value: float) -> str:
    return f"{round(value)} %"


def where_you_stand(place, bac: str | None, moyenne: float | None) -> Standing | None:
    """Position of a student (bac id from the referential, moyenne /20) in one place's admitted profile.

    `place` is a catalogue PlaceRec (anything with a `row` dict of the Place columns, or that dict).
    Returns None when no moyenne is given (the block stays hidden).
    """
    if moyenne is None:
        return None
    row = place if isinstance(place, dict) else place.row
    band = mention_band(moyenne)
    share_le = _share_with_lower_or_equal_mention(row, band)
    kind = BAC_KIND.get(bac or "")
    share_bac = row.get(f"pct_{kind}") if kind else None
    position = _position(share_le, row.get("taux_acces"))
    return Standing(MENTION_LABELS[band], share_le, share_bac, position,
                    _sentence(position, band, share_le, kind, share_bac, row))


def position_by_band(row: dict) -> list[str]:
    """The position of a student of each mention band (MENTION_KEYS order) in one place: the suggestions
    compute it once per place when the catalogue loads, not per request."""
    return [_position(_share_with_lower_or_equal_mention(row, band), row.get("taux_acces"))
            for band in range(len(MENTION_KEYS))]


def _share_with_lower_or_equal_mention(row: dict, band: int) -> float | None:
    counts = [row.get(k) or 0 for k in MENTION_KEYS]
    total = sum(counts)
    return 100 * sum(counts[:band + 1]) / total if total else None


def _position(share_le: float | None, taux: float | None) -> str:
    if share_le is None:
        return "target" if taux is None or taux >= 30 else "reach"
    if share_le < 25 or (taux is not None and taux < 15 and share_le < 75):
        return "reach"
    if share_le >= 65 and (taux is None or taux >= 40):
        return "safe"
    return "target"


def _sentence(position: str, band: int, share_le: float | None, kind: str | None, share_bac: float | None,
              row: dict) -> str:
    mention = MENTION_LABELS[band]
    parts = []
    if share_le is not None:
        if share_le >= 1:
            parts.append(f"L'an dernier, {_pct(share_le)} des admis avaient une {mention} ou moins : "
                         if band else f"L'an dernier, {_pct(share_le)} des admis avaient eu leur bac sans mention : ")
        else:
            parts.append("Peu d'admis l'an dernier avaient ta mention, mais les notes ne font pas tout : "
                         "ta motivation et tes appréciations comptent aussi. ")
    if position == "safe":
        parts.append("ton profil ressemble à celui de la plupart des admis, tu as de bonnes chances.")
    elif position == "target":
        parts.append("tu es dans la course, tente ta chance !")
    else:
        parts.append("c'est un vœu ambitieux, et des élèves comme toi y entrent chaque année. "
                     "Ose-le, et garde à côté des vœux plus sûrs.")
    text = "".join(parts)
    text = text[0].upper() + text[1:]
    if kind and share_bac is not None:
        who = BAC_KIND_LABEL[kind]
        if share_bac >= 5:
            text += f" {_pct(share_bac)} des admis venaient d'{who} comme toi."
        else:
            text += (f" Peu d'admis venaient d'{who} ({_pct(share_bac)}) : renseigne-toi aux journées portes "
                     "ouvertes sur l'accompagnement proposé.")
    return text
