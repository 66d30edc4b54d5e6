"""The word index of a worker's copy of the offers (offer_memory.py): which offers hold, for each query word, a
word beginning with one of its forms, exactly what page_sql's `search_text LIKE '% form%'` finds.

The LIKE looks for a space then the form: an offer matches when one of its search_text's pieces between single
spaces begins with the form, whatever the characters (search_text is folded: offers.search_text). SQLite's LIKE
ignores ASCII case, PostgreSQL's does not: the SQLite copy lowers A-Z before splitting.

Each offer has a slot (kept while the worker runs) holding its distinct words as codes (4 bytes each). The index,
built when a keyword search first needs it: the words in alphabetical order and, for each, its offers' slots in
one flat array (a form's words are a range of the sorted words: one slice of slots). An offer written since
(a few a minute on a busy board) is checked word by word instead, until more than REBUILD_AFTER of them make
building the index again (a sort of every offer's words: 0.2-1 s for 100,000 offers, 1-2 s on a busy machine)
worth it. A search never waits for that build: it runs in a thread on a snapshot of the slots, the searches meanwhile
answer from the old index and the word-by-word check, and the new index replaces the old one when done (the slots
written during the build stay checked word by word). The first index (a worker's start-up), or any with no event
loop running, is built in place.
"""
from __future__ import annotations

import asyncio
from array import array
from bisect import bisect_left

import numpy as np

REBUILD_AFTER = 500  # offers written since the index was built
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PAST = "\U0010ffff"  # after every character: [form, form + _PAST) holds the words beginning with form


class OfferWords:
    def __init__(self, dialect: str):
        self.fold_case = dialect == "sqlite"
        self.codes: dict[str, int] = {}  # word -> code (never forgotten: a word an edit removed costs its entry)
        self.words: list[str] = []  # code -> word
        self.slot_of: dict[int, int] = {}  # offer id -> slot
        self.held: list[bytes] = []  # slot -> its offer's word codes (b"" once the offer left the copy)
        self.built = 0  # slots the index covers
        self.since: set[int] = set()  # slots written since the index was built
        self.sorted: list[str] = []
        self.slots, self.starts = np.zeros(0, dtype=np.int32), np.zeros(1, dtype=np.int64)
        self.building: asyncio.Future | None = None  # a build running in a thread
        self.written: set[int] = set()  # slots written since that build's snapshot

    def put(self, offer: int, text: str | None) -> int:
        """The offer's words (None: it left the copy); its slot."""
        slot = self.slot_of.get(offer)
        if slot is None:
            slot = self.slot_of[offer] = len(self.held)
            self.held.append(b"")
        if text is None:
            self.held[slot] = b""
        else:
            if self.fold_case:
                text = text.translate(_LOWER)
            codes, words = self.codes, self.words
            found = set()
            for w in text.split(" "):
                if w:
                    code = codes.get(w)
                    if code is None:
                        code = codes[w] = len(words)
                        words.append(w)
                    found.add(code)
            self.held[slot] = array("i", found).tobytes()
        if slot < self.built:
            self.since.add(slot)
        if self.building is not None:
            self.written.add(slot)
        return slot

    def _build(self) -> None:
        self._swap(len(self.held), _index(list(self.held), dict(self.codes)), set())

    def _swap(self, built: int, index: tuple, written: set[int]) -> None:
        self.sorted, self.slots, self.starts = index
        self.built, self.since = built, {s for s in written if s < built}

    def ready(self) -> None:
        """The index built if it is due: the first in place (a worker's start-up: not on its first keyword search),
        later ones in a thread when an event loop runs (a search)."""
        if self.building is not None or len(self.since) + len(self.held) - self.built <= REBUILD_AFTER:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or not self.built:  # (the first index: every offer would be checked word by word meanwhile)
            return self._build()
        held, codes, self.written = list(self.held), dict(self.codes), set()  # (the snapshot: bytes never change)
        self.building = loop.run_in_executor(None, _index, held, codes)

        def done(future) -> None:
            self.building = None
            if not future.cancelled() and future.exception() is None:
                self._swap(len(held), future.result(), self.written)
        self.building.add_done_callback(done)

    def holding(self, groups: list[list[str]]) -> np.ndarray | None:
        """For each slot, whether its offer holds every group (a word beginning with one of its forms); None
        when a form is empty or holds a LIKE wildcard (SQL then answers)."""
        if any(not f or "%" in f or "_" in f for forms in groups for f in forms):
            return None
        self.ready()
        later = sorted(self.since) + list(range(self.built, len(self.held)))
        held = None
        for forms in groups:
            found = np.zeros(len(self.held), dtype=bool)
            for form in forms:
                lo = bisect_left(self.sorted, form)
                hi = bisect_left(self.sorted, form + _PAST, lo)
                found[self.slots[self.starts[lo]:self.starts[hi]]] = True
            if later:  # written since the build: their words now
                prefixes = tuple(forms)
                found[later] = [any(self.words[c].startswith(prefixes) for c in array("i", self.held[s]))
                                for s in later]
            held = found if held is None else held & found
        return held


def _index(held: list[bytes], codes: dict[str, int]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(the words sorted, every word's slots one after the other, where each word's start) of these slots."""
    counts = np.fromiter((len(b) for b in held), dtype=np.int64, count=len(held)) // 4
    words = sorted(codes)
    rank = np.empty(len(codes), dtype=np.int32)
    rank[np.fromiter((codes[w] for w in words), dtype=np.int64, count=len(words))] = np.arange(len(words), dtype=np.int32)
    ranks = rank[np.frombuffer(b"".join(held), dtype=np.int32)]
    slots = np.repeat(np.arange(len(held), dtype=np.int32), counts)[_grouped(ranks)]
    return words, slots, np.concatenate(([0], np.cumsum(np.bincount(ranks, minlength=len(words)))))


def _grouped(ranks: np.ndarray) -> np.ndarray:
    """The positions of `ranks` ordered by rank: numpy's radix sort (stable, 16 bits a pass: linear) on the low
    half, then on the high half if any; 3-4 times faster than a comparison sort of 1.7 M words."""
    by = np.argsort((ranks & 0xFFFF).astype(np.uint16), kind="stable")
    if len(ranks) and ranks.max() > 0xFFFF:
        by = by[np.argsort((ranks[by] >> 16).astype(np.uint16), kind="stable")]
    return by
