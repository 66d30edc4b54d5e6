"""The ONISEP layer (ODbL): which ONISEP sous-domaines each formation and each métier belongs to.

ONISEP files its formations and its métiers under the same ~130 « sous-domaines » ("mécanique/
aéronautique", "agriculture, animaux/soins aux animaux"). That shared vocabulary is the link between a
métier and the formations that lead to it: the métier « mécanicien d'entretien d'avion » and the
« BTS aéronautique » are both filed under « aéronautique », whatever their names say.

- A Parcoursup formation finds its ONISEP fiche by its name, among the ONISEP diploma types of its
  family (BTS in « brevet de technicien supérieur »...), and takes its sous-domaines; families whose
  names say nothing of the speciality (veterinary, engineering, business schools) take theirs from
  data/onisep/mps-liens-onisep.json.
- A métier without sous-domaines in the Idéo file borrows those of the métiers whose names share its
  most specific words ("pilote d'aviation d'affaires" -> "pilote de ligne", "pilote d'hélicoptère").
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mps.lib.text import fold
from mps.settings import data_dir

# Under MPS_DATA_DIR (settings.data_dir()).
ONISEP_FORMATIONS = Path("onisep") / "ideo-formations_initiales_en_france_2022-05.csv"
LINKS = Path("onisep") / "mps-liens-onisep.json"
MAX_UNION = 3  # fiches that tie for a name: their sous-domaines together up to 3, the shared ones beyond
MIN_CONTAINMENT = 0.6  # share (idf-weighted) of the formation's specific words the ONISEP fiche must hold
# Words that name a diploma type or a variant, not a speciality: « Licence professionnelle » alone matches no fiche.
STOP = set("""a au aux d de des du en et l la le les un une ou sur pour avec dans par
bts btsa but licence mention parcours option options specialite cpge classe preparatoire annee 1re 2e 3e
1ere premiere seconde formation formations diplome national etat dn made deust bp jeps bpjeps dejeps mc
complementaire fcil production services service agricole statut apprenti possible tout partie annees dela
premiere entierement distanciel ans bac portail double professionnel professionnelle""".split())


def sous_domaine_key(item: str) -> str:
    """'mécanique/aéronautique' -> 'aeronautique' (the two ONISEP files spell the domain part differently)."""
    return fold(item.partition("/")[2] or item)


def split_items(text: str) -> list[str]:
    return [sous_domaine_key(x) for x in (text or "").split("|") if x.strip()]


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if w not in STOP and len(w) > 1]


@dataclass(frozen=True)
class FamilyRule:
    pattern: re.Pattern
    types: tuple[str, ...]
    sous_domaines: tuple[str, ...]
    always: bool


@dataclass(frozen=True)
class Links:
    """The hand-written tables of data/onisep/mps-liens-onisep.json."""

    domains_of: dict[str, tuple[str, ...]]  # sous-domaine -> dom ids
    rules: tuple[FamilyRule, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> "Links":
        return cls._load(path or data_dir() / LINKS)

    @classmethod
    @lru_cache(maxsize=2)
    def _load(cls, path: Path) -> "Links":
        raw = json.loads(path.read_text(encoding="utf-8"))
        rules = tuple(FamilyRule(re.compile(r["famille"], re.I), tuple(r.get("types_onisep", ())),
                                 tuple(r.get("sous_domaines", ())), bool(r.get("toujours")))
                      for r in raw["familles"])
        return cls({k: tuple(v) for k, v in raw["sous_domaines"].items()}, rules)

    def rule_for(self, description: str) -> FamilyRule | None:
        return next((r for r in self.rules if r.pattern.search(description)), None)


class OnisepFormations:
    """ONISEP formation fiches grouped by diploma type, searchable by the words of their names."""

    def __init__(self, rows: list[tuple[str, str, str]]):
        self.by_type: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = defaultdict(list)
        self.names: dict[str, str] = {}  # sous-domaine key -> as ONISEP writes it, for explanations
        self.parent: dict[str, str] = {}  # sous-domaine key -> its ONISEP domain ("mecanique")
        self.parent_names: dict[str, str] = {}  # ONISEP domain key -> as ONISEP writes it
        df: Counter = Counter()
        for type_label, label, domains in rows:
            for item in domains.split("|"):
                domain, _, sub = item.strip().partition("/")
                if sub:
                    key = sous_domaine_key(item)
                    self.names.setdefault(key, re.sub(r"\s+-\s+", ", ", sub.strip()))
                    self.parent.setdefault(key, fold(domain))
                    self.parent_names.setdefault(fold(domain), re.sub(r"\s+-\s+", ", ", domain.strip()))
            words = frozenset(_words(label))
            if words and domains:
                self.by_type[type_label].append((words, frozenset(split_items(domains))))
                df.update(words)
        n = sum(len(v) for v in self.by_type.values()) or 1
        self.idf = {w: math.log(1 + n / c) for w, c in df.items()}
        self.unseen_idf = math.log(1 + n)  # a word no fiche uses is the most specific of all, not the least

    @classmethod
    def load(cls, path: Path | None = None) -> "OnisepFormations":
        return cls._load(path or data_dir() / ONISEP_FORMATIONS)

    @classmethod
    @lru_cache(maxsize=1)
    def _load(cls, path: Path) -> "OnisepFormations":
        if not path.exists():
            return cls([])
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = [(r["libellé type formation"] or "", f'{r["libellé formation principal"] or ""} {r["sigle formation"] or ""}',
                     r["domaine/sous-domaine"] or "") for r in csv.DictReader(fh, delimiter=";")]
        return cls(rows)

    def best(self, text: str, types: tuple[str, ...]) -> frozenset[str]:
        """Sous-domaines of the fiche(s) of these types whose names hold most of the text's specific words."""
        words = set(_words(text))
        weight = sum(self.idf.get(w, self.unseen_idf) for w in words)
        if not weight:
            return frozenset()
        scored = []  # (share of the formation's words the fiche holds, share of the fiche's words it matches)
        for t in types:
            for fiche_words, doms in self.by_type.get(t, ()):
                common = sum(self.idf[w] for w in words & fiche_words)
                if common:
                    scored.append((common / weight, common / sum(self.idf[w] for w in fiche_words), doms))
        if not scored:
            return frozenset()
        best = max(s[0] for s in scored)
        if best < MIN_CONTAINMENT:
            return frozenset()
        tightest = max(s[1] for s in scored if s[0] >= best - 1e-9)
        # Every fiche as good and about as tight: the options of one BTS ("SIO option A", "option B") together;
        # when many tie (a vague name), only what most of them share.
        ties = [d for c, tight, d in scored if c >= best - 1e-9 and tight >= 0.6 * tightest]
        if len(ties) <= MAX_UNION:
            return frozenset().union(*ties)
        counts = Counter(x for d in ties for x in d)
        return frozenset(x for x, k in counts.items() if 2 * k >= len(ties))


