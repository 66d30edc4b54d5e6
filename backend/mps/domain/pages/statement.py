"""The accessibility statement, read from accessibility.toml (data kept next to the checks it reports)."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

STATEMENT_FILE = Path(__file__).with_name("accessibility.toml")
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]


@lru_cache(maxsize=1)
def statement() -> dict:
    with STATEMENT_FILE.open("rb") as f:
        return tomllib.load(f)


def french_date(d) -> str:
    return f"{d.day}{'er' if d.day == 1 else ''} {MONTHS[d.month - 1]} {d.year}"
