"""Sub-domains of Parcoursup formations taken from the ONISEP formations file (ODbL, ONISEP Idéo).

ONISEP labels its diplomas with « domaine/sous-domaine » texts ("informatique, internet/systèmes et
réseaux"). We find the ONISEP diploma of a Parcoursup formation by name ("BTS" + detail label,
"licence mention" + detail label ...) and turn its texts into dom ids with the rules' word table.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from mps.domain.suggestions import rules
from mps.lib.text import fold
from mps.settings import ROOT

ONISEP_FORMATIONS = ROOT / "data" / "onisep" / "ideo-formations_initiales_en_france_2022-05.csv"
PREFIX = {"BTS": ("bts", "btsa"), "BUT": ("but",), "Licence": ("licence mention", "licence"),
          "Licence_Las": ("licence mention", "licence"), "CPGE": ("classe preparatoire",)}
_OPTION = re.compile(r"\s+(option|parcours|statut|entierement)\b.*$")


def domains_of_text(text: str, patterns, memo: dict) -> frozenset[str]:
    """'informatique, internet/systèmes et réseaux| …' -> {'dom32', …} (sous-domaine words, else the domaine)."""
    doms: set[str] = set()
    for item in text.split("|"):
        item = item.strip()
        found = memo.get(item)
        if found is None:
            domain, _, sub = item.partition("/")
            sub = fold(sub)
            found = {d for d, p in patterns.items() if p.search(sub)}
            found = frozenset(found or rules.ONISEP_DOMAIN_FALLBACK.get(fold(domain), ()))
            memo[item] = found
        doms |= found
    return frozenset(doms)


class OnisepDomains:
    def __init__(self, rows: list[tuple[str, str]]):
        patterns, memo = rules.domain_patterns(), {}
        wanted = tuple({p for prefixes in PREFIX.values() for p in prefixes})
        self.by_label: dict[str, frozenset[str]] = {}
        for label, text in rows:
            label = fold(label)
            if text and label.startswith(wanted) and label not in self.by_label:
                self.by_label[label] = domains_of_text(text, patterns, memo)

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: Path = ONISEP_FORMATIONS) -> "OnisepDomains | None":
        if not path.exists():
            return None
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh, delimiter=";")
            rows = [(r["libellé formation principal"] or "", r["domaine/sous-domaine"] or "") for r in reader]
        return cls(rows)

    def domains_of(self, f) -> frozenset[str]:
        prefixes = PREFIX.get(f.family)
        if not prefixes or not f.detail_label:
            return frozenset()
        detail = _OPTION.sub("", fold(f.detail_label))
        for prefix in prefixes:
            found = self.by_label.get(f"{prefix} {detail}")
            if found is not None:
                return found
        return frozenset()
