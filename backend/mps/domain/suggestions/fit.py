"""How well a formation fits the student's bac, série, study length and alternance: factors per formation.

Computed once per catalogue (bac fit, reserved variants, reach by mention band) and, per combination of
(bac kind, série, study length, alternance), multiplied once and cached on the model: a request reads one
array instead of testing each formation.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from mps.domain.catalogue.index import FormationRec
from mps.domain.suggestions.standing import MENTION_KEYS, position_by_band
from mps.lib.text import fold

if TYPE_CHECKING:
    from mps.domain.suggestions.model import SuggestionModel

BAC_REFERENCE = {"general": 35.0, "techno": 20.0, "pro": 30.0}  # % of admitted from which a formation fits fully
LENGTH_FACTOR = {"courte": (0.8, 1.0, 0.45), "longue": (0.8, 0.55, 1.0)}  # by LENGTH_CODE: "", courte, longue
ALTERNANCE_FACTOR = {"tres_interesse": (1.3, 0.8), "interesse": (1.15, 1.0), "pas_interesse": (0.6, 1.0)}  # (apprenti, other)
NICHE_FACTOR = 0.75
ALMOST_NONE, ALMOST_NONE_FACTOR = 1.0, 0.05  # under 1 % of admits from the student's bac kind: last, not hidden
UNKNOWN_FIT = 0.6  # no admitted figure for any place (a new formation, an FCIL): unknown, neither good nor « < 1 % »
OTHER_SERIE_FACTOR = 0.6  # techno admits of a formation outside the série's fields mostly came from other séries
FOR_THIS_BAC, NOT_FOR_THIS_BAC = 1.15, 0.35  # variants reserved to the student's bac kind, to other kinds
# Bac kind -> families where its students almost never succeed, whatever the share of admits says: a licence
# admits every applicant (non-selective), yet fewer than one bac pro student in ten gets it in three or four years
# (MESR-SIES, « Parcours et réussite en licence »), and the CPGE programmes build on the maths of a bac général or
# technologique, as do the écoles d'ingénieurs. They come after every other formation, even those admitting almost
# none of that kind (HARD_FACTOR < ALMOST_NONE_FACTOR), except a variant reserved to it ("... destinée aux bacs
# professionnels").
HARD_FOR_KIND = {"pro": ("Licence", "Licence_Las", "PASS", "CPGE", "Ecole d'Ingénieur")}
HARD_FACTOR = 0.02
# Variants reserved to one kind of bac ("destinée aux bacs professionnels", "Bac STI2D", "Série générale").
BAC_TARGETS = {
    "pro": re.compile(r"\bbac(?:s|heliers?)? pro(?:s|fessionnels?)?\b"),
    "techno": re.compile(r"\b(?:bacs?|voie d acces bac) techno(?:logiques?)?\b|\b(?:sti2d|stl|stav|stmg|st2s|std2a|sthr)\b"
                         r"|autres series"),
    "general": re.compile(r"\bseries? generales?\b|\bbacs? generale?s?\b|\bbacs? generaux\b"),
}


def _reserved_factor(text: str) -> dict[str, float]:
    """Per bac kind, the factor of a place or variant whose text may reserve it ("Accès : bac STI2D",
    "en 3 ans, destinée aux bacs professionnels"): 1.15 for the kinds named, 0.35 for the others, 1 if open."""
    found = {k: bool(p.search(text)) for k, p in BAC_TARGETS.items()}
    if not any(found.values()):
        return dict.fromkeys(BAC_TARGETS, 1.0)
    return {k: FOR_THIS_BAC if hit else NOT_FOR_THIS_BAC for k, hit in found.items()}


def detail_start(f: FormationRec) -> int:
    """Where the detail label starts in the label, whatever its case (« génie des équipements agricoles » in
    « BTS - Agricole - Génie des équipements agricoles »); -1 when the label does not hold it."""
    return f.label.lower().find(f.detail_label.lower()) if f.detail_label else -1


def bac_targets(recs: list[FormationRec]) -> tuple[dict[str, np.ndarray], dict[str, list[np.ndarray]]]:
    """Factors for places and formations reserved to some bac kinds. A place reserved to other kinds is
    shown after the open ones; a formation whose places are all reserved to other kinds counts less, and
    a variant named for a kind ("... destinée aux bacs professionnels") goes to that kind."""
    formation = {k: np.ones(len(recs)) for k in BAC_TARGETS}
    places = {k: [] for k in BAC_TARGETS}
    for i, f in enumerate(recs):
        at = detail_start(f)
        variant = _reserved_factor(fold(f.label[at + len(f.detail_label):] if at >= 0 else f.label))
        per_place = [_reserved_factor(fold(p.option)) for p in f.places] or [dict.fromkeys(BAC_TARGETS, 1.0)]
        for k in BAC_TARGETS:
            values = np.array([x[k] for x in per_place])
            places[k].append(values)
            formation[k][i] = variant[k] * min(1.0, values.max())  # one welcoming place never lifts the rest
    return formation, places


def reach_by_band(recs: list[FormationRec]) -> np.ndarray:
    """Share of each formation's places where a student of each mention band would be reaching."""
    out = np.zeros((len(recs), len(MENTION_KEYS)), dtype=np.float32)
    for i, f in enumerate(recs):
        if f.places:
            out[i] = np.mean([[pos == "reach" for pos in position_by_band(p.row)] for p in f.places], axis=0)
    return out


