"""What the engine knows about each formation, computed once per catalogue version (at start-up and after
each import, off the event loop; about a second).

Per formation: its topics (topics.py), popularity, capacity, bac-type fit, study length, variety key,
place coordinates (geo.py), and the position of a student of each mention band; plus the Parcoursup
spécialités statistics. Everything a request multiplies is a numpy array over the formations, so a
request costs a few vector operations instead of Python loops over 3,000 formations.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from mps.db.models import Metier, SpecialiteStat
from mps.domain.catalogue.index import Catalogue, FormationRec
from mps.domain.suggestions import rules
from mps.domain.suggestions.bac_pro import build_field_vectors
from mps.domain.suggestions.explain import place_cards
from mps.domain.suggestions.fit import bac_fit_by_diploma, bac_targets, detail_start, reach_by_band
from mps.domain.suggestions.geo import PlaceGrid, build_grid
from mps.domain.suggestions.metier_names import MetierNames
from mps.domain.suggestions.onisep import Links, OnisepFormations, complete_metiers, formation_sous_domaines
from mps.domain.suggestions.topics import MetierInfo, TopicTables, build_topics, metier_rows
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
LENGTH_CODE = {"": 0, "courte": 1, "longue": 2}
_VARIANT = re.compile(r"\s*(\(statut d.apprenti[^)]*\)|-\s*entierement en distanciel|-\s+en 3 ans|-\s*en distanciel)\s*",
                      re.I)
# Where a diploma's name stops and its variant starts: "Génie biologique Parcours agronomie", "ECG - Maths appliquées".
_VARIANT_START = re.compile(r"\s(?:-|parcours|option|opt)\s", re.I)
# A readable name built from family and length (« Bachelor d'école supérieure de cuisine — 3 ans », « — 4 ans »):
# the length and « post-bac » (true of every formation here) do not make another diploma for the student.
_LENGTH_SUFFIX = re.compile(r"(?:\s+post-bac)?\s*[—–]\s*\d+\s*ans?\b.*$", re.I)
_ART_RESTORATION = re.compile(r"\b(dn made|conservation|mobilier|meubles?|patrimoine|oeuvres?)\b")


@dataclass
class PairStats:
    year: int
    total: int  # "Ensemble des bacheliers" who accepted a proposal
    accepted: dict[str, int]  # stats family -> accepted


@dataclass(slots=True, kw_only=True)
class SuggestionModel:
    version: int
    recs: list[FormationRec]
    index: dict[str, int]
    topics: TopicTables
    grid: PlaceGrid
    popularity: np.ndarray  # 0..1, of the diploma (all its variants), the variant with most places first
    capacity: np.ndarray
    bac_fit: dict[str, np.ndarray]  # bac kind -> % of admitted néo-bacheliers of that kind (nan: unknown)
    length: np.ndarray  # LENGTH_CODE
    niche: np.ndarray  # bool
    apprenticeship: np.ndarray  # bool
    diversity: np.ndarray  # int id of the diploma: variants of one diploma share it
    group: np.ndarray  # int id of the group label ("BTS - Services")
    reach: np.ndarray  # [formations, mention bands]: share of its places that are a reach for that band
    biggest_places: list[list[int]]  # formation -> its places, biggest capacity first (shown without towns)
    place_cards: list[tuple]  # per place (in grid.place_coord's order): what a shown place needs (explain.place_cards)
    apprentice_places: list[np.ndarray]  # formation -> bool per place: it takes apprentices
    bac_target: dict[str, np.ndarray]  # bac kind -> factor: reserved to it 1.15, to others 0.35, open 1
    place_bac_target: dict[str, np.ndarray]  # bac kind -> the same factor per place (in grid.place_coord's order)
    place_apprentice: np.ndarray  # bool per place (in grid.place_coord's order): it takes apprentices
    stats_families: list[tuple[str, ...]]  # formation -> spécialités-file families it belongs to
    family_index: dict[str, int]
    family_matrix: np.ndarray  # [families, formations] 0/1
    family_of: np.ndarray  # [formations, k]: index of each family a formation belongs to, -1 padding
    pairs: dict[frozenset[str], PairStats]
    single_stats: dict[str, PairStats]
    all_students: PairStats  # every pair together: the baseline a pair's choices are compared with
    metier_names: MetierNames | None = None  # the métiers by the words of their names (a search naming a job)
    _factors: dict = field(default_factory=dict)

    @property
    def metiers(self) -> dict[str, MetierInfo]:
        return self.topics.metiers

    @property
    def domains(self) -> list[frozenset[str]]:
        return self.topics.domains


def _label_text(f: FormationRec) -> str:
    # "activités physiques" is sport, not physics; restoring furniture is not running a restaurant.
    text = fold(f.label).replace("activites physiques", "activites sportives")
    if "restauration" in text and _ART_RESTORATION.search(text):
        text = text.replace("restauration", "conservation patrimoine")
    return text


def specific_name(f: FormationRec) -> str:
    """What names this formation within its family: the label from its detail label on ("Information
    communication Parcours journalisme", "Droit / Informatique" for a double licence), else the label."""
    at = detail_start(f)
    return _VARIANT.sub(" ", f.label[at:] if at >= 0 else f.label).strip()


def diversity_key(f: FormationRec) -> str:
    """One key per diploma as a student sees it: apprenticeship, distance-learning, parcours and option
    variants of "BUT - Information communication" share it. A name that starts with its kind of diploma
    (« FCIL - Soudeur », « Licence professionnelle - Métiers du tourisme », « Cycle pluridisciplinaire d'Études
    Supérieures - Humanités ») is cut after the name, not after the kind: two FCIL are two diplomas."""
    base = _LENGTH_SUFFIX.sub("", specific_name(f))
    kind = _group_kind(f.group_label)
    for cut in _VARIANT_START.finditer(base):
        if cut.start() > 0 and not _names_kind(fold(base[:cut.start()]), kind):
            return f"{f.family}|{fold(base[:cut.start()])}"
    return f"{f.family}|{fold(base)}"


def _group_kind(group_label: str) -> str:
    """« CUPGE - Sciences, technologie, santé » -> « cupge »: the kind of diploma a group is named after."""
    return fold(group_label.split(" - ", 1)[0])


def _names_kind(prefix: str, kind: str) -> bool:
    """Whether a folded name prefix is only its group's kind of diploma, in full or as its initials
    (« licence professionnelle » for « LP », « cycle pluridisciplinaire d etudes superieures » for « CPES »)."""
    if not kind or prefix == kind:
        return bool(kind)
    return "".join(w[0] for w in prefix.split() if len(w) >= 4) == kind.replace(" ", "")


_LICENCE_PATTERNS = {name: re.compile(r"\b(?:" + "|".join(words) + r")s?\b")
                     for name, words in rules.STATS_LICENCE_WORDS.items()}


def _stats_families(f: FormationRec) -> tuple[str, ...]:
    out = [name for name, groups in rules.STATS_FAMILY_GROUPS.items() if f.group_label in groups]
    out += [name for name, codes in rules.STATS_FAMILY_CODES.items() if f.family in codes]
    if f.family in ("Licence", "Licence_Las"):
        detail = fold(f.detail_label)
        out += [name for name, p in _LICENCE_PATTERNS.items() if p.search(detail)]
    return tuple(dict.fromkeys(out))


def _pair_stats(rows) -> tuple[dict[frozenset[str], PairStats], dict[str, PairStats], PairStats]:
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
    everyone = PairStats(max(latest.values(), default=0), 0, defaultdict(int))
    for key, stats in pairs.items():
        everyone.total += stats.total
        for fam, n in stats.accepted.items():
            everyone.accepted[fam] += n
        for name in key:
            agg = singles.setdefault(name, PairStats(stats.year, 0, defaultdict(int)))
            agg.total += stats.total
            for fam, n in stats.accepted.items():
                agg.accepted[fam] += n
    return pairs, singles, everyone


def _length(f: FormationRec) -> int:
    if f.family in SHORT_FAMILIES or f.group_label in SHORT_GROUPS:
        return LENGTH_CODE["courte"]
    if f.family in LONG_FAMILIES or f.group_label in LONG_GROUPS or f.group_label.startswith("CUPGE"):
        return LENGTH_CODE["longue"]
    return LENGTH_CODE[""]


def _per_place(recs: list[FormationRec], per_formation: list[np.ndarray]) -> np.ndarray:
    """One array over every place, formations one after the other (a formation without places holds none)."""
    return np.concatenate([v[:len(f.places)] for f, v in zip(recs, per_formation)] or [np.zeros(0)])


def _ids(keys: list[str]) -> np.ndarray:
    table: dict[str, int] = {}
    return np.array([table.setdefault(k, len(table)) for k in keys], dtype=np.int32)


def build_model(cat: Catalogue, metiers: list[dict], stat_rows: list[tuple],
                fiches: OnisepFormations | None = None) -> SuggestionModel:
    fiches = fiches if fiches is not None else OnisepFormations.load()
    links = Links.load()
    recs = sorted(cat.formations.values(), key=lambda f: f.id)
    n = len(recs)
    descriptions = [f"{f.family} | {f.group_label} | {f.label}" for f in recs]
    memo: dict = {}
    sous_domaines = [formation_sous_domaines(d, specific_name(f), links, fiches, memo)
                     for d, f in zip(descriptions, recs)]
    topics = build_topics([_label_text(f) for f in recs], descriptions, sous_domaines,
                          metier_rows(metiers, complete_metiers), fiches.names, fiches.parent,
                          fiches.parent_names)
    topics = replace(topics, bac_pro=build_field_vectors(topics, descriptions))
    keys = [diversity_key(f) for f in recs]
    capacity = np.array([sum(p.row.get("capacity") or 0 for p in f.places) for f in recs], dtype=np.float64)
    size = capacity + 20 * np.array([len(f.places) for f in recs], dtype=np.float64)
    diversity = _ids(keys)
    # Popularity of the diploma (all variants of "Licence - Informatique" together), not of one label.
    by_key = np.bincount(diversity, weights=size)
    raw = np.log1p(by_key[diversity]) + 0.1 * np.log1p(size)
    families = [_stats_families(f) for f in recs]
    family_index = {name: k for k, name in enumerate(sorted({x for fams in families for x in fams}))}
    family_matrix = np.zeros((len(family_index), n), dtype=np.float32)
    for i, fams in enumerate(families):
        for fam in fams:
            family_matrix[family_index[fam], i] = 1.0
    width = max((len(fams) for fams in families), default=0) or 1
    family_of = np.full((n, width), -1, dtype=np.int64)
    for i, fams in enumerate(families):
        family_of[i, :len(fams)] = [family_index[fam] for fam in fams]
    pairs, singles, everyone = _pair_stats(stat_rows)
    bac_target, place_bac_target = bac_targets(recs)
    return SuggestionModel(
        version=cat.version, recs=recs, index={f.id: i for i, f in enumerate(recs)}, topics=topics,
        grid=build_grid(recs), popularity=raw / (raw.max() if n and raw.max() > 0 else 1.0), capacity=capacity,
        bac_fit=bac_fit_by_diploma(recs, diversity), length=np.array([_length(f) for f in recs], dtype=np.int8),
        niche=np.array([f.group_label in NICHE_GROUPS or "distanciel" in t or "reserve" in t
                        for f, t in zip(recs, (fold(f.label) for f in recs))], dtype=bool),
        apprenticeship=np.array([f.apprenticeship for f in recs], dtype=bool), diversity=diversity,
        group=_ids([f.group_label for f in recs]), reach=reach_by_band(recs), bac_target=bac_target,
        place_bac_target={k: _per_place(recs, v) for k, v in place_bac_target.items()},
        place_apprentice=_per_place(recs, [np.array([p.apprenticeship for p in f.places], dtype=bool) for f in recs]),
        biggest_places=[sorted(range(len(f.places)), key=lambda k: -(f.places[k].row.get("capacity") or 0))
                        for f in recs],
        place_cards=place_cards(recs),
        apprentice_places=[np.array([p.apprenticeship for p in f.places], dtype=bool) for f in recs],
        stats_families=families,
        family_index=family_index, family_matrix=family_matrix, family_of=family_of, pairs=pairs, single_stats=singles,
        all_students=everyone, metier_names=MetierNames(topics.metiers.values()))


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
    return build_model(cat, metiers, stat_rows)
