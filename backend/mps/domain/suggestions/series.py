"""Where each technological série (and its spécialités) leads: data/suggestions/series.json, read once."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mps.settings import data_file

SERIES_FILE = Path("suggestions") / "series.json"


@dataclass(frozen=True)
class Serie:
    id: str  # bac id of the referential: "STL", "STD2A"...
    domains: tuple[str, ...]  # dom ids the série leads to
    voies: tuple[re.Pattern, ...]  # formations designed for its students ("family | label")
    specialites: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # spécialité -> (dom ids, ONISEP sous-domaines)


def load_series(path: Path | None = None) -> dict[str, Serie]:
    """The séries of MPS_DATA_DIR (or the file given), read once per file."""
    return _load(path or data_file(SERIES_FILE))


@lru_cache(maxsize=2)
def _load(path: Path) -> dict[str, Serie]:
    raw = json.loads(path.read_text(encoding="utf-8"))["series"]
    return {sid: Serie(sid, tuple(s["domaines"]), tuple(re.compile(v, re.I) for v in s["voies"]),
                       {k: (tuple(v["domaines"]), tuple(v["sous_domaines"])) for k, v in s["specialites"].items()})
            for sid, s in raw.items()}
