"""The profile's spécialités and favourites, turned into one score per formation (numpy arrays, 0..1)."""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import numpy as np

from mps.domain.profile.referential import stats_name
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions.model import PairStats, SuggestionModel

LIFT_FULL = 3.0  # a family chosen 3 times more often by this pair than by all students counts fully


def stats_names(profile: ProfileDoc) -> list[str]:
    return list(dict.fromkeys(n for n in (stats_name(s) for s in profile.specialites) if n))


def pair_stats(model: SuggestionModel, names: list[str]) -> PairStats | None:
    """Figures for the student's spécialités: their pair, the 3 pairs of a première trio, or one alone."""
    if not names:
        return None
    if len(names) == 1:
        return model.single_stats.get(names[0])
    found = [model.pairs[frozenset(c)] for c in combinations(names, 2) if frozenset(c) in model.pairs]
    if not found:
        return None
    if len(found) == 1:
        return found[0]
    agg = PairStats(max(s.year for s in found), sum(s.total for s in found), defaultdict(int))
    for s in found:
        for fam, n in s.accepted.items():
            agg.accepted[fam] += n
    return agg


def family_scores(model: SuggestionModel, stats: PairStats | None) -> dict[str, float]:
    """How much each family stands for these spécialités: half how often their students chose it (the most
    chosen = 1), half how much more often than all students did (×3 or more = 1). The second half is what
    brings a smaller, typical family forward: Sciences Po for SES-HGGSP, prépa BCPST for SVT-PC."""
    everyone = model.all_students
    if stats is None or not stats.total or not everyone.total:
        return {}
    best = max(stats.accepted.values(), default=0)
    if not best:
        return {}
    out = {}
    for fam, n in stats.accepted.items():
        base = everyone.accepted.get(fam, 0) / everyone.total
        lift = (n / stats.total) / base if base else 0.0
        out[fam] = 0.5 * n / best + 0.5 * min(1.0, max(0.0, (lift - 1.0) / (LIFT_FULL - 1.0)))
    return out


def specialite_scores(model: SuggestionModel, scores: dict[str, float]) -> np.ndarray | None:
    """Each formation takes the score of the best family it belongs to."""
    if not any(v > 0 for v in scores.values()):
        return None
    by_family = np.zeros(len(model.family_index) + 1, dtype=np.float32)  # the last one: "no family" (-1)
    for fam, v in scores.items():
        k = model.family_index.get(fam)
        if k is not None:
            by_family[k] = v
    return by_family[model.family_of].max(axis=1)


def favourite_scores(model: SuggestionModel, favoris: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """Formations like the favourites: (similarity, index of the favourite each one resembles most)."""
    favs = [model.index[f] for f in favoris if f in model.index]
    if not favs:
        return None
    dom, sd = model.topics.dom_matrix, model.topics.sd_matrix
    sizes = model.topics.dom_sizes
    best = np.zeros(len(model.recs), dtype=np.float32)
    which = np.full(len(model.recs), -1, dtype=np.int64)
    for j in favs:
        # Only formations sharing a domain with the favourite can resemble it: work on those (a few hundred).
        inter = dom[np.flatnonzero(dom[:, j])].sum(axis=0)
        cand = np.flatnonzero((inter > 0) | (model.diversity == model.diversity[j]))
        inter = inter[cand]
        union = sizes[cand] + sizes[j] - inter
        shared = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        rows = np.flatnonzero(sd[:, j])
        if len(rows):  # the finer ONISEP filing when the favourite has one
            shared = np.maximum(shared, sd[rows, j] @ sd[np.ix_(rows, cand)])
        sim = np.where(model.group[cand] == model.group[j], 0.5, 0.2) + 0.5 * shared
        sim[model.diversity[cand] == model.diversity[j]] = 1.0
        better = sim > best[cand]
        best[cand[better]] = sim[better]
        which[cand[better]] = j
    return best, which
