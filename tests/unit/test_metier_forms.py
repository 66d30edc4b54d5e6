"""A query word's métier word is read from a table built by undoing variants()' ending rules: it must give what
reading the word forward through variants() gives, for any word (job forms and towns' words alike)."""
from __future__ import annotations

import csv
from pathlib import Path

from mps.domain.catalogue.metiers import metier_run, metier_word
from mps.domain.catalogue.vocabulary import METIER_LINKS, METIER_WORDS, STOP_WORDS
from mps.lib.text import fold, variants

ROOT = Path(__file__).resolve().parents[2]
ENDINGS = ["e", "es", "s", "x", "ne", "nes", "trice", "trices", "euse", "euses", "iere", "ieres", "isme", "ie",
           "ique", "ienne", "elle", "ette", "onne", "ere", "ee", "aux", "eaux", "culture", "logie", "abilite"]


def forward(word: str) -> str:
    if word in METIER_WORDS:
        return word
    return next((v for v in variants(word) if v in METIER_WORDS), word)


def test_the_table_reads_every_word_as_variants_would():
    words = {m[:len(m) - cut] + end for m in METIER_WORDS for cut in range(4) for end in ENDINGS}
    with (ROOT / "data" / "geo" / "communes-departement-region.csv").open(encoding="utf-8") as f:
        words |= {fold(w) for row in csv.DictReader(f, delimiter=";")
                  for w in (row.get("nom_commune_complet") or "").replace("-", " ").split()}
    differ = [w for w in words if metier_word(w) != forward(w)]
    assert len(words) > 50_000 and differ == []


def test_feminine_and_plural_job_words_are_read_back():
    assert forward("conductrices") == metier_word("conductrices") != "conductrices"
    assert metier_word("lyon") == "lyon"


def every_run(tokens: list[str]):
    """The first, longest run read the plain way: every (start, end) tried, longest first."""
    spelt = [[forward(w) for w in t.split(" ") if w not in STOP_WORDS] for t in tokens]
    for i in range(len(tokens)):
        for j in range(len(tokens), i, -1):
            name = " ".join(w for words in spelt[i:j] for w in words)
            if name in METIER_LINKS:
                return i, j, name
    return None


def test_the_run_skips_only_starts_and_lengths_no_name_has():
    import random

    rng = random.Random(5)
    names = sorted(METIER_LINKS)
    filler = ["bts", "lyon", "de", "la", "saint", "informatique", "devenir", "ecole", "du", "paris"]
    cases = 0
    for _ in range(3000):
        tokens = [w for _ in range(rng.randint(1, 3)) for w in rng.choice(names).split(" ")]
        tokens = [rng.choice([w, w + "e", w + "s", rng.choice(filler)]) for w in tokens]
        for _ in range(rng.randint(0, 3)):
            tokens.insert(rng.randint(0, len(tokens)), rng.choice(filler + ["de la", "saint martin"]))
        found = metier_run(tokens)
        assert found == every_run(tokens), tokens
        cases += found is not None
    assert cases > 1000  # most lists hold a name: the search loop is exercised, not only the early exit
