"""What the profile asks for, turned into sparse scores per formation (index in the model).

Each signal returns {formation index: score in 0..1}; explanations re-read the same tables.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from itertools import combinations

from mps.domain.profile.referential import load_referential, stats_name
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions import rules
from mps.domain.suggestions.model import PairStats, SuggestionModel

# General spécialité (short name of the spécialités file) -> sub-domains it points to.
SPECIALITE_DOMAINS = {
    "Maths": ("dom33",), "Physique-Chimie": ("dom35",), "SVT": ("dom30", "dom36"), "SES": ("dom42", "dom13"),
    "NSI": ("dom32",), "SI": ("dom34", "dom31"), "HGGSP": ("dom39", "dom16"), "HLP": ("dom40", "dom23"),
    "LLCER": ("dom23",), "LLCA": ("dom23", "dom39"), "Biologie-Ecologie": ("dom30", "dom1"), "EPPCS": ("dom25",),
    "Art": ("dom5", "dom4", "dom6"),
}
SIBLING_DOMAIN = 0.35  # a sub-domain of the same professional domain ("Élevage" -> "Agriculture - forêt")
DOMAIN_HIT, INTEREST_DIRECT, INTEREST_LINKED, METIER_NAMED, METIER_DOMAIN, SPECIALITE_DOMAIN = 1.0, 1.0, 0.45, 1.0, 0.7, 0.5


class TopicHits:
    """For each profile item (ci…, dom…, MET_…, spe:…), the best weight it gives each formation."""

    def __init__(self):
        self.items: dict[str, dict[int, float]] = {}

    def add_many(self, item: str, indices, weight: float) -> None:
        known = self.items.setdefault(item, {})
        get = known.get
        for i in indices:
            if get(i, 0.0) < weight:
                known[i] = weight

    def of(self, i: int) -> dict[str, float]:
        return {item: w[i] for item, w in self.items.items() if i in w}

    def scores(self) -> dict[int, float]:
        """The best item counts fully, each other one a quarter (several reasons add up, capped at 1)."""
        best: dict[int, float] = {}
        total: dict[int, float] = {}
        for weights in self.items.values():
            for i, w in weights.items():
                b = best.get(i)
                if b is None:
                    best[i] = total[i] = w
                else:
                    total[i] += w
                    if w > b:
                        best[i] = w
        return {i: min(1.0, b + 0.25 * (total[i] - b)) for i, b in best.items()}


@lru_cache(maxsize=1)
def _sibling_domains() -> dict[str, tuple[str, ...]]:
    out = {}
    for _, items in load_referential().domain_groups:
        ids = [d for d, _ in items]
        for d in ids:
            out[d] = tuple(x for x in ids if x != d)
    return out


def stats_names(profile: ProfileDoc) -> list[str]:
    return list(dict.fromkeys(n for n in (stats_name(s) for s in profile.specialites) if n))


def topic_hits(model: SuggestionModel, profile: ProfileDoc) -> TopicHits:
    t = TopicHits()
    members = model.dom_members
    siblings = _sibling_domains()
    for d in profile.domaines:
        t.add_many(d, members.get(d, ()), DOMAIN_HIT)
        for other in siblings.get(d, ()):
            t.add_many(d, members.get(other, ()), SIBLING_DOMAIN)
    for ci in profile.interets:
        t.add_many(ci, model.interest_direct.get(ci, ()), INTEREST_DIRECT)
        for d in rules.INTEREST_LINKS.get(ci, ((), ()))[0]:
            t.add_many(ci, members.get(d, ()), INTEREST_LINKED)
    for mid in profile.metiers:
        info = model.metiers.get(mid)
        if info is None:
            continue
        for p in info.prefixes:
            t.add_many(mid, model.prefix_members.get(p, ()), METIER_NAMED)
        if info.domains:
            weights: dict[float, list[int]] = defaultdict(list)
            for i in {i for d in info.domains for i in members.get(d, ())}:
                weights[len(model.domains[i] & info.domains) / len(info.domains)].append(i)
            for share, indices in weights.items():
                t.add_many(mid, indices, METIER_DOMAIN * share)
    for spe in profile.specialites:
        doms = rules.TECHNO_SPECIALITE_DOMAINS.get(spe) or SPECIALITE_DOMAINS.get(stats_name(spe) or "", ())
        for d in doms:
            t.add_many("spe:" + spe, members.get(d, ()), SPECIALITE_DOMAIN)
    return t


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


def specialite_scores(model: SuggestionModel, stats: PairStats | None) -> dict[int, float]:
    """Share of students with these spécialités who went to the formation's family, the top family = 1."""
    if stats is None or not stats.total:
        return {}
    best = max(stats.accepted.values(), default=0)
    if not best:
        return {}
    out: dict[int, float] = {}
    for fam, n in stats.accepted.items():
        score = n / best
        for i in model.family_members.get(fam, ()):
            if score > out.get(i, 0.0):
                out[i] = score
    return out


def favourite_scores(model: SuggestionModel, favoris: list[str]) -> dict[int, tuple[float, int]]:
    """Formations like the favourites: {index: (similarity, index of the favourite it resembles)}."""
    out: dict[int, tuple[float, int]] = {}
    for fid in favoris:
        j = model.index.get(fid)
        if j is None:
            continue
        fav, fav_doms = model.recs[j], model.domains[j]
        candidates = {i for d in fav_doms for i in model.dom_members.get(d, ())}
        for i in candidates:
            shared = len(model.domains[i] & fav_doms) / len(model.domains[i] | fav_doms)
            same_group = model.recs[i].group_label == fav.group_label
            sim = (0.5 if same_group else 0.2) + 0.5 * shared
            if model.diversity_key[i] == model.diversity_key[j]:
                sim = 1.0
            if sim > out.get(i, (0.0, j))[0]:
                out[i] = (sim, j)
    return out
