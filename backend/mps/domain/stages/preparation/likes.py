"""What the student liked during the stage -> what they may add to their profile (interests, domains,
métiers they keep in mind), which the suggestions read.

Proposals come from general rules, each saying why: the stage's sector and its domains
(data/stages/secteurs-domaines.json), the words of « ce qui t'a plu » matched against the referential's
names and the suggestions' own link tables (suggestions/rules.py: DOMAIN_WORDS, INTEREST_LINKS), and the
métiers the student named, looked up in the ONISEP métiers. Nothing is added without the student ticking it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from mps.domain.profile.referential import Referential
from mps.domain.profile.schemas import MAX_ITEMS
from mps.domain.suggestions import rules
from mps.domain.stages.preparation.report import split_metiers
from mps.lib.text import fold

METIERS_PER_NAME = 2


@dataclass(frozen=True)
class Proposal:
    kind: str  # interets | domaines | metiers (the profile's field)
    id: str  # ci…, dom…, MET_…
    label: str
    why: str
    held: bool = False  # already in the profile

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}"


@lru_cache(maxsize=1)
def _patterns():
    interests = {ci: rules.word_pattern(words) for ci, (_, words) in rules.INTEREST_LINKS.items() if words}
    return rules.domain_patterns(), interests


def _first_match(pattern, text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0) if m else None


def _metier_matches(metiers: dict, name: str) -> list:
    """Métiers whose name holds every word the student wrote: whole words first, then the shortest names."""
    words = fold(name).split()
    if not words:
        return []
    found = [m for m in metiers.values() if all(w in fold(m.label) for w in words)]
    found.sort(key=lambda m: (not all(w in fold(m.label).split() for w in words), len(m.label), m.label))
    return found[:METIERS_PER_NAME]


def propose(*, liked: str, metiers_text: str, sector: str | None, sector_label: str, sector_domains: frozenset[str],
            ref: Referential, metiers: dict, profile) -> list[Proposal]:
    """Interests, domains and métiers to offer, each once, in the order: métiers, domains, interests."""
    domain_patterns, interest_patterns = _patterns()
    text = f" {fold(liked)} "
    held = {"interets": set(profile.interets), "domaines": set(profile.domaines), "metiers": set(profile.metiers)}
    out: dict[str, Proposal] = {}

    def add(kind: str, pid: str, label: str, why: str) -> None:
        p = Proposal(kind, pid, label, why, pid in held[kind])
        out.setdefault(p.key, p)

    for name in split_metiers(metiers_text):
        for m in _metier_matches(metiers, name):
            add("metiers", m.id, m.label, f"Tu as vu « {name} » pendant ton stage.")
    for dom in sorted(sector_domains & set(ref.domains), key=lambda d: ref.domains[d]):
        add("domaines", dom, ref.domains[dom], f"Ton stage était dans le secteur « {sector_label} ».")
    for dom, pattern in domain_patterns.items():
        word = _first_match(pattern, text) if dom in ref.domains else None
        if word:
            add("domaines", dom, ref.domains[dom], f"Tu as écrit « {word.strip()} » dans ce qui t'a plu.")
    for kind, names in (("interets", ref.interests), ("domaines", ref.domains)):
        for pid, name in names.items():  # the referential's own words, written as such (« Cuisiner »)
            if f" {fold(name)} " in text:
                add(kind, pid, name, f"Tu as écrit « {name} » dans ce qui t'a plu.")
    for ci, pattern in interest_patterns.items():
        word = _first_match(pattern, text) if ci in ref.interests else None
        if word:
            add("interets", ci, ref.interests[ci], f"Tu as écrit « {word.strip()} » dans ce qui t'a plu.")
    for ci, (doms, _) in rules.INTEREST_LINKS.items():
        if ci in ref.interests and doms and doms[0] in sector_domains:  # the interest's main domain
            add("interets", ci, ref.interests[ci], f"Il mène au domaine de ton stage, « {ref.domains.get(doms[0], '')} ».")
    order = {"metiers": 0, "domaines": 1, "interets": 2}
    return sorted(out.values(), key=lambda p: order[p.kind])


def added_to(profile, chosen: list[Proposal]) -> dict[str, list[str]]:
    """The profile's lists with the chosen proposals appended (kept once, at most MAX_ITEMS per list)."""
    lists = {kind: list(getattr(profile, kind)) for kind in ("interets", "domaines", "metiers")}
    for p in chosen:
        if p.id not in lists[p.kind] and len(lists[p.kind]) < MAX_ITEMS:
            lists[p.kind].append(p.id)
    return lists
