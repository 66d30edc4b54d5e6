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
from mps.domain.vocabulary import ACCESS_RATE_REACH, ACCESS_RATE_SAFE

# Admitted counts per mention, lowest first.
MENTION_KEYS = ("mention_none", "mention_ab", "mention_b", "mention_tb", "mention_tbf")
# From this share of candidates like them getting a proposal, a place is never « ambitieux » for a student.
MOST = 50
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
    return f"{round(value)}\u00a0%"


def kind_access(row: dict, bac: str | None) -> float | None:
    """% of last year's terminale candidates of the student's bac kind who were in a position to get a
    proposal (Parcoursup's « part des terminales … »): their own taux d'accès, when the data has it."""
    kind = BAC_KIND.get(bac or "")
    return row.get(f"share_proposals_{kind}") if kind else None


def access_for(row: dict, bac: str | None) -> float | None:
    """The chance figure that fits the student: their bac kind's share of proposals, else the taux d'accès."""
    own = kind_access(row, bac)
    return own if own is not None else row.get("taux_acces")


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
    position = _position(share_le, access_for(row, bac), own_kind=kind_access(row, bac) is not None)
    return Standing(MENTION_LABELS[band], share_le, share_bac, position,
                    _sentence(position, band, share_le, kind, share_bac, kind_access(row, bac)))


def position_by_band(row: dict) -> list[str]:
    """The position of a student of each mention band (MENTION_KEYS order) in one place, bac kind unknown:
    the suggestions compute it once per place when the catalogue loads, not per request."""
    return [_position(_share_with_lower_or_equal_mention(row, band), row.get("taux_acces"))
            for band in range(len(MENTION_KEYS))]


def _share_with_lower_or_equal_mention(row: dict, band: int) -> float | None:
    counts = [row.get(k) or 0 for k in MENTION_KEYS]
    total = sum(counts)
    return 100 * sum(counts[:band + 1]) / total if total else None


def _position(share_le: float | None, access: float | None, own_kind: bool = False) -> str:
    """`access`: the chance figure of students like them (access_for; `own_kind`: of their own bac kind).
    Where most of them got a proposal (half or more) and at least 1 admitted in 10 had their mention or
    lower, it is not a reach: the
    mentions of the admitted mix every bac kind, the access rate is the chance itself."""
    if share_le is None:
        return "target" if access is None or access >= ACCESS_RATE_REACH else "reach"
    if own_kind:  # the chance of candidates of their own bac kind: it leads, their mention tempers it
        if access < ACCESS_RATE_REACH or share_le < 10:
            return "reach"
        if (access >= ACCESS_RATE_SAFE and share_le >= 25) or (access >= MOST and share_le >= 50):
            return "safe"
        return "target"
    if access is not None and access >= MOST and share_le >= 10:
        return "safe" if share_le >= 50 or (access >= ACCESS_RATE_SAFE and share_le >= 25) else "target"
    if share_le < 25 or (access is not None and access < 15 and share_le < 75):
        return "reach"
    if share_le >= 65 and (access is None or access >= 40):
        return "safe"
    return "target"


def _out_of_ten(share: float) -> int:
    return min(10, max(0, round(share / 10)))


def _mention_words(band: int, share_le: float) -> str:
    """« sur 10 admis, 3 avaient … » reads better than « 30 % des admis avaient une mention bien ou moins »."""
    n = _out_of_ten(share_le)
    if share_le < 5:
        return ("Peu d'admis l'an dernier avaient une mention comme la tienne ou plus basse, mais les notes ne font "
                "pas tout : ta motivation et tes appréciations comptent aussi. ")
    if band == 0:
        like = "avaient eu leur bac sans mention, comme ta moyenne l'annonce"
    else:
        like = f"avaient une mention comme la tienne ({MENTION_LABELS[band]}) ou plus basse"
    if n >= 10:
        return f"L'an dernier, presque tous les admis {like} : "
    verb = like if n > 1 else like.replace("avaient", "avait", 1).replace("leur bac", "son bac")
    return f"L'an dernier, sur 10 admis, {n} {verb} : "


def _sentence(position: str, band: int, share_le: float | None, kind: str | None, share_bac: float | None,
              own_access: float | None) -> str:
    parts = [_mention_words(band, share_le)] if share_le is not None else []
    if position == "safe":
        parts.append("ton profil ressemble à celui de la plupart des admis, tu as de bonnes chances.")
    elif position == "target":
        parts.append("tu es dans la course, tente ta chance !")
    else:
        parts.append("c'est un vœu ambitieux, et des élèves comme toi y entrent chaque année. "
                     "Ose-le, et garde à côté des vœux plus sûrs.")
    text = "".join(parts)
    text = text[0].upper() + text[1:]
    if kind and own_access is not None:
        n = _out_of_ten(own_access)
        who = BAC_KIND_LABEL[kind].replace("un bac", "bac", 1)
        text += (f" Parmi les candidats de {who}, {n} sur 10 {'ont' if n > 1 else 'a'} pu recevoir une proposition." if n
                 else f" Peu de candidats de {who} ont pu recevoir une proposition.")
    if kind and share_bac is not None:
        who = BAC_KIND_LABEL[kind]
        if share_bac >= 5:
            text += f" {_pct(share_bac)} des admis venaient d'{who} comme toi."
        else:
            text += (f" Peu d'admis venaient d'{who} ({_pct(share_bac)}) : renseigne-toi aux journées portes "
                     "ouvertes sur l'accompagnement proposé.")
    return text
