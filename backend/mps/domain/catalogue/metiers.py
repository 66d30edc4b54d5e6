"""A job's name in a query reaches the formations ONISEP links it to (vocabulary.METIER_LINKS).

The longest run of query tokens that spells an ONISEP métier's name (in any of its forms: feminine and plural words
read back to the name's through lib.text.variants; stop and intention words left out: « devenir », « métier de »)
is read as one token: the formations its words name (a label match, first) and, after them, the formations the
métier's links lead to, in the links' order; the prior (places) then orders what is close. Offline search does the
same (frontend/static/js/lib/search.js metierRun).
"""
from __future__ import annotations

import math
from functools import lru_cache

from mps.domain.catalogue.vocabulary import METIER_LINKS, METIER_WORDS, STOP_WORDS
from mps.domain.catalogue.words import ALL, Matches, combine_all
from mps.lib.text import variants

# A linked formation weighs this share of the name's best match on a formation (else of the links' rarity), less
# LINK_STEP per rank: a formation named after the query stays first, the links follow in their order.
LINK_WEIGHT, LINK_STEP = 0.5, 0.05


# The first letters of the names' words: variants() changes a word's ending only, so a word that starts otherwise
# stands for none of them (most query words, a town's name among them, are ruled out before variants()).
PREFIXES = frozenset(w[:3] for w in METIER_WORDS)


@lru_cache(maxsize=20000)
def metier_word(word: str) -> str:
    """The word of a métier's name a query word stands for (« conductrice » -> « conducteur »), else itself."""
    if word in METIER_WORDS or word[:3] not in PREFIXES:
        return word
    return next((v for v in variants(word) if v in METIER_WORDS), word)


def metier_run(tokens: list[str]) -> tuple[int, int, str] | None:
    """(start, end, name) of the first, longest run of tokens that spells a métier's name; None without one."""
    spelt = [[metier_word(w) for w in t.split(" ") if w not in STOP_WORDS] for t in tokens]
    if not any(w in METIER_WORDS for words in spelt for w in words):
        return None
    for i in range(len(tokens)):
        for j in range(len(tokens), i, -1):
            name = " ".join(w for words in spelt[i:j] for w in words)
            if name in METIER_LINKS:
                return i, j, name
    return None


def metier_matches(parts: list[Matches], linked: tuple[str, ...], n: int) -> Matches:
    """The run's formations: those all its tokens name, as they rank, then the other linked ones, each raised by the
    mean of what the name's tokens find in it (« assistant de gestion PME PMI »: the PME's BTS before the others)."""
    out: Matches = combine_all(parts)
    # (a match on the formation itself: a school named after the job, lycée Berger, sets no bar)
    ref = max((s for s, places in out.values() if places is ALL), default=0.0) or math.log(1 + n / max(1, len(linked)))
    for rank, fid in enumerate(linked):
        if fid not in out:  # (one the whole name finds keeps its label's rank)
            named = sum(p[fid][0] for p in parts if fid in p) / len(parts)
            out[fid] = (LINK_WEIGHT * ref * (1 - LINK_STEP * rank) + named, ALL)
    return out
