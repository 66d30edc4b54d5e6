"""What each formation is about, and which formations each profile item points to.

Built once per catalogue (TopicTables): the formation's referential domains (dom1…dom45) and ONISEP
sous-domaines, then one weight vector per interest, domain and série. A request stacks the vectors of
its items (profile.interets, .domaines, .metiers, .specialites, .bac): see profile_items.topic_items().

How an item reaches a formation (weights, 0..1):
- domain chosen: formations of that domain 1.0, of a sibling domain (same group) 0.3;
- interest: formations of its linked domains 0.45, 1.0 when their name also says it;
- métier: formations named after it 1.0 (a word of both names: "infirmier", filed alike by ONISEP);
  formations filed by ONISEP under its sous-domaines up to 0.9 (see profile_items.onisep_link); formations of its
  domains up to 0.4;
- spécialité: formations of its domains 0.5; a technological one, formations of its ONISEP
  sous-domaines 0.6 and of its wider domains 0.3 ("ressources humaines" for RHC before all of management);
- technological série: formations designed for its students 0.7, of its domains 0.4.
Spécialités and série describe the student's schooling, not what they ask for: when the profile also has
interests, domains or métiers, their weights are halved, so they order what the student asked for rather
than add formations of their own. Likewise a broad interest (« Bricoler ») beside a métier counts 0.7: a
formation whose name says the interest no longer equals the one that prepares for the métier.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from mps.domain.profile.referential import load_referential
from mps.domain.suggestions import rules
from mps.domain.suggestions.bac_pro import FieldVectors
from mps.domain.suggestions.onisep import Links, split_items
from mps.domain.suggestions.series import load_series
from mps.lib.text import fold

DOMAIN_HIT, SIBLING_DOMAIN = 1.0, 0.3
INTEREST_DIRECT, INTEREST_LINKED = 1.0, 0.45
NEIGHBOUR_HINT = 0.05  # < engine.MIN_RELEVANCE: never an own match, only what a too narrow profile widens to
METIER_NAMED, METIER_LINK, METIER_DOMAIN = 1.0, 0.9, 0.4
SPECIALITE_DOMAIN, TECHNO_SPECIALITE, TECHNO_SPECIALITE_DOMAIN = 0.5, 0.6, 0.3
SERIE_VOIE, SERIE_DOMAIN = 0.7, 0.4
BACKGROUND_WHEN_ASKED = 0.5
INTEREST_BESIDE_METIER = 0.7
SIBLING_SOUS_DOMAINE, UNRELATED_SOUS_DOMAINE = 0.35, 0.15
MAX_NAMED_MEMBERS = 60  # a métier word found in more formation names than this says nothing ("technicien")
# General spécialité (short name of the Parcoursup spécialités file) -> domains it points to.
SPECIALITE_DOMAINS = {
    "Maths": ("dom33",), "Physique-Chimie": ("dom35",), "SVT": ("dom30", "dom36"), "SES": ("dom42", "dom13"),
    "NSI": ("dom32",), "SI": ("dom34", "dom31"), "HGGSP": ("dom39", "dom16"), "HLP": ("dom40", "dom23"),
    "LLCER": ("dom23",), "LLCA": ("dom23", "dom39"), "Biologie-Ecologie": ("dom30", "dom1"), "EPPCS": ("dom25",),
    "Art": ("dom5", "dom4", "dom6"),
}


@dataclass(frozen=True, slots=True)
class MetierInfo:
    id: str
    label: str
    sous_domaines: frozenset[str]
    domains: frozenset[str]
    words: tuple[str, ...]  # words of its name that may name a formation ("infirmier", "veterinaire")


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicTables:
    domains: list[frozenset[str]]  # formation -> dom ids
    sous_domaines: list[frozenset[str]]  # formation -> ONISEP sous-domaines
    dom_index: dict[str, int]
    dom_matrix: np.ndarray  # [domains, formations] 0/1
    dom_sizes: np.ndarray  # number of domains of each formation
    sd_index: dict[str, int]
    sd_names: dict[str, str]  # sous-domaine key -> as ONISEP writes it ("soins aux animaux")
    sd_siblings: dict[int, list[int]]  # sous-domaine row -> rows of the same ONISEP domain
    sd_parent: dict[str, str]  # sous-domaine key -> ONISEP domain, as ONISEP writes it ("agriculture, animaux")
    sd_idf: np.ndarray
    sd_matrix: np.ndarray  # [sous-domaines, formations], idf weights, each formation's column of norm 1
    sd_member: np.ndarray  # [sous-domaines, formations] bool
    sd_sizes: np.ndarray  # number of sous-domaines of each formation
    domain_vectors: dict[str, np.ndarray]
    interest_vectors: dict[str, np.ndarray]
    interest_direct: dict[str, np.ndarray]  # bool: the formation's name says the interest
    serie_vectors: dict[str, np.ndarray]
    serie_fit: dict[str, np.ndarray]  # bool: the formation is in the série's domains or designed for it
    serie_voie: dict[str, np.ndarray]  # bool: the formation is designed for the série's students
    word_members: dict[str, np.ndarray]  # word of formation names -> formations (rare words only)
    metiers: dict[str, MetierInfo]
    bac_pro: dict[str, FieldVectors] = field(default_factory=dict)  # bac pro field name -> its vectors (bac_pro.py)
    # A métier's or a spécialité's vector, computed the first time a profile names it (read-only arrays): a
    # few thousand métiers and spécialités at most, and a request then reads its vectors instead of computing them.
    vectors: dict[tuple, np.ndarray] = field(default_factory=dict)


@lru_cache(maxsize=1)
def sibling_domains() -> dict[str, tuple[str, ...]]:
    """Sub-domain -> the others of its referential group, or its neighbours (rules.NEIGHBOUR_DOMAINS) when alone."""
    out = {}
    for _, items in load_referential().domain_groups:
        ids = [d for d, _ in items]
        for d in ids:
            out[d] = tuple(x for x in ids if x != d) or rules.NEIGHBOUR_DOMAINS.get(d, ())
    return out


def build_topics(texts: list[str], descriptions: list[str], sous_domaines: list[frozenset[str]],
                 metier_rows: list[tuple[str, str, frozenset[str]]], sd_names: dict[str, str],
                 sd_parent: dict[str, str], parent_names: dict[str, str]) -> TopicTables:
    """texts: folded formation labels; descriptions: "family | group | label"; métiers: (id, label, sous-domaines)."""
    n, links, ref = len(texts), Links.load(), load_referential()
    patterns = rules.domain_patterns()
    domains = []
    for text, desc, sds in zip(texts, descriptions, sous_domaines):
        # ONISEP's filing when the formation has a fiche; the words of its name only when it has none.
        doms = {d for sd in sds for d in links.domains_of.get(sd, ())}
        if not doms:
            doms = {d for d, p in patterns.items() if p.search(text)}
        doms |= set(rules.FAMILY_DOMAINS.get(desc.split(" | ", 1)[0], ()))
        domains.append(frozenset(doms))
    dom_index = {d: k for k, d in enumerate(sorted(ref.domains, key=lambda d: int(d[3:])))}
    dom_matrix = np.zeros((len(dom_index), n), dtype=np.float32)
    for i, doms in enumerate(domains):
        for d in doms:
            if d in dom_index:
                dom_matrix[dom_index[d], i] = 1.0
    sd_index = {s: k for k, s in enumerate(sorted(links.domains_of))}
    sd_idf, sd_matrix = _sous_domaine_matrix(sous_domaines, sd_index)
    member = {d: dom_matrix[k] for d, k in dom_index.items()}
    domain_vectors = {}
    for d in dom_index:
        siblings = [member[s] for s in sibling_domains().get(d, ()) if s in member]
        sib = np.max(siblings, axis=0) * SIBLING_DOMAIN if siblings else 0.0
        domain_vectors[d] = np.maximum(member[d] * DOMAIN_HIT, sib).astype(np.float32)
    interest_vectors, interest_direct = {}, {}
    for ci, (linked, words) in rules.INTEREST_LINKS.items():
        p = rules.word_pattern(words)
        linked_rows = [member[d] for d in linked if d in member]
        in_linked = np.max(linked_rows, axis=0) if linked_rows else np.zeros(n, np.float32)
        via = in_linked * INTEREST_LINKED
        # A name saying it counts only in the interest's fields: "laboratoire de design" is no lab science.
        direct = np.zeros(n, dtype=bool)
        for i in np.flatnonzero(in_linked):
            direct[i] = p.search(texts[i]) is not None
        interest_direct[ci] = direct
        # The neighbours of a linked domain alone in its group, under any relevance floor: only a profile too
        # narrow for its own matches widens to them (engine.widen's first step), before the bac's usual next steps.
        near = [member[x] for d in linked for x in rules.NEIGHBOUR_DOMAINS.get(d, ()) if x in member]
        hint = np.max(near, axis=0) * NEIGHBOUR_HINT if near else 0.0
        interest_vectors[ci] = np.maximum(np.maximum(via, direct * INTEREST_DIRECT), hint).astype(np.float32)
    serie_vectors, serie_fit, serie_voie = {}, {}, {}
    for sid, serie in load_series().items():
        rows = [member[d] for d in serie.domains if d in member]
        in_domains = np.max(rows, axis=0) if rows else np.zeros(n, np.float32)
        voies = re.compile("|".join(f"(?:{v.pattern})" for v in serie.voies), re.I)
        voie = np.array([voies.search(desc) is not None for desc in descriptions], dtype=bool)
        serie_vectors[sid] = np.maximum(in_domains * SERIE_DOMAIN, voie * SERIE_VOIE).astype(np.float32)
        serie_fit[sid] = (in_domains > 0) | voie
        serie_voie[sid] = voie
    named: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        for word in set(text.split()):
            if len(word) >= 5:
                named.setdefault(word.removesuffix("s"), []).append(i)
    word_members = {k: np.array(v, dtype=np.int64) for k, v in named.items() if len(v) <= MAX_NAMED_MEMBERS}
    by_parent: dict[str, list[int]] = {}
    for key, row in sd_index.items():
        by_parent.setdefault(sd_parent.get(key, key), []).append(row)
    sd_siblings = {row: [r for r in by_parent[sd_parent.get(key, key)] if r != row] for key, row in sd_index.items()}
    metiers = {mid: _metier_info(mid, label, sds, links, patterns) for mid, label, sds in metier_rows}
    return TopicTables(domains=domains, sous_domaines=sous_domaines, dom_index=dom_index, dom_matrix=dom_matrix,
                       dom_sizes=dom_matrix.sum(axis=0),
                       sd_index=sd_index, sd_names=sd_names, sd_siblings=sd_siblings,
                       sd_parent={k: parent_names.get(v, v) for k, v in sd_parent.items()}, sd_idf=sd_idf, sd_matrix=sd_matrix,
                       sd_member=sd_matrix > 0, sd_sizes=(sd_matrix > 0).sum(axis=0), domain_vectors=domain_vectors,
                       interest_vectors=interest_vectors, interest_direct=interest_direct,
                       serie_vectors=serie_vectors, serie_fit=serie_fit, serie_voie=serie_voie, word_members=word_members,
                       metiers=metiers)


def _sous_domaine_matrix(sous_domaines, sd_index) -> tuple[np.ndarray, np.ndarray]:
    """idf of each sous-domaine over the formations, and the idf-weighted, unit-norm formation columns."""
    n = len(sous_domaines)
    df = Counter(s for sds in sous_domaines for s in sds if s in sd_index)
    idf = np.array([math.log(1 + n / (1 + df[s])) for s in sd_index], dtype=np.float32)
    matrix = np.zeros((len(sd_index), n), dtype=np.float32)
    for i, sds in enumerate(sous_domaines):
        rows = [sd_index[s] for s in sds if s in sd_index]
        if rows:
            matrix[rows, i] = idf[rows]
            matrix[:, i] /= np.linalg.norm(matrix[:, i])
    return idf, matrix


def _metier_info(mid: str, label: str, sds: frozenset[str], links: Links, patterns) -> MetierInfo:
    folded = fold(label)
    doms = {d for sd in sds for d in links.domains_of.get(sd, ())} | {d for d, p in patterns.items() if p.search(folded)}
    words = tuple(dict.fromkeys(w.removesuffix("s") for w in folded.split() if len(w) >= 5))
    return MetierInfo(mid, label, sds, frozenset(doms), words)


def metier_rows(metiers: list[dict], complete) -> list[tuple[str, str, frozenset[str]]]:
    """DB rows {id, label, domains} -> (id, label, sous-domaines), completed by `complete` (onisep layer)."""
    raw = {m["id"]: (m["label"], frozenset(split_items(m["domains"] or ""))) for m in metiers}
    done = complete(raw, Links.load().domains_of)
    return [(mid, label, done.get(mid, frozenset())) for mid, (label, _) in raw.items()]
