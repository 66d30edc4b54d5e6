"""What the engine knows about each formation, computed once per catalogue version.

Built from the in-memory catalogue plus two small tables (ONISEP métiers, Parcoursup spécialités
statistics): per formation its sub-domains, interests shown by its label, bac-type fit, study length,
popularity and place coordinates. Requests then only add up numbers over these lists.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from mps.db.models import Metier, SpecialiteStat
from mps.domain.catalogue.index import Catalogue, FormationRec
from mps.domain.suggestions import rules
from mps.domain.suggestions.onisep import OnisepDomains, domains_of_text
from mps.lib.text import fold

SHORT_FAMILIES = {"BTS", "BUT", "EFTS", "IFSI"}
SHORT_GROUPS = {"DEUST", "D.E secteur sanitaire", "D.E secteur social", "BPJEPS", "DEJEPS", "Mention complémentaire",
                "FCIL", "Formation professionnelle", "DN MADE"}
LONG_FAMILIES = {"Licence", "Licence_Las", "PASS", "CPGE", "Ecole d'Ingénieur", "Ecole de Commerce"}
LONG_GROUPS = {"Sciences politiques", "C.M.I - Cursus Master en Ingénierie", "Formations Bac + 5", "CPES",
               "Formations des écoles vétérinaires", "Classe préparatoire aux études supérieures", "DCG"}
# Local or niche offers: shown, but after the well-known diplomas of the same field.
NICHE_GROUPS = {"Diplôme d'Université", "Diplôme d'Etablissement", "Diplôme d'établissement", "FCIL",
                "Formation professionnelle", "Mise à niveau", "Année préparatoire", "Formations Bac + 3",
                "Mention complémentaire", "Formation valant grade de licence"}
_VARIANT = re.compile(r"\s*(\(statut d.apprenti[^)]*\)|-\s*entierement en distanciel|-\s+en 3 ans)\s*", re.I)
MAX_PREFIX_MEMBERS = 60
STOP_PREFIXES = {"contro", "techni", "respon", "charge", "agent", "assist", "direct", "conseil", "operat", "ouvrie", "employ",
                 "specia", "gestio", "profes", "metier", "superi", "adjoin", "chef", "animat", "cadre"}


@dataclass(slots=True)
class MetierInfo:
    id: str
    label: str
    domains: frozenset[str]
    prefixes: tuple[str, ...]  # 6-letter word starts that find formations named after it


@dataclass
class PairStats:
    year: int
    total: int  # "Ensemble des bacheliers" who accepted a proposal
    accepted: dict[str, int]  # stats family -> accepted


@dataclass
class SuggestionModel:
    version: int
    recs: list[FormationRec]
    index: dict[str, int]
    domains: list[frozenset[str]]
    dom_members: dict[str, list[int]]
    interest_direct: dict[str, set[int]]
    popularity: list[float]
    capacity: list[int]
    bac_fit: dict[str, list[float | None]]  # kind -> % of admitted néo-bacheliers of that bac kind
    length: list[str]  # courte | longue | ""
    niche: list[bool]
    diversity_key: list[str]
    coords: list[tuple[float, float]]  # distinct place coordinates (radians)
    place_coords: list[list[int]]  # formation -> distinct indexes in coords
    place_coord: list[list[int]]  # formation -> index in coords of each of its places (-1: no GPS)
    stats_families: list[tuple[str, ...]]  # formation -> spécialités-file families it belongs to
    family_members: dict[str, list[int]]
    pairs: dict[frozenset[str], PairStats]
    metiers: dict[str, MetierInfo]
    prefix_members: dict[str, set[int]]
    single_stats: dict[str, PairStats] = field(default_factory=dict)
    _factors: dict = field(default_factory=dict)

    def static_factors(self, kind: str | None, duree: str | None, alternance: str | None) -> list[float]:
        """Product of the per-formation factors that depend only on bac kind, study length and alternance
        (few combinations: cached), so a request multiplies one list instead of testing each formation."""
        key = (kind, duree, alternance)
        found = self._factors.get(key)
        if found is None:
            found = self._factors[key] = _static_factors(self, kind, duree, alternance)
        return found


_ART_RESTORATION = re.compile(r"\b(dn made|conservation|mobilier|meubles?|patrimoine|oeuvres?)\b")


def _label_text(f: FormationRec) -> str:
    # "activités physiques" is sport, not physics; restoring furniture is not running a restaurant.
    text = fold(f.label).replace("activites physiques", "activites sportives")
    if "restauration" in text and _ART_RESTORATION.search(text):
        text = text.replace("restauration", "conservation patrimoine")
    return text


_LICENCE_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(words) + r")s?\b")
                     for name, words in rules.STATS_LICENCE_WORDS.items()}


def _stats_families(f: FormationRec, detail: str) -> tuple[str, ...]:
    out = [name for name, groups in rules.STATS_FAMILY_GROUPS.items() if f.group_label in groups]
    out += [name for name, codes in rules.STATS_FAMILY_CODES.items() if f.family in codes]
    if f.family in ("Licence", "Licence_Las"):
        out += [name for name, p in _LICENCE_PATTERNS.items() if p.search(detail)]
    return tuple(dict.fromkeys(out))


def _metier_info(m: dict, patterns: dict[str, re.Pattern], memo: dict) -> MetierInfo:
    doms = set(domains_of_text(m["domains"] or "", patterns, memo)) if m["domains"] else set()
    label = fold(m["label"])
    doms |= {d for d, p in patterns.items() if p.search(label)}
    prefixes = tuple(dict.fromkeys(w[:6] for w in label.split() if len(w) >= 4 and w[:6] not in STOP_PREFIXES))
    return MetierInfo(m["id"], m["label"], frozenset(doms), prefixes)


def _pair_stats(rows) -> tuple[dict[frozenset[str], PairStats], dict[str, PairStats]]:
    latest: dict[frozenset[str], int] = {}
    for year, pair, *_ in rows:
        key = frozenset(pair.split(","))
        latest[key] = max(latest.get(key, 0), year)
    pairs: dict[frozenset[str], PairStats] = {}
    for year, pair, family, accepted in rows:
        key = frozenset(pair.split(","))
        if year != latest[key]:
            continue
        stats = pairs.setdefault(key, PairStats(year, 0, {}))
        if family == "Ensemble des bacheliers":
            stats.total = accepted
        elif family not in rules.IGNORED_STATS_FAMILIES:
            stats.accepted[family] = accepted
    singles: dict[str, PairStats] = {}  # one spécialité: every pair that holds it, added up
    for key, stats in pairs.items():
        for name in key:
            agg = singles.setdefault(name, PairStats(stats.year, 0, defaultdict(int)))
            agg.total += stats.total
            for fam, n in stats.accepted.items():
                agg.accepted[fam] += n
    return pairs, singles


def build_model(cat: Catalogue, metiers: list[dict], stat_rows: list[tuple], onisep: OnisepDomains | None = None
                ) -> SuggestionModel:
    patterns = rules.domain_patterns()
    interest_patterns = {ci: rules.word_pattern(words) for ci, (_, words) in rules.INTEREST_LINKS.items()}
    recs = sorted(cat.formations.values(), key=lambda f: f.id)
    detail_counts = defaultdict(int)
    for f in recs:
        detail_counts[(f.family, f.detail_label)] += 1
    coord_index: dict[tuple[float, float], int] = {}
    m = SuggestionModel(cat.version, recs, {}, [], defaultdict(list), defaultdict(set), [], [],
                        {"general": [], "techno": [], "pro": []}, [], [], [], [], [], [], [], defaultdict(list), {},
                        {}, defaultdict(set))
    for i, f in enumerate(recs):
        m.index[f.id] = i
        text, detail = _label_text(f), fold(f.detail_label)
        doms = {d for d, p in patterns.items() if p.search(text)} | set(rules.FAMILY_DOMAINS.get(f.family, ()))
        if onisep is not None:
            doms |= onisep.domains_of(f)
        m.domains.append(frozenset(doms))
        for d in doms:
            m.dom_members[d].append(i)
        for ci, p in interest_patterns.items():
            if p.search(text):
                m.interest_direct[ci].add(i)
        for word in set(text.split()):
            if len(word) >= 4:
                m.prefix_members[word[:6]].add(i)
        cap = sum(p.row.get("capacity") or 0 for p in f.places)
        m.capacity.append(cap)
        if f.family in SHORT_FAMILIES or f.group_label in SHORT_GROUPS:
            m.length.append("courte")
        elif f.family in LONG_FAMILIES or f.group_label in LONG_GROUPS or f.group_label.startswith("CUPGE"):
            m.length.append("longue")
        else:
            m.length.append("")
        m.niche.append(f.group_label in NICHE_GROUPS or "distanciel" in text or "reserve" in text)
        generic = detail_counts[(f.family, f.detail_label)] > 15 and f.family not in ("Licence", "Licence_Las")
        base = _VARIANT.sub(" ", f.label).strip() if generic or not f.detail_label else f.detail_label
        m.diversity_key.append(f"{f.family}|{fold(base)}")
        aligned = []
        for p in f.places:
            if p.lat is None or p.lon is None:
                aligned.append(-1)
                continue
            key = (round(math.radians(p.lat), 5), round(math.radians(p.lon), 5))
            aligned.append(coord_index.setdefault(key, len(coord_index)))
        m.place_coord.append(aligned)
        m.place_coords.append(sorted({k for k in aligned if k >= 0}))
        fams = _stats_families(f, detail)
        m.stats_families.append(fams)
        for fam in fams:
            m.family_members[fam].append(i)
    _bac_fit_by_diploma(m)
    # Popularity of the diploma (all variants of "Licence - Informatique" together), not of one label.
    by_key: dict[str, float] = defaultdict(float)
    for i, f in enumerate(recs):
        by_key[m.diversity_key[i]] += m.capacity[i] + 20 * len(f.places)
    # The variant with the most places leads its diploma (ties otherwise fall to alphabetical order).
    raw = [math.log1p(by_key[k]) + 0.1 * math.log1p(m.capacity[i] + 20 * len(recs[i].places))
           for i, k in enumerate(m.diversity_key)]
    top = max(raw, default=1.0) or 1.0
    m.popularity = [p / top for p in raw]
    # A métier name that finds too many formations ("contrôleur" -> every "contrôle") says nothing.
    m.prefix_members = {k: v for k, v in m.prefix_members.items() if len(v) <= MAX_PREFIX_MEMBERS}
    m.coords = list(coord_index)
    m.pairs, m.single_stats = _pair_stats(stat_rows)
    memo: dict = {}
    m.metiers = {row["id"]: _metier_info(row, patterns, memo) for row in metiers}
    m.dom_members, m.interest_direct, m.family_members = dict(m.dom_members), dict(m.interest_direct), dict(m.family_members)
    return m


BAC_REFERENCE = {"general": 35.0, "techno": 20.0, "pro": 30.0}  # % of admitted from which a formation fits fully
LENGTH_FACTOR = {"courte": {"courte": 1.0, "longue": 0.45, "": 0.8}, "longue": {"longue": 1.0, "courte": 0.55, "": 0.8}}
ALTERNANCE_FACTOR = {"tres_interesse": (1.3, 0.8), "interesse": (1.15, 1.0), "pas_interesse": (0.6, 1.0)}  # (apprenti, other)
NICHE_FACTOR = 0.75


def _static_factors(m: "SuggestionModel", kind, duree, alternance) -> list[float]:
    fit, ref = (m.bac_fit[kind], BAC_REFERENCE[kind]) if kind in m.bac_fit else (None, 1.0)
    length, alt = LENGTH_FACTOR.get(duree or ""), ALTERNANCE_FACTOR.get(alternance or "")
    out = []
    for i, f in enumerate(m.recs):
        x = NICHE_FACTOR if m.niche[i] else 1.0
        if fit is not None:
            pct = fit[i]
            x *= 0.6 if pct is None else 0.15 + 0.85 * min(1.0, pct / ref)
        if length:
            x *= length[m.length[i]]
        if alt:
            x *= alt[0] if f.apprenticeship else alt[1]
        out.append(x)
    return out


def _bac_fit_by_diploma(m: SuggestionModel) -> None:
    """% of admitted néo-bacheliers of each bac kind, over all the places of all variants of a diploma.

    Per variant the figures are noisy (a licence parcours with 12 students); the diploma is what the
    student chooses first, so its variants share one figure.
    """
    sums: dict[str, dict[str, list[float]]] = {k: defaultdict(lambda: [0.0, 0.0]) for k in m.bac_fit}
    for i, f in enumerate(m.recs):
        for p in f.places:
            w = p.row.get("admitted_neo") or 0
            for kind, acc in sums.items():
                v = p.row.get(f"pct_{kind}")
                if w and v is not None:
                    acc[m.diversity_key[i]][0] += w * v
                    acc[m.diversity_key[i]][1] += w
    for kind, acc in sums.items():
        m.bac_fit[kind] = [(acc[k][0] / acc[k][1]) if k in acc and acc[k][1] else None for k in m.diversity_key]


async def read_tables(engine: AsyncEngine) -> tuple[list[dict], list[tuple]]:
    """The métiers and spécialités statistics the model needs (small tables)."""
    async with engine.connect() as conn:
        metiers = [dict(r._mapping) for r in await conn.execute(select(Metier.id, Metier.label, Metier.domains))]
        stat_rows = [tuple(r) for r in await conn.execute(
            select(SpecialiteStat.bac_year, SpecialiteStat.pair, SpecialiteStat.family, SpecialiteStat.accepted))]
    return metiers, stat_rows


async def load_model(engine: AsyncEngine, cat: Catalogue) -> SuggestionModel:
    """Read the métiers and spécialités tables, then build the model for this catalogue."""
    metiers, stat_rows = await read_tables(engine)
    return build_model(cat, metiers, stat_rows, OnisepDomains.load())
