"""Browsing types of formations: Parcoursup's families, its catch-all « Autre formation » split by group label.

`data/types.csv` (code;label;groups;words): each type's code, the name a lycéen recognises, the group
labels it takes and the words that find it in search. Groups are `|`-separated and compared folded
(case, accents, punctuation: « D.E secteur sanitaire » == « d e secteur sanitaire »); one ending with
`*` also takes the labels that go on after its words (« CUPGE* »: « CUPGE - Droit-économie-gestion »).
The first row naming a formation's group label gives its type; what no row names stays « Autre formation ».
Formations of the other families keep their family as type (same code, name and words), so every
family code is a type code too (`famille=BTS`, `famille=Autre formation`: the remainder, as its chip).

The type is for browsing only (home chips, the search page's select, `famille=` of search online and
offline). Parcoursup's family stays what plan rules, suggestions, stats and the importer read.
"""
from __future__ import annotations

from mps.domain.catalogue.vocabulary import FAMILIES, data_rows
from mps.lib.text import fold

CATCH_ALL = "Autre formation"  # Parcoursup's family that types split


def _load() -> tuple[dict[str, tuple[str, tuple[str, ...]]], list[tuple[str, bool, str]]]:
    types: dict[str, tuple[str, tuple[str, ...]]] = {}
    rules: list[tuple[str, bool, str]] = []  # (folded group label, takes what follows, type code)
    for r in data_rows("types.csv"):
        code = r["code"]
        if code in FAMILIES or code in types:
            raise ValueError(f"types.csv: type code {code!r} is already a family or a type")
        types[code] = (r["label"], tuple(w for w in r["words"].split("|") if w))
        for group in r["groups"].split("|"):
            group = group.strip()
            rules.append((fold(group.rstrip("*")), group.endswith("*"), code))
    return types, rules


_TYPES, RULES = _load()
# Type code -> (what we show, words that find it): the families, then the finer types of the catch-all.
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {**FAMILIES, **_TYPES}


def type_of(family: str, group_label: str) -> str:
    """The browsing type of a formation of this Parcoursup family and group label."""
    if family != CATCH_ALL:
        return family
    key = fold(group_label)
    for group, prefix, code in RULES:
        if key == group or (prefix and key.startswith(group + " ")):
            return code
    return CATCH_ALL


def type_label(code: str) -> str:
    return TYPES.get(code, (code, ()))[0]
