"""Ranked, varied, explained formation suggestions for one profile.

score = (0.15 · popularity + 0.85 · relevance) × bac fit × study length × alternance × distance × niche
        × (1 − 0.1 · share of its places that are a reach for the student's mention)
relevance = weighted mean of the signals the profile gives (topics 0.6, spécialités 0.4, favourites 0.3);
with no signal at all, popularity alone (so a profile is never left without suggestions).

Relevance floor: when the profile points somewhere, a formation must reach a third of the best relevance
(and 0.1): a narrow profile gets fewer, better suggestions rather than popular filler. Never fewer than five,
though: the floor then widens, first to whatever the profile points to at all (neighbouring domains), then to the
usual next steps for the bac, each such formation saying why (widen()).
Variety: one variant per diploma, and at most three diplomas per group ("BTS - Services") in each block
of ten. « Pas intéressé » sets the diploma aside with all its variants. Explanations are written for the
formations returned only.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from mps.domain.catalogue.index import Catalogue
from mps.domain.profile.referential import BAC_KIND
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions import profile_items, signals
from mps.domain.suggestions.explain import explain_all, shown_places
from mps.domain.suggestions.geo import coord_distances, distance_factor, nearest_km
from mps.domain.suggestions.fit import last_for_kind, static_factors
from mps.domain.suggestions.model import PairStats, SuggestionModel
from mps.domain.suggestions.schemas import Suggestion
from mps.domain.suggestions.series import load_series
from mps.domain.suggestions.standing import mention_band
from mps.lib.rounding import round_positive

WEIGHTS = {"topic": 0.6, "spe": 0.4, "fav": 0.3}
POPULARITY_SHARE = 0.15
RELEVANCE_FLOOR, MIN_RELEVANCE = 0.33, 0.1
REACH_PENALTY = 0.1
SPECIFIC_DISTANCE = 0.6  # see _distance()
PER_GROUP_PER_TEN = 3
COMEBACK = 1.5  # a capped diploma comes back when what would come instead scores 1.5 times less
HEAD = 300  # best variants considered for the varied list


@dataclass(slots=True, kw_only=True)
class Context:
    """Everything computed for one request, reused by the explanations."""

    profile: ProfileDoc
    kind: str | None
    items: dict[str, np.ndarray]  # profile item -> weight per formation
    spe_stats: PairStats | None
    spe_names: list[str]
    spe: np.ndarray | None
    fav: tuple[np.ndarray, np.ndarray] | None  # (similarity, favourite it resembles)
    coord_km: np.ndarray | None  # km from the nearest town to each distinct place coordinate
    coord_town: np.ndarray | None  # which of the student's towns that is
    family_scores: dict[str, float]  # spécialités-file family -> how much it stands for the student's pair
    place_penalty: Callable[[np.ndarray], np.ndarray] | None  # place positions -> km added to order them
    widened: dict[int, int] = field(default_factory=dict)  # formation -> the widening step that brought it (widen())


def build_context(model: SuggestionModel, profile: ProfileDoc) -> Context:
    n = len(model.recs)
    names = signals.stats_names(profile)
    stats = signals.pair_stats(model, names)
    families = signals.family_scores(model, stats)
    km, town = coord_distances(model.grid, profile.villes) or (None, None)
    return Context(profile=profile, kind=BAC_KIND.get(profile.bac or ""), items=profile_items.topic_items(model.topics, profile, n),
                   spe_stats=stats, spe_names=names, spe=signals.specialite_scores(model, families),
                   fav=signals.favourite_scores(model, profile.favoris),
                   coord_km=km, coord_town=town, family_scores=families,
                   place_penalty=_place_penalty(model, profile) if km is not None else None)


APPRENTICE_AHEAD_KM = 30.0  # for a student drawn to alternance, an apprentice place up to 30 km further comes first
OTHER_BAC_BEHIND_KM = 10_000.0  # a place reserved to other bacs ("Accès : bac STI2D") comes after all the others


def _place_penalty(model: SuggestionModel, profile: ProfileDoc) -> Callable[[np.ndarray], np.ndarray] | None:
    kind = BAC_KIND.get(profile.bac or "")
    alternance = profile.alternance in ("interesse", "tres_interesse")
    if not kind and not alternance:
        return None

    def penalty(positions: np.ndarray) -> np.ndarray:
        """km added to the places at these positions (in model.grid.place_coord's order)."""
        extra = np.where(model.place_bac_target[kind].take(positions) < 1.0, OTHER_BAC_BEHIND_KM, 0.0) if kind else 0.0
        if alternance:
            extra = extra + np.where(model.place_apprentice.take(positions), 0.0, APPRENTICE_AHEAD_KM)
        return extra
    return penalty


def relevance(model: SuggestionModel, ctx: Context) -> np.ndarray | None:
    """Weighted mean of the signals the profile gives, 0..1 per formation; None without any signal."""
    parts = [(WEIGHTS["topic"], profile_items.combine(ctx.items, len(model.recs)) if ctx.items else None),
             (WEIGHTS["spe"], ctx.spe), (WEIGHTS["fav"], ctx.fav[0] if ctx.fav else None)]
    parts = [(w, v) for w, v in parts if v is not None]
    if not parts:
        return None
    return sum(w * v for w, v in parts) / sum(w for w, _ in parts)


def score_all(model: SuggestionModel, ctx: Context, floor: float | None = None) -> np.ndarray:
    """One score per formation, 0 for what is set aside or under the relevance floor (see module docstring);
    `floor`: a lower one than the profile's (widen())."""
    p = ctx.profile
    serie = p.bac if p.bac in load_series() else None
    rel = relevance(model, ctx)
    if rel is None:
        scores = model.popularity.copy()
    else:
        scores = POPULARITY_SHARE * model.popularity + (1 - POPULARITY_SHARE) * rel
        if floor is None:
            floor = max(MIN_RELEVANCE, RELEVANCE_FLOOR * float(rel.max()))
        scores = np.where(rel >= floor, scores, 0.0)
    scores = scores * static_factors(model, ctx.kind, serie, p.duree, p.alternance)
    near = nearest_km(model.grid, ctx.coord_km, len(model.recs))
    if near is not None:
        scores = scores * _distance(ctx, distance_factor(near))
    if p.moyenne is not None:
        scores = scores * (1.0 - REACH_PENALTY * model.reach[:, mention_band(p.moyenne)])
    excluded = [model.diversity[model.index[f]] for f in p.corbeille if f in model.index]
    if excluded:
        aside = np.zeros(len(model.recs), dtype=bool)  # by diploma id (ids < formations): cheaper than np.isin
        aside[excluded] = True
        scores = np.where(aside.take(model.diversity), 0.0, scores)
    return scores


def _distance(ctx: Context, factor: np.ndarray) -> np.ndarray:
    """The distance factor, gentler for a formation that prepares for a métier the student named: its fit is
    worth a little more distance than a formation matching only a broad interest (factor ** (1 - 0.6 · match):
    0.42 at 105 km becomes 0.67 for a formation ONISEP files under the métier, 0.9)."""
    metiers = [v for k, v in ctx.items.items() if k.startswith("MET_")]
    if not metiers:
        return factor
    match = metiers[0] if len(metiers) == 1 else np.maximum.reduce(metiers)
    return factor ** (1.0 - SPECIFIC_DISTANCE * match)


def best_variants(model: SuggestionModel, scores: np.ndarray, n: int) -> list[tuple[float, int]]:
    """The best-scored variant of each diploma, n diplomas at most, best first."""
    kept = np.flatnonzero(scores > 0)  # sorted as it is, ties keep their order as in a sort of all scores
    order = kept[np.argsort(-scores[kept], kind="stable")]
    _, first = np.unique(model.diversity[order], return_index=True)
    keep = order[np.sort(first)][:n]
    return list(zip(scores[keep].tolist(), keep.tolist()))


MIN_SUGGESTIONS = 5  # a profile gets at least this many when the catalogue has them
WIDENED_TO = 10  # a widened list: the profile's own matches, then neighbours up to ten
WIDER_FLOORS = (1e-6, 0.0)  # anything the profile points to (neighbouring domains), then anything: the bac's usual
WIDENED_FACTOR = 0.5  # « moins proche de tes centres d'intérêt »: after an own match up to twice as weak (farther)


def widen(model: SuggestionModel, ctx: Context, scores: np.ndarray, ranked: list[tuple[float, int]],
          at_least: int = MIN_SUGGESTIONS) -> list[tuple[float, int]]:
    """`ranked` when it holds `at_least` diplomas; else it with the best diplomas under a lower floor, step by
    step, up to WIDENED_TO, at half their score (after the profile's own matches unless these are far), never one
    that comes last for the student's bac (fit.last_for_kind), and filed in ctx.widened (their explanation says
    « Moins proche de tes centres d'intérêt, mais… »)."""
    if len(ranked) >= at_least:
        return ranked
    last = last_for_kind(model, ctx.kind)
    taken = np.zeros(int(model.diversity.max()) + 1, dtype=bool)
    taken[model.diversity.take(np.array([i for _, i in ranked], dtype=np.int64))] = True
    out = list(ranked)
    for step, floor in enumerate(WIDER_FLOORS, start=1):
        wide = score_all(model, ctx, floor)
        wide = np.where((scores == 0) & ~last & ~taken.take(model.diversity), WIDENED_FACTOR * wide, 0.0)
        added = best_variants(model, wide, WIDENED_TO - len(out))
        for _, i in added:
            ctx.widened[i] = step
            taken[model.diversity[i]] = True
        out += added
        if len(out) >= at_least:
            break
    return sorted(out, key=lambda si: -si[0])


def pick_varied(model: SuggestionModel, ranked: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    """At most three diplomas per group ("BTS - Agricole") in each block of ten, unless what would come
    instead scores 1.5 times less (then the list would only be filled with weak matches)."""
    chosen, groups, deferred = [], {}, []
    group = dict(zip((i for _, i in ranked), model.group[[i for _, i in ranked]].tolist()))  # one numpy take

    def take(s, i):
        chosen.append((s, i))
        g = group[i]
        groups[g] = groups.get(g, 0) + 1

    for s, i in ranked:
        while deferred and deferred[0][0] > COMEBACK * s and len(chosen) < limit:
            take(*deferred.pop(0))
        if len(chosen) == limit:
            break
        if groups.get(group[i], 0) >= PER_GROUP_PER_TEN * (1 + len(chosen) // 10):
            deferred.append((s, i))
            continue
        take(s, i)
    while deferred and len(chosen) < limit:
        take(*deferred.pop(0))
    return chosen


def suggest(model: SuggestionModel, cat: Catalogue, profile: ProfileDoc, limit: int = 20,
            places_per_item: int = 5, at_least: int = MIN_SUGGESTIONS) -> list[Suggestion]:
    """`at_least`: how many the floor widens to (widen()); 0 for the profile's own matches only."""
    ctx = build_context(model, profile)
    scores = score_all(model, ctx)
    out = []
    picked = pick_varied(model, widen(model, ctx, scores, best_variants(model, scores, HEAD), at_least), limit)
    formations = [i for _, i in picked]
    shown = shown_places(model, ctx, formations, places_per_item)
    for (s, i), places, why in zip(picked, shown, explain_all(model, ctx, formations, shown)):
        f = model.recs[i]
        out.append(Suggestion(f.id, f.label, f.family, round_positive(s, 4), why, places.places, f.type_label))
    return out
