"""Ranked, varied, explained formation suggestions for one profile.

score = (0.15 · popularity + 0.85 · relevance) × bac fit × study length × alternance × distance × niche
relevance = weighted mean of the signals the profile gives (topics 0.6, spécialités 0.4, favourites 0.3);
with no signal at all, popularity alone (so a profile is never left without suggestions).
The moyenne only re-orders the head of the list (×0.9 on a reach), never excludes; « pas intéressé »
excludes. Then a greedy pass keeps the list varied: one variant of a diploma, and at most two per
group of formations (e.g. "BTS - Services") in each block of ten.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from mps.domain.catalogue.index import Catalogue
from mps.domain.profile.referential import BAC_KIND
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions import signals
from mps.domain.suggestions.explain import explain, nearest_places
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.schemas import Suggestion
from mps.domain.suggestions.standing import where_you_stand

EARTH_KM = 6371.0088
WEIGHTS = {"topic": 0.6, "spe": 0.4, "fav": 0.3}
PER_GROUP_PER_TEN = 2
HEAD = 300  # candidates re-ordered by the moyenne and thinned for variety


@dataclass
class Context:
    """Everything computed for one request, reused by the explanations."""

    profile: ProfileDoc
    kind: str | None
    topic: signals.TopicHits
    topic_scores: dict[int, float]
    spe_stats: object
    spe_names: list[str]
    spe_scores: dict[int, float]
    fav_scores: dict[int, tuple[float, int]]
    nearest_km: list[float | None] | None
    coord_km: list[float] | None


def coord_distances(model: SuggestionModel, villes) -> list[float] | None:
    """Distance (km) from the closest of the student's towns to every distinct place coordinate."""
    if not villes:
        return None
    best = None
    for v in villes:
        lat0, lon0 = math.radians(v.lat), math.radians(v.lon)
        c0 = math.cos(lat0)
        # Equirectangular: exact enough to rank and to say "12 km"; one list comprehension per town.
        d = [EARTH_KM * math.hypot((lon - lon0) * c0, lat - lat0) for lat, lon in model.coords]
        best = d if best is None else list(map(min, best, d))
    return best


def nearest_distances(model: SuggestionModel, coord_km: list[float] | None) -> list[float | None] | None:
    """Per formation, the distance (km) to its closest place."""
    if coord_km is None:
        return None
    get = coord_km.__getitem__
    return [(get(idxs[0]) if len(idxs) == 1 else min(map(get, idxs))) if idxs else None
            for idxs in model.place_coords]


def distance_factor(d: float | None) -> float:
    if d is None:
        return 0.3
    if d <= 30:
        return 1.0
    return max(0.06, 1.0 / (1.0 + ((d - 30) / 70) ** 2))


def build_context(model: SuggestionModel, profile: ProfileDoc) -> Context:
    topic = signals.topic_hits(model, profile)
    names = signals.stats_names(profile)
    stats = signals.pair_stats(model, names)
    coord_km = coord_distances(model, profile.villes)
    return Context(profile, BAC_KIND.get(profile.bac or ""), topic, topic.scores(), stats, names,
                   signals.specialite_scores(model, stats), signals.favourite_scores(model, profile.favoris),
                   nearest_distances(model, coord_km), coord_km)


def score_all(model: SuggestionModel, ctx: Context) -> list[float]:
    """One score per formation (0 for « pas intéressé »): see the module docstring for the formula."""
    p = ctx.profile
    parts = [(WEIGHTS["topic"], ctx.topic_scores), (WEIGHTS["spe"], ctx.spe_scores),
             (WEIGHTS["fav"], {i: v[0] for i, v in ctx.fav_scores.items()})]
    parts = [(w, scores) for w, scores in parts if scores]
    wsum = sum(w for w, _ in parts)
    if wsum:
        base = [0.15 * x for x in model.popularity]
        relevance: dict[int, float] = {}
        for w, scores in parts:
            for i, x in scores.items():
                relevance[i] = relevance.get(i, 0.0) + w * x
        for i, r in relevance.items():
            base[i] += 0.85 * r / wsum
    else:
        base = list(model.popularity)
    static = model.static_factors(ctx.kind, p.duree, p.alternance)
    if ctx.nearest_km is None:
        scores = [b * f for b, f in zip(base, static)]
    else:
        # distance_factor() inlined: this runs for every formation of every request.
        scores = [b * f * (0.3 if d is None else 1.0 if d <= 30 else max(0.06, 1.0 / (1.0 + ((d - 30) / 70) ** 2)))
                  for b, f, d in zip(base, static, ctx.nearest_km)]
    # « Pas intéressé » sets aside the diploma, with its apprenticeship and distance-learning variants.
    excluded = {model.diversity_key[model.index[f]] for f in p.corbeille if f in model.index}
    if excluded:
        for i, key in enumerate(model.diversity_key):
            if key in excluded:
                scores[i] = 0.0
    return scores


REORDER_WINDOW = 100  # a ×0.9 cannot bring anything from further down into the list shown


def _reorder_by_moyenne(model: SuggestionModel, ctx: Context, head: list[tuple[float, int]], cat: Catalogue):
    p = ctx.profile
    if p.moyenne is None:
        return head
    out = []
    for s, i in head[:REORDER_WINDOW]:
        places = model.recs[i].places
        if places:
            st = where_you_stand(places[0], p.bac, p.moyenne)
            if st is not None and st.position == "reach":
                s *= 0.9
        out.append((s, i))
    out.sort(key=lambda t: -t[0])
    return out + head[REORDER_WINDOW:]


def best_variants(model: SuggestionModel, ranked, n: int) -> list[tuple[float, int]]:
    """The best-scored variant of each diploma, n diplomas at most (a licence has dozens of variants)."""
    seen, out = set(), []
    for s, i in ranked:
        key = model.diversity_key[i]
        if key not in seen:
            seen.add(key)
            out.append((s, i))
            if len(out) == n:
                break
    return out


def pick_varied(model: SuggestionModel, ranked: list[tuple[float, int]], limit: int) -> list[tuple[float, int]]:
    """At most two diplomas per group ("BTS - Agricole") in each block of ten, unless what would come
    instead scores less than half as well (then the list would only be filled with weak matches)."""
    chosen, groups, deferred = [], {}, []

    def take(s, i):
        chosen.append((s, i))
        group = model.recs[i].group_label
        groups[group] = groups.get(group, 0) + 1

    for s, i in ranked:
        while deferred and deferred[0][0] > 2 * s and len(chosen) < limit:
            take(*deferred.pop(0))
        if len(chosen) == limit:
            break
        if groups.get(model.recs[i].group_label, 0) >= PER_GROUP_PER_TEN * (1 + len(chosen) // 10):
            deferred.append((s, i))
            continue
        take(s, i)
    while deferred and len(chosen) < limit:
        take(*deferred.pop(0))
    return chosen


def suggest(model: SuggestionModel, cat: Catalogue, profile: ProfileDoc, limit: int = 20,
            places_per_item: int = 5) -> list[Suggestion]:
    ctx = build_context(model, profile)
    scores = score_all(model, ctx)
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    ranked = ((scores[i], i) for i in order if scores[i] > 0)
    head = _reorder_by_moyenne(model, ctx, best_variants(model, ranked, HEAD), cat)
    out = []
    for s, i in pick_varied(model, head, limit):
        places = nearest_places(model, i, ctx.coord_km, profile.villes, places_per_item)
        f = model.recs[i]
        out.append(Suggestion(f.id, f.label, f.family, round(s, 4), explain(model, ctx, i, places), places))
    return out
