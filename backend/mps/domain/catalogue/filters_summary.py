"""The closed search filters' summary (« Modifier les filtres (2) : BTS, près de Lyon (30 km) »): its words and its
rule, in one place. The server says it (catalogue/_filters.html); offline, lib/offline/filters-summary.js says it with
these same words, which the template embeds as JSON (data-mps-summary), by the same rule (tested side by side in
tests/browser/test_offline.py)."""
from __future__ import annotations

import json
from collections.abc import Callable, Mapping

RADII = ("10", "30", "50", "100")  # the « Dans un rayon de » choices, in km

WORDING = {
    "none": "Affiner : type de formation, lieu, sélectivité, alternance, public ou privé",
    "some": "Modifier les filtres ({})",
    "order": ["famille", "ville", "departement", "academie", "region", "selective", "apprentissage", "statut"],
    # « {} »: the value as its list names it (labels below); a dict: the words of each value.
    "parts": {"famille": "{}", "ville": "près de {}", "rayon": " ({}\u00a0km)", "departement": "{}",
              "academie": "académie : {}", "region": "{}",
              "selective": {"true": "sélectives", "false": "non sélectives"},
              "apprentissage": {"true": "en apprentissage", "false": "sans apprentissage"},
              "statut": {"public": "public", "prive": "privé", "sous_contrat": "privé sous contrat"}},
}
WORDING_JSON = json.dumps(WORDING, ensure_ascii=False, separators=(",", ":"))


Labels = Mapping[str, Callable[[str], str]]


def summary_parts(values: Mapping[str, str], labels: Labels) -> list[str]:
    """What is set, in the form's order. `labels`: for a field with a list, the words of a value it knows
    (famille: the type's name, departement: « 75 – Paris »), "" for one it does not: that one is not set (its
    field shows « Tous »), as a select given an unknown value shows its first option."""
    parts = []
    for name in WORDING["order"]:
        part = _part(name, values, labels)
        if part and name == "ville":
            part += _part("rayon", values, labels)
        if part:
            parts.append(part)
    return parts


def _part(name: str, values: Mapping[str, str], labels: Labels) -> str:
    value = (values.get(name) or "").strip()
    words = WORDING["parts"][name]
    if isinstance(words, dict):
        return words.get(value, "")
    if value and name in labels:
        value = labels[name](value)
    return words.replace("{}", value) if value else ""


def _first(rows, value: str, words) -> str:
    return next((words(row) for row in rows if (row[0] if isinstance(row, tuple) else row) == value), "")


def search_summary(query: Mapping[str, str], cat, famille: str | None, apprentissage: str,
                   statut: str = "") -> list[str]:
    """The parts for the search page: its query, the type's code however it was written (« bts »: BTS), the lists of `cat` (the catalogue, or a dict of empty lists in the
    offline shell), « apprentissage » and « statut » as the page shows them (set by « bts en alternance », « bts public »
    too). A list is looked
    through only for a value set: most searches set none."""
    lists = cat if isinstance(cat, Mapping) else vars(cat)
    labels = {"famille": lambda v: _first(lists["types"], v, lambda row: row[1]),
              "departement": lambda v: _first(lists["departements"], v, lambda row: f"{row[0]} – {row[1]}"),
              "academie": lambda v: _first(lists["academies"], v, str),
              "region": lambda v: _first(lists["regions"], v, str),
              "rayon": lambda v: v if v in RADII else ""}
    return summary_parts({**query, "famille": famille or "", "apprentissage": apprentissage, "statut": statut}, labels)
