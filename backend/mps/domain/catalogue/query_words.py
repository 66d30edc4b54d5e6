"""A query's words as the catalogue search reads them: folded, single letters joined as labels are indexed
(« b l » -> « bl »), and a phrase of the students' dictionary (« prepa hec », « sciences po ») kept as one token."""
from __future__ import annotations

import re
from collections import defaultdict

from mps.domain.catalogue.vocabulary import PHRASES, STOP_WORDS
from mps.lib.text import fold, index_words

# An abbreviation written with dots, letters between them (« B.T.S. », « M.C.O. », « L.AS »): one word, as if typed
# without the dots; its neighbours stay apart (« B.T.S. M.C.O. » is « bts mco », not « btsmco »).
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}\.?")
_PHRASES_BY_FIRST: dict[str, list[tuple[str, int]]] = defaultdict(list)  # first word -> phrases, longest first
for _phrase in PHRASES:
    _PHRASES_BY_FIRST[_phrase.split(" ")[0]].append((_phrase, _phrase.count(" ") + 1))


def query_tokens(q: str) -> list[str]:
    """Folded query words, a dictionary phrase ("prepa hec", "sciences po") kept as one token."""
    return [w for w in query_words(q) if w not in STOP_WORDS]


def query_words(q: str) -> list[str]:
    """query_tokens() with the stop words still there: a place's name holds some (Le Mans, Aix-en-Provence)."""
    if "." in q:
        q = " ".join(w.replace(".", "") if _DOTTED.fullmatch(w) else w for w in q.split())
    words = fold(q).split()
    if any(len(w) == 1 for w in words):  # "b l" -> "bl", as labels are indexed (folded words: no compound left)
        words = _join_single_letters(words, index_words(" ".join(words))[len(words):])
    out, i = [], 0
    while i < len(words):
        for phrase, n in _PHRASES_BY_FIRST.get(words[i], ()):
            if " ".join(words[i:i + n]) == phrase:
                out.append(phrase)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _join_single_letters(words: list[str], joined: list[str]) -> list[str]:
    if not joined:
        return words
    out, run = [], []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        out += ["".join(run)] if len(run) >= 2 else run
        run = []
        if w:
            out.append(w)
    return out
