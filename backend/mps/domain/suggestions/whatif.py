"""« Et si… » for seconde students: which pairs of spécialités open the families they are drawn to.

For every pair of the Parcoursup spécialités file, the families its students went to (share of the
pair's students who accepted a proposal there), weighted by how well each family matches the
student's interests, domains and métiers. Without any interest, the pairs that open the most varied
paths come first.
"""
from __future__ import annotations

import numpy as np

from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions import profile_items
from mps.domain.suggestions.explain import family_phrase, fr_int, pair_label
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.schemas import FamilyOpening, PairOpening

MIN_STUDENTS = 300  # pairs chosen by too few students give shaky shares
FAMILIES_SHOWN = 3


def family_relevance(model: SuggestionModel, profile: ProfileDoc) -> dict[str, float]:
    """Mean topic score of each family's formations (1 for every family when the profile has no topic)."""
    n = len(model.recs)
    items = profile_items.topic_items(model.topics, profile, n)
    if not items:
        return {fam: 1.0 for fam in model.family_index}
    score = profile_items.combine(items, n)
    sizes = model.family_matrix.sum(axis=1)
    means = (model.family_matrix @ score) / np.maximum(sizes, 1)
    return {fam: float(means[k]) for fam, k in model.family_index.items()}


def what_if(model: SuggestionModel, profile: ProfileDoc, limit: int = 5) -> list[PairOpening]:
    relevance = family_relevance(model, profile)
    ranked = []
    for pair, stats in model.pairs.items():
        if len(pair) != 2 or stats.total < MIN_STUDENTS:
            continue
        weighted = sorted(((n / stats.total * relevance.get(fam, 0.0), fam, n) for fam, n in stats.accepted.items()),
                          reverse=True)
        top = [w for w in weighted if w[0] > 0][:FAMILIES_SHOWN]
        if not top:
            continue
        score = sum(w for w, _, _ in weighted[:FAMILIES_SHOWN])
        ranked.append((score, sorted(pair), stats, top))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    out = []
    for _, names, stats, top in ranked[:limit]:
        families = [FamilyOpening(fam, n, round(100 * n / stats.total, 1)) for _, fam, n in top]
        parts = [f"{round(f.share)}\u00a0% vers {family_phrase(f.family)}" for f in families]
        text = (f"Avec {pair_label(names)}, sur {fr_int(stats.total)} élèves du bac {stats.year} : "
                + ", ".join(parts) + ".")
        out.append(PairOpening(names, pair_label(names), stats.year, families, text))
    return out
