"""Regenerate backend/mps/domain/catalogue/data/job_words.txt: the words of the ONISEP métiers' names.

    .venv/bin/python bench/job_words.py

Search reads a town without formations at the end of a query as a place only if its name is not one of these
words (« pilote de ligne » is not Ligné, 16; « chef de rang » is not Rang, 25): a student names such a word's job
far more often than such a village. Rerun when data/onisep's métiers file changes.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from mps.domain.catalogue.vocabulary import DATA, STOP_WORDS  # noqa: E402
from mps.etl.datasets import dataset  # noqa: E402
from mps.etl.reference import read_metiers  # noqa: E402
from mps.etl.source import Rejects  # noqa: E402
from mps.lib.text import fold  # noqa: E402


def main() -> None:
    data = ROOT / "data"
    metiers = read_metiers(data / dataset("metiers").path, data / dataset("metiers_descriptions").path, Rejects())
    words = sorted({w for m in metiers for w in fold(m["label"]).split() if len(w) >= 3 and w not in STOP_WORDS})
    out = DATA / "job_words.txt"
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {out}")


if __name__ == "__main__":
    main()
