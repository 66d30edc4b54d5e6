"""A job's name in a query reaches the formations ONISEP links it to (vocabulary.METIER_LINKS).

The longest run of query tokens that spells an ONISEP métier's name (in any of its forms: feminine and plural words
read back to the name's through lib.text.variants; stop and intention words left out: « devenir », « métier de »)
is read as one token: the formations its words name (a label match, first) and, after them, the formations the
métier's links lead to, in the links' order; the prior (places) then orders what is close. Offline search does the
same (frontend/static/js/lib/query-reading.js metierRun).
"""
from __future__ import annotations

import math

from mps.domain.catalogue.vocabulary import METIER_LINKS, METIER_WORDS, STOP_WORDS
from mps.domain.catalogue.matches import ALL, Matches, combine_all
from mps.lib.text import FIELD_ENDINGS, MASCULINE_ENDINGS, SINGULAR_ENDINGS, variants

# A linked formation weighs this share of the name's best match on a formation (else of the links' rarity), less
# LINK_STEP per rank: a formation named after the query stays first, the links follow in their order.
LINK_WEIGHT, LINK_STEP = 0.5, 0.05


def _forms() -> dict[str, str]:
    """Every word that variants() reads back to a métier word, mapped to it: variants() only rewrites endings
    (singular, masculine, field), so undoing each rule from the métier words lists every candidate, and the forward
    reading keeps those it really gives. A query word then costs one lookup, whatever it is (a town's name among
    them: the uncached search sees thousands, which a cache of variants() missed)."""
    candidates = set(METIER_WORDS)
    for rules in (FIELD_ENDINGS, MASCULINE_ENDINGS, SINGULAR_ENDINGS):  # variants() applies them the other way
        candidates |= {w[:len(w) - len(repl)] + end for w in candidates for end, repl in rules if w.endswith(repl)}
    forms = {}
    for word in candidates:
        found = word if word in METIER_WORDS else next((v for v in variants(word) if v in METIER_WORDS), None)
        if found:
            forms[word] = found
    return forms


FORMS = _forms()
FIRST_WORDS = frozenset(name.split(" ")[0] for name in METIER_LINKS)
# The query words a name can start with: a token holding none of them (most queries) has no run, read in C.
_FIRST_FORMS = FIRST_WORDS | {form for form, word in FORMS.items() if word in FIRST_WORDS}
MAX_WORDS = max(name.count(" ") + 1 for name in METIER_LINKS)


def metier_word(word: str) -> str:
    """The word of a métier's name a query word stands for (« conductrice » -> « conducteur »), else itself."""
    return FORMS.get(word, word)


def metier_run(tokens: list[str]) -> tuple[int, int, str] | None:
    """(start, end, name) of the first, longest run of tokens that spells a métier's name; None without one."""
    if _FIRST_FORMS.isdisjoint(" ".join(tokens).split(" ")):
        return None
    spelt = [[FORMS.get(w, w) for w in t.split(" ") if w not in STOP_WORDS] for t in tokens]
    words = [w for t in spelt for w in t]
    starts = [0]  # starts[i]: where token i's words begin in `words` (its end: starts[i + 1])
    for t in spelt:
        starts.append(starts[-1] + len(t))
    for i in range(len(tokens)):
        first = starts[i]
        if first == len(words) or words[first] not in FIRST_WORDS:  # no name starts here
            continue
        for j in range(len(tokens), i, -1):
            if starts[j] - first <= MAX_WORDS and (name := " ".join(words[first:starts[j]])) in METIER_LINKS:
                return i, j, name
    return None


def metier_matches(parts: list[Matches], linked: tuple[str, ...], n: int, schools: frozenset = frozenset()) -> Matches:
    """The run's formations: those all its tokens name, as they rank, then the other linked ones, each raised by the
    mean of what the name's tokens find in it (« assistant de gestion PME PMI »: the PME's BTS before the others).
    `schools`: the formations the name's words find in some places' school names; a job's name means the job, not
    those places (« maçon »: the IFSI of Mâcon), but an option's words do (« styliste »: a DN MADE's mode option)."""
    out: Matches = {fid: m for fid, m in combine_all(parts).items() if m[1] is ALL or fid not in schools}
    # (a match on the formation itself: a school named after the job, lycée Berger, sets no bar)
    ref = max((s for s, places in out.values() if places is ALL), default=0.0) or math.log(1 + n / max(1, len(linked)))
    for rank, fid in enumerate(linked):
        if fid not in out:  # (one the whole name finds keeps its label's rank)
            named = sum(p[fid][0] for p in parts if fid in p) / len(parts)
            out[fid] = (LINK_WEIGHT * ref * (1 - LINK_STEP * rank) + named, ALL)
    return out
