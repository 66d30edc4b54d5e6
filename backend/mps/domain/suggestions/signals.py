"""What the profile asks for, turned into sparse scores per formation (index in the model).

Each signal returns {formation index: score in 0..1}; explanations re-read the same tables.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from mps.domain.profile.referential import stats_name
from mps.domain.profile.schema import ProfileDoc
from mps.domain.suggestions import rules
from mps.domain.suggestions.model import PairStats, SuggestionModel

# General spécialité (short name of the spécialités file) -> sub-domains it points to.
SPECIALITE_DOMAINS = {
    "Maths": ("dom33",), "Physique-Chimie": ("dom35",), "SVT": ("dom30", "dom36"), "SES": ("dom42", "dom13"),
    "NSI": ("dom32",), "SI": ("dom34", "dom31"), "HGGSP": ("dom39", "dom16"), "HLP": ("dom40", "dom23"),
    "LLCER": ("dom23",), "LLCA": ("dom23", "dom39"), "Biologie-Ecologie": ("dom30", "dom1"), "EPPCS": ("dom25",),
    "Art": ("dom5", "dom4", "dom6"),
}
DOMAIN_HIT, INTEREST_DIRECT, INTEREST_LINKED, METIER_NAMED, METIER_DOMAIN, SPECIALITE_DOMAIN = 1.0, 1.0, 0.45, 1.0, 0.7, 0.5


@dataclass
class TopicHits:
    """Per formation, the best weight of each profile item that points to it."""

    hits: dict[int, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, i: int, item: str, weight: float) -> None:
        known = self.hits[i]
        if weight > known.get(item, 0.0):
            known[item] = weight

    def scores(self) -> dict[int, float]:
        out = {}
        for i, items in self.hits.items():
            values = sorted(items.values(), reverse=True)
            out[i] = min(1.0, values[0] + 0.25 * sum(values[1:]))
        return out


def stats_names(profile: ProfileDoc) -> list[str]:
    return list(dict.fromkeys(n for n in (stats_name(s) for s in profile.specialites) if n))


def topic_hits(model: SuggestionModel, profile: ProfileDoc) -> TopicHits:
    t = TopicHits()
    for d in profile.domaines:
        for i in model.dom_members.get(d, ()):
            t.add(i, d, DOMAIN_HIT)
    for ci in profile.interets:
        direct = model.interest_direct.get(ci, set())
        for i in direct:
            t.add(i, ci, INTEREST_DIRECT)
        for d in rules.INTEREST_LINKS.get(ci, ((), ()))[0]:
            for i in model.dom_members.get(d, ()):
                t.add(i, ci, INTEREST_LINKED)
    for mid in profile.metiers:
        info = model.metiers.get(mid)
        if info is None:
            continue
        for p in info.prefixes:
            for i in model.prefix_members.get(p, ()):
                t.add(i, mid, METIER_NAMED)
        if info.domains:
            touched = {i for d in info.domains for i in model.dom_members.get(d, ())}
            for i in touched:
                share = len(model.domains[i] & info.domains) / len(info.domains)
                t.add(i, mid, METIER_DOMAIN * share)
    for spe in profile.specialites:
        doms = rules.TECHNO_SPECIALITE_DOMAINS.get(spe) or SPECIALITE_DOMAINS.get(stats_name(spe) or "", ())
        for d in doms:
            for i in model.dom_members.get(d, ()):
                t.add(i, "spe:" + spe, SPECIALITE_DOMAIN)
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
