"""The ONISEP métiers by the words of their names, both genders: which job a query names.

Students often type the métier they have in mind rather than a formation (« avocat », « devenir pilote de
ligne », « prof des écoles »). A query word finds a name's word exactly, through its other forms (plural,
feminine), as a prefix of 4 letters or more, or with one typo in words of 6 letters or more.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from mps.domain.catalogue.matches import within_one_edit
from mps.domain.suggestions.topics import MetierInfo
from mps.lib.text import fold, variants

# Words of an intention around the job's name: « je veux devenir », « travailler comme », « métier de ».
INTENT = frozenset("je j veux voudrais aimerais souhaite devenir etre faire travailler comme metier metiers plus tard"
                   .split())
# Words of a job's name that do not tell it apart.
NAME_STOP = frozenset("a au aux de des du d en et l la le les ou sur pour avec dans par un une".split())
# Students' words for a job that its ONISEP name does not hold (« policier » -> gardien de la paix): data, not code.
with (Path(__file__).parent / "data" / "metier_words.csv").open(encoding="utf-8") as _fh:
    SAID_AS: dict[str, str] = {fold(r["words"]): fold(r["means"]) for r in csv.DictReader(_fh, delimiter=";")}
MIN_PREFIX = 4  # « prof », « kine »: shorter is too vague (« pro », « ing »)
MIN_TYPO = 6  # one typo allowed in words this long (« infirmer »)


@dataclass(frozen=True, slots=True)
class MetierName:
    info: MetierInfo
    words: frozenset[str]  # every word of its name, both genders (« avocat », « avocate »)
    size: int  # words of one gender's name: « pilote de ligne » 2, « pilote de ligne automatisée » 3


def _said_as(word: str) -> str:
    """The words of the job's name a student's word stands for, through its other forms (« policières »)."""
    return next((SAID_AS[w] for w in (word, *variants(word)) if w in SAID_AS), word)


def _one_gender(label: str) -> list[str]:
    """The words of one gender's name: « officier / officière de police » -> officier, police; « professeur des
    écoles / professeure des écoles » -> professeur, ecoles; « avocat / avocate » -> avocat."""
    head, _, tail = label.partition("/")
    head, tail = fold(head).split(), fold(tail).split()
    return [w for w in head + tail[len(head):] if w not in NAME_STOP]  # the rest, when only the first word varies


def _name(info: MetierInfo) -> MetierName:
    words = frozenset(w for w in fold(info.label).split() if w not in NAME_STOP)
    return MetierName(info, words, max(len(_one_gender(info.label)), 1))


class MetierNames:
    """The métiers of the model, found by the words of a query."""

    def __init__(self, metiers):
        self.by_word: dict[str, list[MetierName]] = {}
        for name in map(_name, metiers):
            for w in name.words:
                self.by_word.setdefault(w, []).append(name)
        self.vocabulary = sorted(self.by_word)

    def _words_for(self, token: str) -> set[str]:
        """Words of métier names that a query token stands for: itself, its other forms, a prefix, one typo."""
        found = {w for w in (token, *variants(token)) if w in self.by_word}
        if not found and len(token) >= MIN_PREFIX:
            found = {w for w in self.vocabulary if w.startswith(token)}
        if not found and len(token) >= MIN_TYPO:
            found = {w for w in self.vocabulary if within_one_edit(token, w)}
        return found

    def named_in(self, words: list[str]) -> tuple[MetierInfo, bool] | None:
        """The métier whose name holds every word of the query (intention words aside) and says it most
        completely (« pilote de ligne » before « pilote de ligne automatisée »), and whether the query says its
        whole name; None when no name holds them all."""
        tokens = [w for phrase in words for w in _said_as(phrase).split() if w not in INTENT and w not in NAME_STOP]
        if not tokens:
            return None
        candidates: set[MetierName] | None = None
        for token in tokens:
            names = {n for w in self._words_for(token) for n in self.by_word[w]}
            candidates = names if candidates is None else candidates & names
            if not candidates:
                return None
        best = min(candidates, key=lambda n: (-min(len(tokens), n.size) / n.size, n.info.label))
        return best.info, len(tokens) >= best.size
