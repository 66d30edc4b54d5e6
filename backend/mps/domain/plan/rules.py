"""Parcoursup's counting rules for one session, read from data/parcoursup/regles-voeux-<session>.toml.

The file is the rule: limits, capped filières, which places form a multiple wish and whether its
sub-wishes count toward the 20, each with its source text. Matching reads catalogue data only
(families, filière labels, regions, the file's concours and wish-label columns).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from mps.lib.text import fold
from mps.settings import data_dir

FILE = re.compile(r"^regles-voeux-(\d{4})\.toml$")
NETWORK_WORDS = ("regroupement", "reseau")  # a wish label naming a regroupement or network


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Limit:
    value: int
    label: str
    source: str
    quote: str
    a_verifier: bool = False


@dataclass(frozen=True)
class Match:
    """What a place must show for a rule to apply (every given criterion must hold)."""
    families: tuple[str, ...] = ()
    group_labels: tuple[str, ...] = ()  # folded, like detail_words and regions (lib.text.fold)
    detail_words: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    network: bool = False
    concours: bool = False

    def holds(self, formation, place) -> bool:
        family = place.row.get("family") or formation.family
        if self.families and family not in self.families and formation.family not in self.families:
            return False
        if self.group_labels and fold(formation.group_label) not in self.group_labels:
            return False
        if self.detail_words:
            text = fold(f"{formation.detail_label} {formation.label}")
            if not any(w in text for w in self.detail_words):
                return False
        if self.regions and fold(place.region) not in self.regions:
            return False
        if self.network and not in_network(place):
            return False
        if self.concours and not (place.row.get("concours") or "").strip():
            return False
        return True


def in_network(place) -> bool:
    """The place recruits with others: a common concours, or a wish label naming a regroupement/réseau."""
    if (place.row.get("concours") or "").strip():
        return True
    return fold(place.row.get("wish_label") or "").startswith(NETWORK_WORDS)


@dataclass(frozen=True)
class MultipleRule:
    id: str
    label: str
    match: Match
    grouped_by: str  # formation | wish_label
    sub_wishes_counted: bool
    source: str
    quote: str
    a_verifier: bool = False


@dataclass(frozen=True)
class Cap:
    id: str
    value: int
    label: str
    match: Match
    source: str
    quote: str
    a_verifier: bool = False


@dataclass(frozen=True)
class Unmatched:
    id: str
    label: str
    source: str
    why: str
    a_verifier: bool = True
    match: Match | None = None  # the wishes it may concern (counted as simple wishes, shown « à vérifier »)


@dataclass(frozen=True)
class Rules:
    session: int
    label: str
    sources: dict[str, Source]
    wishes: Limit
    apprenticeship_wishes: Limit
    one_per_formation: Limit
    sub_wishes: Limit
    caps: tuple[Cap, ...]
    multiple: tuple[MultipleRule, ...]
    unmatched: tuple[Unmatched, ...]

    def multiple_rule(self, formation, place) -> MultipleRule | None:
        return next((r for r in self.multiple if r.match.holds(formation, place)), None)

    def cap_of(self, formation, place) -> Cap | None:
        return next((c for c in self.caps if c.match.holds(formation, place)), None)

    def unsure_of(self, formation, place) -> Unmatched | None:
        """A rule the data cannot apply that may concern this simple wish (the student checks on Parcoursup)."""
        return next((u for u in self.unmatched if u.match is not None and u.match.holds(formation, place)), None)


def _match(d: dict) -> Match:
    return Match(tuple(d.get("families", ())), tuple(fold(g) for g in d.get("group_labels", ())),
                 tuple(fold(w) for w in d.get("detail_words", ())), tuple(fold(r) for r in d.get("regions", ())),
                 bool(d.get("network", False)), bool(d.get("concours", False)))


def _to_check(d: dict) -> bool:
    """`a_verifier`, or a flag on one part of the rule (`apprenticeship_a_verifier`): either way the student
    must see « à vérifier » on it."""
    return any(v is True for k, v in d.items() if k == "a_verifier" or k.endswith("_a_verifier"))


def _label(d: dict) -> str:
    """`{value}` in a label is the rule's value: a session changing only the value keeps a true label."""
    return d["label"].replace("{value}", str(int(d["value"])))


