"""A query's words as the catalogue search reads them: folded, single letters joined as labels are indexed
(« b l » -> « bl »), and a phrase of the students' dictionary (« prepa hec », « sciences po ») kept as one token."""
from __future__ import annotations

import re
from collections import defaultdict

from mps.domain.catalogue.vocabulary import PHRASES, STOP_WORDS
from mps.lib.text import index_words, tokens

# An abbreviation written with dots, letters between them (« B.T.S. », « M.C.O. », « L.AS »): one word, as if typed
# without the dots; its neighbours stay apart (« B.T.S. M.C.O. » is « bts mco », not « btsmco »).
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{0,3}\.?")
# First word -> (number of words, the phrases of that many words), longest first: one join per length tried, not one
# per phrase (« prepa » starts 16 phrases, « bac » 251). Among phrases of one length, one at most equals the words.
_by_first: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
for _phrase in PHRASES:
    _by_first[_phrase.split(" ")[0]][_phrase.count(" ") + 1].add(_phrase)
_PHRASES_BY_FIRST: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    first: tuple((n, frozenset(by_n[n])) for n in sorted(by_n, reverse=True)) for first, by_n in _by_first.items()}


def query_tokens(q: str) -> list[str]:
    """Folded query words, a dictionary phrase ("prepa hec", "sciences po") kept as one token."""
    return [w for w in query_words(q) if w not in STOP_WORDS]


def query_words(q: str) -> list[str]:
    """query_tokens() with the stop words still there: a place's name holds some (Le Mans, Aix-en-Provence)."""
    if "." in q:
        q = " ".join(w.replace(".", "") if _DOTTED.fullmatch(w) else w for w in q.split())
    words = tokens(q)  # fold(q).split(), without the join
    if 1 in map(len, words):  # "b l" -> "bl", as labels are indexed (folded words: no compound left)
        words = _join_single_letters(words, index_words(" ".join(words))[len(words):])
    out, i = [], 0
    phrases_by_first = _PHRASES_BY_FIRST
    while i < len(words):
        for n, phrases in phrases_by_first.get(words[i], ()):
            phrase = " ".join(words[i:i + n])
            if phrase in phrases:
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
        # « à l'étranger » typed « a l etranger »: letters that are all stop words are no label's letters (« b l »)
        out += ["".join(run)] if len(run) >= 2 and not STOP_WORDS.issuperset(run) else run
        run = []
        if w:
            out.append(w)
    return out
