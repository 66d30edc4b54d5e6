"""Which formations each item of a profile points to: one weight vector per item, stacked per request.

The tables they read are built once per catalogue (topics.TopicTables); the weights are explained in topics.py.
A métier's or a spécialité's vector is computed the first time a profile names it, then kept on the tables.
"""
from __future__ import annotations

import numpy as np

from mps.domain.profile.referential import stats_name
from mps.domain.suggestions.series import load_series
from mps.domain.suggestions.topics import (BACKGROUND_WHEN_ASKED, INTEREST_BESIDE_METIER, METIER_DOMAIN, METIER_LINK,
                                           METIER_NAMED, SIBLING_SOUS_DOMAINE, SPECIALITE_DOMAIN, SPECIALITE_DOMAINS,
                                           TECHNO_SPECIALITE, TECHNO_SPECIALITE_DOMAIN, UNRELATED_SOUS_DOMAINE,
                                           MetierInfo, TopicTables)


def topic_items(t: TopicTables, profile, n: int) -> dict[str, np.ndarray]:
    """One weight vector per item of the profile that points to formations (empty ones left out)."""
    items: dict[str, np.ndarray] = {}
    for d in profile.domaines:
        if d in t.domain_vectors:
            items[d] = t.domain_vectors[d]
    for ci in profile.interets:
        if ci in t.interest_vectors:
            items[ci] = t.interest_vectors[ci]
    for mid in profile.metiers:
        info = t.metiers.get(mid)
        if info is not None:
            items[mid] = _kept(t, ("metier", mid), lambda: metier_vector(t, info, n))
    serie = load_series().get(profile.bac or "")
    for spe in profile.specialites:
        if spe in t.bac_pro:  # the field of a bac pro student
            items["spe:" + spe] = t.bac_pro[spe].weights
            continue
        own = serie is not None and spe in serie.specialites
        items["spe:" + spe] = _kept(t, ("spe", serie.id if own else None, spe),
                                    lambda: specialite_vector(t, serie.specialites[spe] if own else None, spe, n))
    if serie is not None:
        items["bac:" + serie.id] = t.serie_vectors[serie.id]
    if profile.interets or profile.domaines or profile.metiers:
        items = {k: v * BACKGROUND_WHEN_ASKED if k.startswith(("spe:", "bac:")) else v for k, v in items.items()}
    if profile.metiers and profile.interets:
        items = {k: v * INTEREST_BESIDE_METIER if k.startswith("ci") else v for k, v in items.items()}
    return {k: v for k, v in items.items() if v.any()}


def _kept(t: TopicTables, key: tuple, make) -> np.ndarray:
    found = t.vectors.get(key)
    if found is None:
        found = make()
        found.setflags(write=False)
        t.vectors[key] = found
    return found


def specialite_vector(t: TopicTables, techno: tuple | None, spe: str, n: int) -> np.ndarray:
    """techno: (dom ids, ONISEP sous-domaines) of a technological série's spécialité, None for a general one."""
    sds: tuple[str, ...] = ()
    if techno is not None:
        doms, sds = techno
    else:
        doms = SPECIALITE_DOMAINS.get(stats_name(spe) or "", ())
    rows = [t.dom_index[d] for d in doms if d in t.dom_index]
    sd_rows = [t.sd_index[x] for x in sds if x in t.sd_index]
    weight = TECHNO_SPECIALITE_DOMAIN if sd_rows else SPECIALITE_DOMAIN
    vec = t.dom_matrix[rows].max(axis=0) * weight if rows else np.zeros(n, np.float32)
    if sd_rows:
        vec = np.maximum(vec, (t.sd_matrix[sd_rows] > 0).any(axis=0) * TECHNO_SPECIALITE)
    return vec


def metier_vector(t: TopicTables, info: MetierInfo, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.float32)
    rows = [t.sd_index[s] for s in info.sous_domaines if s in t.sd_index]
    if rows:
        out = np.maximum(out, METIER_LINK * onisep_link(t, rows))
    drows = [t.dom_index[d] for d in info.domains if d in t.dom_index]
    if drows:
        share = t.dom_matrix[drows].sum(axis=0) / len(drows)
        out = np.maximum(out, METIER_DOMAIN * share)
    # A name counts only where ONISEP files both alike: "contrôle qualité aéronautique" names no bioanalysis.
    related = (t.sd_matrix[rows] > 0).any(axis=0) if rows else np.ones(n, dtype=bool)
    for word in info.words:
        members = t.word_members.get(word)
        if members is not None:
            out[members[related[members]]] = METIER_NAMED
    return out


def onisep_link(t: TopicTables, rows: list[int]) -> np.ndarray:
    """How well each formation matches a métier's ONISEP sous-domaines (rows), 0..1: for each of them
    (weighted by idf), 1 if the formation is filed there, 0.35 if under another sous-domaine of the same
    ONISEP domain ("droit (généralités)" for an avocat's "activité judiciaire"); divided by
    1 + 0.15 per sous-domaine of the formation unrelated to the métier, so a formation filed everywhere
    matches less than one filed exactly."""
    member = t.sd_member
    related = set(rows)
    cover = np.zeros(member.shape[1], dtype=np.float32)
    for r in rows:
        sib = t.sd_siblings[r]
        related.update(sib)
        near = member[sib].any(axis=0) * SIBLING_SOUS_DOMAINE if sib else 0.0
        cover += t.sd_idf[r] * np.maximum(member[r], near)
    cover /= t.sd_idf[rows].sum()
    unrelated = t.sd_sizes - member[list(related)].sum(axis=0)
    return cover / (1.0 + UNRELATED_SOUS_DOMAINE * unrelated)


def combine(items: dict[str, np.ndarray], n: int) -> np.ndarray:
    """The best item counts fully, each other one a quarter (several reasons add up, capped at 1)."""
    if not items:
        return np.zeros(n, dtype=np.float32)
    stack = np.stack(list(items.values()))
    best = stack.max(axis=0)
    return np.minimum(1.0, best + 0.25 * (stack.sum(axis=0) - best))