def _limit(d: dict) -> Limit:
    return Limit(int(d["value"]), _label(d), d["source"], d["quote"], _to_check(d))


def parse(doc: dict) -> Rules:
    """Rules from the TOML document; a rule naming an unknown source is refused (KeyError)."""
    sources = {k: Source(k, v["title"], v.get("url", ""), v.get("note", "")) for k, v in doc["sources"].items()}
    multiple = tuple(MultipleRule(m["id"], m["label"], _match(m), m["grouped_by"], bool(m["sub_wishes_counted"]),
                                  m["source"], m["quote"], _to_check(m))
                     for m in doc.get("multiple", ()))
    caps = tuple(Cap(c["id"], int(c["value"]), _label(c), _match(c), c["source"], c["quote"], _to_check(c))
                 for c in doc.get("caps", ()))
    criteria = ("families", "group_labels", "detail_words", "regions", "network", "concours")
    unmatched = tuple(Unmatched(u["id"], u["label"], u["source"], u["why"], bool(u.get("a_verifier", True)),
                                _match(u) if any(k in u for k in criteria) else None)
                      for u in doc.get("unmatched", ()))
    limits = doc["limits"]
    rules = Rules(int(doc["session"]), doc["label"], sources, _limit(limits["wishes"]),
                  _limit(limits["apprenticeship_wishes"]), _limit(limits["one_per_formation"]),
                  _limit(limits["sub_wishes"]), caps, multiple, unmatched)
    for rule in (*multiple, *caps, *unmatched, rules.wishes, rules.apprenticeship_wishes, rules.one_per_formation,
                 rules.sub_wishes):
        if rule.source not in sources:
            raise KeyError(f"source inconnue : {rule.source}")
        if isinstance(rule, MultipleRule) and rule.grouped_by not in ("formation", "wish_label"):
            raise ValueError(f"{rule.id}: grouped_by {rule.grouped_by!r}")
    return rules


def rules_dir() -> Path:
    """Under MPS_DATA_DIR, read at each call so that the variable moves it (settings.data_dir())."""
    return data_dir() / "parcoursup"


def sessions(folder: Path | None = None) -> dict[int, Path]:
    folder = folder or rules_dir()
    return {int(m.group(1)): p for p in folder.iterdir() if (m := FILE.match(p.name))}


def _merged(base: dict, over: dict) -> dict:
    """`over` on `base`, table by table: a session writing `[limits.wishes] value = 12` keeps every other
    limit and that limit's source. Arrays (of tables too: [[caps]], [[multiple]]) are replaced whole:
    a list of rules is rewritten, not patched item by item."""
    out = dict(base)
    for key, value in over.items():
        out[key] = _merged(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out


def _read(path: Path) -> dict:
    """The document over the one it `extends`: next session writes only the tables and keys that changed."""
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    base = doc.pop("extends", None)
    return _merged(_read(path.with_name(base)), doc) if base else doc


@lru_cache(maxsize=8)
def _load(path: Path) -> Rules:
    return parse(_read(path))


def rules_for(session: int, folder: Path | None = None) -> Rules:
    """The rules of `session`, or of the latest earlier session written (rules change rarely)."""
    known = sessions(folder)
    usable = [s for s in known if s <= session] or sorted(known)[:1]
    return _load(known[max(usable)])


def session_of(today: date) -> int:
    """The Parcoursup session a terminale of this school year applies in (Sept 2026 – Aug 2027: 2027)."""
    return today.year + 1 if today.month >= 9 else today.year
