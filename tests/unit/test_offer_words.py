"""The word index of the offers' copy (stages/offer_words.py) finds, for every query, exactly the offers that
page_sql's `search_text LIKE '% form%'` finds (one LIKE per form, OR within a query word, AND between words):
through the index after a build, through the word-by-word check of the offers written since (edited, added,
withdrawn), and both mixed; SQLite's case-blind LIKE and PostgreSQL's case-sensitive one."""
from __future__ import annotations

import random

import pytest

from mps.domain.stages import offer_words
from mps.domain.stages.offer_words import OfferWords

WORDS = ["hopital", "hopitaux", "hopi", "garage", "garagiste", "mairie", "maire", "musee", "mus", "restaurant",
         "journal", "journaliste", "chantier", "Chantier", "HOPITAL", "a", "ab", "zz9", "cafe-bar", "l'atelier"]
# (forms come folded, in lower case: mps.lib.text.fold)
QUERIES = [[["hopital"]], [["hopital", "hopitaux"]], [["hop"]], [["garag"], ["mair"]], [["mus"], ["journal"]],
           [["chantier"]], [["hopital"], ["zzz"]], [["a"]], [["cafe"]], [["l'a"]], [["ab", "zz9"]],
           [["jour", "resto"], ["hopi", "garage"], ["m"]], [["xyz"]]]


def _text(rng: random.Random) -> str:
    return " " + " ".join(rng.choices(WORDS, k=rng.randint(0, 8))) + " "


def _like(text: str, form: str, fold_case: bool) -> bool:
    """`text LIKE '% form%'`: SQLite's LIKE ignores ASCII case, PostgreSQL's does not."""
    if fold_case:
        text, form = text.lower(), form.lower()
    return f" {form}" in text


def _expected(texts: dict[int, str | None], groups, fold_case: bool) -> set[int]:
    return {o for o, t in texts.items() if t is not None
            and all(any(_like(t, f, fold_case) for f in forms) for forms in groups)}


def _found(index: OfferWords, slots: dict[int, int], groups) -> set[int]:
    held = index.holding(groups)
    return {o for o, s in slots.items() if held[s]}


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize("rebuild_after", [0, 25, 10_000])
def test_the_index_finds_what_the_like_finds(monkeypatch, dialect, rebuild_after):
    monkeypatch.setattr(offer_words, "REBUILD_AFTER", rebuild_after)
    rng = random.Random(f"{dialect}{rebuild_after}")
    index, texts, slots = OfferWords(dialect), {}, {}
    compared = 0
    for round_ in range(6):
        for offer in rng.sample(range(400), 120 if round_ else 300):  # new offers, edits, withdrawals
            texts[offer] = None if round_ and rng.random() < 0.2 else _text(rng)
            slots[offer] = index.put(offer, texts[offer])
        for groups in QUERIES:
            expected = _expected(texts, groups, dialect == "sqlite")
            assert _found(index, slots, groups) == expected, (round_, groups)
            compared += len(expected)
    assert compared > 2000


def test_a_wildcard_or_an_empty_form_is_left_to_the_sql():
    index = OfferWords("postgresql")
    index.put(1, " hopital ")
    assert index.holding([["hop%"]]) is None and index.holding([["h_p"]]) is None and index.holding([[""]]) is None
    assert index.holding([["hop"]]).tolist() == [True]


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_a_rebuild_due_on_a_search_runs_beside_it(monkeypatch, dialect):
    """With an event loop running (a search), the rebuild after REBUILD_AFTER written offers runs in a thread: the
    searches meanwhile answer exactly (the old index and the word-by-word check, offers written during the build
    included) without waiting for it, and the new index replaces the old one once built."""
    import asyncio
    import threading

    monkeypatch.setattr(offer_words, "REBUILD_AFTER", 25)
    release, real = threading.Event(), offer_words._index

    def slow_index(held, codes):
        assert release.wait(10)  # the build waits until the searches below have answered
        return real(held, codes)
    monkeypatch.setattr(offer_words, "_index", slow_index)
    rng = random.Random(dialect)
    index, texts, slots = OfferWords(dialect), {}, {}
    for offer in range(200):
        texts[offer] = _text(rng)
        slots[offer] = index.put(offer, texts[offer])
    monkeypatch.setattr(offer_words, "_index", real)
    index.ready()  # no loop: built in place
    monkeypatch.setattr(offer_words, "_index", slow_index)
    assert index.built == 200 and index.building is None

    async def searches():
        for offer in rng.sample(range(300), 60):  # past REBUILD_AFTER: a build is due
            texts[offer] = None if rng.random() < 0.2 else _text(rng)
            slots[offer] = index.put(offer, texts[offer])
        for i, groups in enumerate(QUERIES):
            assert _found(index, slots, groups) == _expected(texts, groups, dialect == "sqlite"), groups
            assert index.building is not None and index.built == 200  # still the old index: nobody waited
            if i == 0:
                snapshot = len(index.held)  # the slots the build covers
            if i == 3:  # written while the build runs: checked word by word after the swap too
                for offer in (5, 250, 301):
                    texts[offer] = _text(rng)
                    slots[offer] = index.put(offer, texts[offer])
        release.set()
        await index.building
        await asyncio.sleep(0)  # (the done callback)
        assert index.building is None and index.built == snapshot > 200
        assert index.since == {slots[o] for o in (5, 250, 301) if slots[o] < snapshot} and slots[301] >= snapshot
        for groups in QUERIES:
            assert _found(index, slots, groups) == _expected(texts, groups, dialect == "sqlite"), groups
    asyncio.run(searches())
