"""Catalogue search that students' words find: accents, case, abbreviations, old names, typos and a town.

Each query word (or phrase of the students' dictionary, read as one token: query_words.py) must find the formation
(AND; words.WordIndex says how a word finds one). A town, département, académie or région at the
end of the query (query_reading.py) becomes a place filter, and results are then ordered by relevance, then distance.
A word found only in some places' options ("lea anglais chinois") keeps those places only.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from mps.domain.catalogue.geocode import Town
from mps.domain.catalogue.metiers import metier_matches, metier_run, metier_word
from mps.domain.catalogue.place_pool import PlacePool
from mps.domain.catalogue.places import PlaceFilter
from mps.domain.catalogue.query_reading import QueryReading
from mps.domain.catalogue.query_words import query_words
from mps.domain.catalogue.status import FILTERS as STATUS_FILTERS, STATUS_WORDS, kept_pairs, read_status
from mps.domain.catalogue.vocabulary import FILTER_WORDS, METIER_LINKS, SYNONYMS
from mps.domain.catalogue.matches import ALL
from mps.domain.catalogue.words import WordIndex
from mps.lib.lru import LRU
from mps.lib.text import fold, place_key

TOWN_RADIUS_KM = 30.0
# Ranked results of this many distinct searches, per catalogue (a new import builds a new one, cache empty).
RESULT_CACHE_SIZE = 4096
# Formations and scores of this many distinct sets of query words (each up to a few hundred formations).
WORD_SET_CACHE_SIZE = 1024
_DIGIT = re.compile(r"\d")
PARTIAL_BONUS = 10  # no formation has every word: the ones with most words first


class SearchParams(NamedTuple):  # a tuple: built and hashed (the results' cache key) in C, not field by field
    q: str = ""
    family: str | None = None  # a browsing type code (formation_types), `famille=` of the query string
    selective: bool | None = None
    apprenticeship: bool | None = None
    departement: str | None = None
    academie: str | None = None
    region: str | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    statut: str | None = None  # public, prive or sous_contrat (status.FILTERS)


@dataclass(slots=True)
class Hit:
    formation_id: str
    score: float
    places: list[tuple[int, float | None]]  # (cod_aff_form, distance_km) in display order
    nearest_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    town: Town | None = None
    place_filter: str | None = None  # what the query's place words were read as
    partial: bool = False  # no formation matched every word: best partial matches shown
    words: list[str] = field(default_factory=list)
    apprenticeship: bool | None = None  # the filter applied: the parameter's, else True if a word asked for it
    statut: str | None = None  # the status filter applied: the parameter's, else the one a word asked for


class SearchIndex:
    def __init__(self, catalogue):
        self.cat = catalogue
        self.words = WordIndex(catalogue.formations.values())
        self.label_len = self.words.label_len
        self.prior = {fid: 0.15 * math.log(1 + len(f.places)) for fid, f in catalogue.formations.items()}
        # In apprenticeship, a formation weighs by its places in apprenticeship: « bts en alternance » is the BTS CG
        # and MCO (22 and 16 such places) before Électrotechnique (3 of 170).
        self.apprentice_shift = {fid: 0.15 * math.log(1 + sum(p.apprenticeship for p in f.places)) - self.prior[fid]
                                 for fid, f in catalogue.formations.items()}
        self.length_factor = {fid: 1 + 0.04 * n for fid, n in self.label_len.items()}  # a long label dilutes a word
        # The label as a tiebreak, as a rank (cheaper than comparing labels); unique: twins by their id.
        by_label = sorted(catalogue.formations.values(), key=lambda f: (f.label, f.id))
        self.label_rank = {f.id: i for i, f in enumerate(by_label)}
        self.type_key = {fid: fold(f.type) for fid, f in catalogue.formations.items()}  # famille= filters the type
        self.reading = QueryReading(catalogue, self.words)  # the place at the end, « école »
        # « droit public », « travaux publics »: a status word that names formations with the word before it.
        self.status_kept = kept_pairs([t for f in catalogue.formations.values()
                                       for t in (f.label, f.group_label, f.detail_label, *(p.option for p in f.places))]
                                      + [*METIER_LINKS, *SYNONYMS, *(m for ms in SYNONYMS.values() for m in ms)])
        # A métier's linked formations, as this catalogue names them (an old id resolved, a gone one left out).
        self.metier_links = {key: tuple(dict.fromkeys(f for f in map(catalogue.resolve, fids) if f))
                             for key, fids in METIER_LINKS.items()}
        self.pool = PlacePool(catalogue)  # the places each search keeps
        self._cache = LRU(RESULT_CACHE_SIZE)
        self._word_sets = LRU(WORD_SET_CACHE_SIZE)

    def _resolve(self, kind: str, value: str | None) -> str | None:
        """A user-typed académie or région name -> the catalogue's spelling (unknown stays as typed)."""
        if not value:
            return None
        found = self.reading.locations.get(place_key(value))
        return found[1] if found and found[0] == kind else value

    # -- search ----------------------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResult:
        result = self._cache.get(params)
        if result is None:
            result = self._search(params)
            self._cache.put(params, result)
        return result

    def _search(self, params: SearchParams, word_filters: bool = True) -> SearchResult:
        words, apprenticeship, asked = query_words(params.q), params.apprenticeship, False
        if _DIGIT.search(params.q):  # « paris 8 »: a university by its number (most queries have no digit)
            words = self.reading.school_numbers(words)
        if not FILTER_WORDS.keys().isdisjoint(words):  # « bts compta en alternance »: a filter, not a word
            words = [w for w in words if w not in FILTER_WORDS]
            asked = word_filters and apprenticeship is None
            apprenticeship = True if asked else apprenticeship
        statut = params.statut
        if not STATUS_WORDS.keys().isdisjoint(words):  # « bts public lyon »: a filter; « droit public »: words
            words, said = read_status(words, self.status_kept)
            statut = statut or said
        words, location, town = self.reading.split_place(words)
        words = self.reading.plain_words(words)  # « dinge », « prof eps », an idle « école »
        departement, academie, region = params.departement, params.academie, params.region
        place_filter, overseas = None, False
        if location:
            kind, value = location
            place_filter = value if kind != "departement" else f"département {value}"
            overseas = kind == "overseas"
            departement = value if kind == "departement" else departement
            academie = value if kind == "academie" else academie
            region = value if kind == "region" else region
        near, radius, other = params.near, params.radius_km, None
        if town and near is None:
            near, radius = (town.lat, town.lon), radius or TOWN_RADIUS_KM
            place_filter = town.label
            before = self.reading.town_before(words) if words else None
            if before is not None:  # « bts lyon ou grenoble »: around either
                words, other = before
                place_filter = f"{other.label} ou {town.label}"

        candidates, partial, only, score = self._matches(words)
        fam = fold(params.family) if params.family else None
        if fam:
            candidates = [fid for fid in candidates if self.type_key[fid] == fam]
        academie = self._resolve("academie", academie) if academie else None
        region = self._resolve("region", region) if region else None
        filters = PlaceFilter(params.selective, apprenticeship, departement, academie, region, near, radius, overseas,
                              STATUS_FILTERS[statut] if statut else None)
        pool = self.pool
        eligible = pool.eligible(filters, candidates)
        if other is not None:
            filters.near = (other.lat, other.lon)
            eligible = pool.either(eligible, pool.eligible(filters, candidates))
        # Each hit with its sort key: around a point, relevance in tenths (rounded as search.js does: Python's round()
        # halves to even) then distance, else relevance; the label's rank (unique) breaks ties, so the tuples never
        # compare their hits.
        keyed = []
        if eligible is None:
            pairs = ((fid, pool.all_places[fid]) for fid in candidates)
        else:  # only the formations with places passing the filters: most candidates have none near a town
            pairs = eligible.items()
        rank = self.label_rank
        shift = self.apprentice_shift if apprenticeship else None
        for fid, places in pairs:
            if places and fid in only:  # words found in some places' options: those places only
                places = [t for t in places if t[0] in only[fid]]
            if not places:
                continue
            s = score(fid) if shift is None else score(fid) + shift[fid]
            if near is not None:
                nearest = places[0][1]
                keyed.append((-math.floor(s * 10 + 0.5), 1e9 if nearest is None else nearest, rank[fid],
                              Hit(fid, s, places, nearest)))
            else:
                keyed.append((-s, rank[fid], Hit(fid, s, places)))
        keyed.sort()
        hits = [k[-1] for k in keyed]
        if asked and not hits:  # none in apprenticeship: the formations the other words find, said so
            return self._search(params, word_filters=False)
        return SearchResult(hits, town, place_filter, partial, words, apprenticeship, statut)

    def _matches(self, words: list[str]):
        """(the formations the words find, partial, formation -> the only places its option words allow,
        score(formation)); score() is asked only of the formations kept, and remembered.

        Worked out once per set of words (an LRU): students ask the same words around different towns, and each
        search still measures its own places and ranks its own hits."""
        if not words:
            return self.prior.keys(), False, {}, self.prior.__getitem__
        key = tuple(words)
        found = self._word_sets.get(key)
        if found is None:
            found = self._word_set(words)
            self._word_sets.put(key, found)
        return found

    def _word_set(self, words: list[str]):
        per_word = [self.words.token(w) for w in words]
        run = metier_run(words)
        if run is not None:  # a job's name: what its words name, then the formations ONISEP links it to
            start, end, name = run
            schools = self.words.schools
            named = frozenset(fid for t in words[start:end] for w in t.split(" ")
                              for form in {w, metier_word(w)} for fid in schools.get(form, ()))
            per_word[start:end] = [metier_matches(per_word[start:end], self.metier_links[name], self.words.n, named)]
        # From the rarest word's formations: a dict view's & walks the smaller side (set(), &= walked the whole
        # of each word's formations, thousands for « bts »).
        by_size = sorted(per_word, key=len)
        common = set(by_size[0])
        for m in by_size[1:]:
            common = m.keys() & common
        only: dict[str, frozenset] = {}
        for fid in self.words.restricted(words, common):  # the rest match on the formation itself
            allowed = ALL
            for m in per_word:
                places = m[fid][1]
                allowed = places if allowed is ALL else allowed if places is ALL else allowed & places
            if allowed is not ALL:
                only[fid] = allowed
        if only:
            common = {fid for fid in common if only.get(fid, True)}
        partial = not common
        length, prior, scores = self.length_factor, self.prior, {}

        def score(fid: str) -> float:
            s = scores.get(fid)
            if s is None:
                matched = [m[fid][0] for m in per_word if fid in m]  # (sum() of one float is that float)
                s = sum(matched) / length[fid] + prior[fid] + (len(matched) * PARTIAL_BONUS if partial else 0)
                scores[fid] = s
            return s

        if partial:  # no formation has every word: the ones with most words first
            return set().union(*per_word), True, {}, score
        return common, False, only, score
