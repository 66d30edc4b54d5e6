"""The search relevance table (tests/data/search_relevance.csv) and its measures: hit@1, hit@3, MRR.

Queries are students' words with the formation(s) a counsellor expects first. The `tune` rows are the
ones the search was tuned on; the held-out rows (`holdout`, written with them; `holdout2`, phone-typed
queries written before the intent work; `holdout3` after it; `holdout4`, parents' sentences, diploma levels,
domains, regions, English words, written before the filter and filler words;
`holdout5`, students' abbreviations, bac intentions, jobs, English, typos, towns and SMS, written before the
bac-intention work of issue 10; `holdout6`, students' abbreviations, old names, job intents, towns, SMS, plural and
feminine forms, written before the work tuned on `tune3`; `holdout7`, phone-typed speciality + town, known leftovers,
missing accents and doubled letters, English words, very short queries, questions, CAP / bac pro / apprenticeship
intents and overseas towns, written before the work of helper h5 on 2 Dec, which then tuned on it; `holdout8`, 40 queries
of the same kinds written after that work, never looked at; `holdout9`, 48 ONISEP métier names in students' forms
(feminine, plural, unaccented, « devenir … », « métier de … ») written before the métier rule of helper h2 — `tune9`, 46 others,
is what that rule was tuned on; `holdout11`, 101 phone-typed queries over every formation family with towns, département
numbers and names, regions, SMS, English words and questions, written before the place-name work of helper h6 — `tune11`,
44 of the same kinds, is what it was tuned on; `holdout10`, 49 métier queries as students type them, every sector, jobs
with no formation of their name, written before the links were ranked by the job's words — `tune10`, 30 others with
the known failures, is what that was tuned on; `holdout12`, 84 phone-typed queries written by h4 on 3 Dec before any
of their rules: universities by name and number, schools, overseas, abroad, two towns, métiers with feminine and plural
forms, SMS and typos, many expecting a place as well as a formation, « formation@school » or « formation#town or
département »; `holdout13`, 94 phone-typed queries written by h2 on 3 Dec from the catalogue before any of their rules: a
school type and a town (« lycée bordeaux », « iut de tours », « prépa marseille »), public / privé words, académies and
old regions, intentions (« faire du droit », « travailler en crèche »), double licences and universities by name,
Arts et Métiers, schools by name (ENS, IEP, business and engineering schools), a métier and a town, SMS, typos and
town-first orders) are only measured, never tuned on. `tune13` (h2, 3 Dec), 36 queries of holdout13's kinds with the
known misses of 3 Dec (« lycée nantes », « prof eps lyon », « arts et metiers », « droit nancy metz », « paris saclay »;
some repeat holdout12's, which are then no longer untouched), is what h2's rules were tuned on. `tune4` (h4, 2 Dec:
dotted abbreviations, old BTS/DUT names, second-year prépa names, « école de X », job names' feminine and field forms)
was written before its queries were tried, then tuned on. Used by tests/integration/catalogue/test_search_relevance.py (floors) and
bench/search_relevance.py (figures).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from mps.domain.catalogue.search import SearchParams
from mps.lib.text import fold

TABLE = Path(__file__).resolve().parents[2] / "data" / "search_relevance.csv"
DEPTH = 10  # ranks beyond this count as a miss in MRR


@dataclass(frozen=True)
class Case:
    set: str
    query: str
    expected: frozenset[str]
    why: str


@dataclass
class Scores:
    n: int
    hit1: float
    hit3: float
    mrr: float
    misses: list[tuple[str, list[str]]]  # (query, first 3 ids) where the expected formation was not first


def cases(which: str | None = None) -> list[Case]:
    with TABLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    out = [Case(r["set"], r["query"], frozenset(r["expected"].split("|")), r["why"]) for r in rows]
    return [c for c in out if which is None or c.set == which]


def rank(cat, case: Case) -> int | None:
    """1-based rank of the first expected formation among the results, None beyond DEPTH."""
    expected = {cat.resolve(fid) or fid for fid in case.expected if not _PLACED.search(fid)}
    placed = [_placed(e) for e in case.expected if _PLACED.search(e)]
    hits = cat.search.search(SearchParams(q=case.query)).hits[:DEPTH]
    return next((i + 1 for i, h in enumerate(hits) if h.formation_id in expected
                 or any(_shows(cat, h, *p) for p in placed)), None)


# An expected result with a place (holdout12: « paris 8 », « bts lyon ou grenoble », « dom tom »):
# `formation@school words` or `formation#town or département code`, the formation an id, a prefix ending in « * »
# or « * » alone; the hit's first place (the one a student sees first) must be of that school or in that place.
_PLACED = re.compile(r"[*@#]")


def _placed(spec: str) -> tuple[str, str, str]:
    fid, _, place = spec.partition("#")
    fid, _, school = fid.partition("@")
    return fid, fold(school), fold(place)


def _shows(cat, hit, fid: str, school: str, place: str) -> bool:
    if not (hit.formation_id.startswith(fid[:-1]) if fid.endswith("*") else hit.formation_id == fid):
        return False
    first = cat.places[hit.places[0][0]]
    if school and f" {school} " not in f" {fold(first.etablissement)} ":
        return False
    if place.isdigit():
        return first.departement_code.startswith(place)
    return not place or fold(first.commune).startswith(place)


def parts() -> list[str]:
    """The table's parts in their order of appearance: tune, then the held-out sets."""
    return list(dict.fromkeys(c.set for c in cases()))


def evaluate(cat, which: str) -> Scores:
    selected = cases(which)
    ranks = [rank(cat, c) for c in selected]
    misses = [(c.query, [h.formation_id for h in cat.search.search(SearchParams(q=c.query)).hits[:3]])
              for c, r in zip(selected, ranks) if r != 1]
    n = len(selected)
    return Scores(n, sum(r == 1 for r in ranks) / n, sum(r is not None and r <= 3 for r in ranks) / n,
                  sum(1 / r for r in ranks if r) / n, misses)