def bac_fit_by_diploma(recs: list[FormationRec], diversity: np.ndarray) -> dict[str, np.ndarray]:
    """% of admitted néo-bacheliers of each bac kind, over all the places of all variants of a diploma.

    Per variant the figures are noisy (a licence parcours with 12 students); the diploma is what the
    student chooses first, so its variants share one figure.
    """
    k = int(diversity.max()) + 1 if len(diversity) else 0
    out = {}
    for kind in ("general", "techno", "pro"):
        num, den = np.zeros(k), np.zeros(k)
        for i, f in enumerate(recs):
            for p in f.places:
                w, v = p.row.get("admitted_neo") or 0, p.row.get(f"pct_{kind}")
                if w and v is not None:
                    num[diversity[i]] += w * v
                    den[diversity[i]] += w
        with np.errstate(invalid="ignore", divide="ignore"):
            out[kind] = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)[diversity]
    return out


def static_factors(m: "SuggestionModel", kind: str | None, serie: str | None, duree: str | None,
                   alternance: str | None) -> np.ndarray:
    """Product of the factors that depend only on bac kind and série, study length and alternance
    (few combinations: cached on the model)."""
    key = (kind, serie, duree, alternance)
    found = m._factors.get(key)
    if found is None:
        found = m._factors[key] = _static_factors(m, kind, serie, duree, alternance)
    return found


def hard_for_kind(m: "SuggestionModel", kind: str | None) -> np.ndarray:
    """Per formation, whether it is in HARD_FOR_KIND for this bac kind (and not a variant reserved to it); cached."""
    found = m._factors.get(("hard", kind))
    if found is None:
        families = HARD_FOR_KIND.get(kind or "", ())
        found = np.array([f.family in families for f in m.recs], dtype=bool)
        if families:
            found &= m.bac_target[kind] <= 1.0
        found.setflags(write=False)
        m._factors[("hard", kind)] = found
    return found


def last_for_kind(m: "SuggestionModel", kind: str | None) -> np.ndarray:
    """Per formation, whether it comes last for this bac kind: hardly any admits of that kind (ALMOST_NONE) or a
    family in HARD_FOR_KIND. Such a formation is shown, but does not count as a real choice (engine.widen); cached."""
    found = m._factors.get(("last", kind))
    if found is None:
        found = np.zeros(len(m.recs), dtype=bool)
        if kind in m.bac_fit:
            found = almost_none(m.bac_fit[kind]) | hard_for_kind(m, kind)  # as _static_factors reads it
        found.setflags(write=False)
        m._factors[("last", kind)] = found
    return found


def almost_none(pct: np.ndarray) -> np.ndarray:
    """Per formation, whether a known share of admits from the bac kind is under ALMOST_NONE; an unknown one
    (NaN) is not: nothing says students like them are not admitted."""
    with np.errstate(invalid="ignore"):
        return pct < ALMOST_NONE  # NaN compares False


def _static_factors(m: "SuggestionModel", kind, serie, duree, alternance) -> np.ndarray:
    x = np.where(m.niche, NICHE_FACTOR, 1.0)
    if kind in m.bac_fit:
        pct = m.bac_fit[kind]
        known = np.nan_to_num(pct)
        fit = np.where(np.isnan(pct), UNKNOWN_FIT, 0.15 + 0.85 * np.minimum(1.0, known / BAC_REFERENCE[kind]))
        fit = np.where(almost_none(pct), np.minimum(fit, ALMOST_NONE_FACTOR), fit)
        if kind in HARD_FOR_KIND:
            fit = np.where(hard_for_kind(m, kind), np.minimum(fit, HARD_FACTOR), fit)
        if kind == "techno" and serie in m.topics.serie_fit:
            t = m.topics
            others = np.logical_or.reduce([t.serie_voie[s] for s in t.serie_voie if s != serie] or [np.zeros_like(x, bool)])
            fit = np.where(t.serie_fit[serie] & ~(others & ~t.serie_voie[serie]), fit, fit * OTHER_SERIE_FACTOR)
        x = x * fit * m.bac_target[kind]
    if duree in LENGTH_FACTOR:
        x = x * np.asarray(LENGTH_FACTOR[duree])[m.length]
    if alternance in ALTERNANCE_FACTOR:
        app, other = ALTERNANCE_FACTOR[alternance]
        x = x * np.where(m.apprenticeship, app, other)
    x.setflags(write=False)
    return x