_VARIANT_CUT = re.compile(r"\s(?:-|parcours|option|opt|\()\s?", re.I)


def _names(name: str) -> list[str]:
    """'Génie biologique Parcours agronomie' -> itself, then 'Génie biologique' (variants cut off one by one)."""
    out = [name]
    while (m := list(_VARIANT_CUT.finditer(out[-1]))) and m[-1].start() > 0:
        out.append(out[-1][:m[-1].start()])
    return out


def formation_sous_domaines(description: str, name: str, links: Links, fiches: OnisepFormations,
                            memo: dict | None = None) -> frozenset[str]:
    """Sous-domaines of one formation: `description` is "family | group | label", `name` its specific words.
    `memo` shares the answer between formations of one rule and name (1,800 licences, ~100 names)."""
    rule = links.rule_for(description)
    if rule is None:
        return frozenset()
    key = (id(rule), name)
    if memo is not None and key in memo:
        return memo[key]
    found: frozenset[str] = frozenset()
    for candidate in _names(name) if rule.types else ():
        found = fiches.best(candidate, rule.types)
        if found:
            break
    if rule.sous_domaines and (rule.always or not found):
        found = found | set(rule.sous_domaines)
    if memo is not None:
        memo[key] = frozenset(found)
    return frozenset(found)


def complete_metiers(metiers: dict[str, tuple[str, frozenset[str]]], keys) -> dict[str, frozenset[str]]:
    """{id: (label, sous-domaines)} -> sous-domaines of every métier. When Idéo gives none: the sous-domaines
    its name says ("peintre aéronautique" -> aéronautique), else those of the métiers whose names share its
    most specific words ("pilote d'aviation d'affaires" -> "pilote de ligne")."""
    known = {mid: doms for mid, (_, doms) in metiers.items() if doms}
    words = {mid: set(_words(label)) - {"ne", "e", "euse", "trice", "ere", "iere"} for mid, (label, _) in metiers.items()}
    df = Counter(w for mid in known for w in words[mid])
    named = [(k, re.compile(rf"\b{re.escape(k)}\b")) for k in keys if len(k) >= 5]
    out = dict(known)
    for mid, (label, doms) in metiers.items():
        if doms:
            continue
        folded = fold(label)
        said = frozenset(k for k, p in named if p.search(folded))
        if said:
            out[mid] = said
            continue
        votes: Counter = Counter()
        for other, other_doms in known.items():
            shared = words[mid] & words[other]
            if shared:
                strength = sum(1.0 / df[w] for w in shared)
                for d in other_doms:
                    votes[d] += strength
        top = max(votes.values(), default=0)
        out[mid] = frozenset(d for d, v in votes.items() if v >= 0.7 * top) if top else frozenset()
    return out
