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
from mps.domain.profile.schema import ProfileDoc
from mps.domain.suggestions import signals
from mps.domain.suggestions.explain import explain, nearest_places
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.schemas import Suggestion
from mps.domain.suggestions.standing import where_you_stand

EARTH_KM = 6371.0088
BAC_REFERENCE = {"general": 35.0, "techno": 20.0, "pro": 30.0}  # % of admitted from which a formation fits fully
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


def nearest_distances(model: SuggestionModel, villes) -> list[float | None] | None:
    """Per formation, the distance (km) from the closest of the student's towns to its closest place."""
    if not villes:
        return None
    best = [math.inf] * len(model.coords)
    for v in villes:
        lat0, lon0 = math.radians(v.lat), math.radians(v.lon)
        c0 = math.cos(lat0)
        for k, (lat, lon) in enumerate(model.coords):  # equirectangular: exact enough to rank places
            d = EARTH_KM * math.sqrt(((lon - lon0) * c0) ** 2 + (lat - lat0) ** 2)
            if d < best[k]:
                best[k] = d
    get = best.__getitem__
    return [min(map(get, idxs)) if idxs else None for idxs in model.place_coords]


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
    return Context(profile, BAC_KIND.get(profile.bac or ""), topic, topic.scores(), stats, names,
                   signals.specialite_scores(model, stats), signals.favourite_scores(model, profile.favoris),
                   nearest_distances(model, profile.villes))


def score_all(model: SuggestionModel, ctx: Context) -> list[tuple[float, int]]:
    p = ctx.profile
    weights = {k: w for k, w, present in (("topic", WEIGHTS["topic"], bool(ctx.topic_scores)),
                                          ("spe", WEIGHTS["spe"], bool(ctx.spe_scores)),
                                          ("fav", WEIGHTS["fav"], bool(ctx.fav_scores))) if present}
    wsum = sum(weights.values())
    w_topic, w_spe, w_fav = (weights.get(k, 0.0) for k in ("topic", "spe", "fav"))
    fit = model.bac_fit[ctx.kind] if ctx.kind else None
    ref = BAC_REFERENCE.get(ctx.kind or "", 1.0)
    # « Pas intéressé » sets aside the diploma, with its apprenticeship and distance-learning variants.
    excluded = {model.diversity_key[model.index[f]] for f in p.corbeille if f in model.index}
    keys = model.diversity_key
    topic, spe, fav = ctx.topic_scores, ctx.spe_scores, ctx.fav_scores
    length_factor = {"courte": {"courte": 1.0, "longue": 0.45, "": 0.8},
                     "longue": {"longue": 1.0, "courte": 0.55, "": 0.8}}.get(p.duree or "")
    alt = {"tres_interesse": (1.3, 0.8), "interesse": (1.15, 1.0), "pas_interesse": (0.6, 1.0)}.get(p.alternance or "")
    near = ctx.nearest_km
    out = []
    for i in range(len(model.recs)):
        if keys[i] in excluded:
            continue
        if wsum:
            rel = (w_topic * topic.get(i, 0.0) + w_spe * spe.get(i, 0.0) + w_fav * fav.get(i, (0.0, 0))[0]) / wsum
            s = 0.15 * model.popularity[i] + 0.85 * rel
        else:
            s = model.popularity[i]
        if fit is not None:
            pct = fit[i]
            s *= 0.6 if pct is None else 0.15 + 0.85 * min(1.0, pct / ref)
        if length_factor:
            s *= length_factor[model.length[i]]
        if alt:
            s *= alt[0] if model.recs[i].apprenticeship else alt[1]
        if near is not None:
            s *= distance_factor(near[i])
        if model.niche[i]:
            s *= 0.75
        out.append((s, i))
    return out


def _reorder_by_moyenne(model: SuggestionModel, ctx: Context, head: list[tuple[float, int]], cat: Catalogue):
    p = ctx.profile
    if p.moyenne is None:
        return head
    out = []
    for s, i in head:
        places = model.recs[i].places
        if places:
            st = where_you_stand(places[0], p.bac, p.moyenne)
            if st is not None and st.position == "reach":
                s *= 0.9
        out.append((s, i))
    out.sort(key=lambda t: -t[0])
    return out


def best_variants(model: SuggestionModel, ranked: list[tuple[float, int]], n: int) -> list[tuple[float, int]]:
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
    chosen, keys, groups = [], set(), {}
    for s, i in ranked:
        key, group = model.diversity_key[i], model.recs[i].group_label
        if key in keys or groups.get(group, 0) >= PER_GROUP_PER_TEN * (1 + len(chosen) // 10):
            continue
        chosen.append((s, i))
        keys.add(key)
        groups[group] = groups.get(group, 0) + 1
        if len(chosen) == limit:
            break
    return chosen


def suggest(model: SuggestionModel, cat: Catalogue, profile: ProfileDoc, limit: int = 20,
            places_per_item: int = 5) -> list[Suggestion]:
    ctx = build_context(model, profile)
    ranked = score_all(model, ctx)
    ranked.sort(key=lambda t: -t[0])
    head = _reorder_by_moyenne(model, ctx, best_variants(model, ranked, HEAD), cat)
    out = []
    for s, i in pick_varied(model, head, limit):
        places = nearest_places(model.recs[i], profile.villes, places_per_item)
        f = model.recs[i]
        out.append(Suggestion(f.id, f.label, f.family, round(s, 4), explain(model, ctx, i, places), places))
    return out
