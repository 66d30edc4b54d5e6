"""Catalogue search that students' words find: accents, case, abbreviations, old names, typos and a town.

Each query word (or phrase of the students' dictionary, read as one token: query_words.py) must find the formation
(AND; words.WordIndex says how a word finds one). A town, département, académie or région at the
end of the query becomes a place filter, and results are then ordered by relevance, then distance.
A word found only in some places' options ("lea anglais chinois") keeps those places only.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from mps.domain.catalogue.geocode import Town
from mps.domain.catalogue.metiers import metier_matches, metier_run, metier_word
from mps.domain.catalogue.places import Grid, PlaceFilter
from mps.domain.catalogue.query_words import query_words
from mps.domain.catalogue.vocabulary import (FILTER_WORDS, JOB_WORDS, METIER_LINKS, METIER_WORDS, PLACE_NAMES,
                                               STOP_WORDS)
from mps.domain.catalogue.words import ALL, WordIndex, within_one_edit
from mps.lib.geo import Around, latitude_terms
from mps.lib.lru import LRU
from mps.lib.text import digits_only, fold, place_key

TOWN_RADIUS_KM = 30.0
# Ranked results of this many distinct searches, per catalogue (a new import builds a new one, cache empty).
RESULT_CACHE_SIZE = 4096
# Formations and scores of this many distinct sets of query words (each up to a few hundred formations).
WORD_SET_CACHE_SIZE = 1024
MISSPELT_TOWN_MIN = 5  # letters of a word read as a misspelt town (search.js MISSPELT_TOWN_MIN)
MAX_PLACE_WORDS = 6  # « saint jean pied de port », « provence alpes cote d azur »
_SAINT = {"st": "saint", "ste": "sainte"}  # place_key() of a folded word
PARTIAL_BONUS = 10  # no formation has every word: the ones with most words first
SCHOOL_NOUNS = frozenset({"ecole", "ecoles", "school"})  # (search.js SCHOOL_NOUNS)


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
        self.locations = self._location_keys()
        # The first word of every town's and location's key: a run of query words starting with another one (most
        # runs: « bts », « compta ») is no place, known without joining it and looking it up.
        self._place_starts = frozenset(k.partition(" ")[0] for keys in (catalogue.geocoder.keys(), self.locations)
                                       for k in keys)
        # The formations named a school by their label or type, per school noun: one set per catalogue, not per query.
        self._named_schools = {w: frozenset(fid for fid, (_, places) in self.words.token(w).items() if places is ALL)
                               for w in SCHOOL_NOUNS}
        # A métier's linked formations, as this catalogue names them (an old id resolved, a gone one left out).
        self.metier_links = {key: tuple(dict.fromkeys(f for f in map(catalogue.resolve, fids) if f))
                             for key, fids in METIER_LINKS.items()}
        self._all_places = {fid: [(p.cod_aff_form, None) for p in f.places] for fid, f in catalogue.formations.items()}
        self._place_order = {p.cod_aff_form: i for f in catalogue.formations.values() for i, p in enumerate(f.places)}
        self._by_departement: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for p in catalogue.places.values():
            self._by_departement[p.departement_code][p.formation_id].append(p)
        # Places with coordinates as the points mps.lib.geo.Around measures: (place, lat radians, cos lat, lon).
        self._located = {p.cod_aff_form: (p, *latitude_terms(p.lat), p.lon) for p in catalogue.places.values()
                         if p.lat is not None}
        self.grid = Grid(self._located.values())
        self._remote: dict[str, list] = defaultdict(list)  # taught at a distance: no km, listed around any town
        for p in catalogue.places.values():
            if p.remote:
                self._remote[p.formation_id].append(p)
        for remote in self._remote.values():  # in the formation's own order, as a search lists them
            remote.sort(key=lambda p: self._place_order[p.cod_aff_form])
        self.place_towns = {place_key(p.commune) for p in catalogue.places.values()}
        # The towns with places by their first two letters, most places first: a misspelt town (« bts bordeau »).
        counts = Counter(place_key(p.commune) for p in catalogue.places.values())
        self._towns_by_start: dict[str, list[str]] = defaultdict(list)
        for key in sorted(counts, key=lambda k: (-counts[k], k)):
            self._towns_by_start[key[:2]].append(key)
        # The names of the towns with places, worked out with the catalogue: every search names a town, most of them
        # a new one, and each new name was folded on the way (≈ 10k instructions).
        self._towns_with_places = {t.name for t in catalogue.geocoder.towns() if place_key(t.name) in self.place_towns}
        self._cache = LRU(RESULT_CACHE_SIZE)
        self._word_sets = LRU(WORD_SET_CACHE_SIZE)

    # -- query words -----------------------------------------------------------------------------
    def _location_keys(self) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for p in self.cat.places.values():
            keys.setdefault(place_key(p.region), ("region", p.region))
            keys.setdefault(place_key(p.academie), ("academie", p.academie))
            keys.setdefault(place_key(p.departement), ("departement", p.departement_code))
            keys.setdefault(p.departement_code.lower(), ("departement", p.departement_code))  # « bts 69 », « 2a »
        for name, place in PLACE_NAMES.items():  # « paca », « rhone alpes »: a name the catalogue does not use
            keys.setdefault(name, keys.get(place_key(place)))
        return {k: v for k, v in keys.items() if v}

    def _split_place(self, words: list[str]):
        """Read the longest run of words at the end of the query as a place, if it is one; the other
        words without their stop words.

        Stop words count in a place's name (« bts le mans », « licence ile de france ») but are never a
        place alone (« vers », « ville »). A town that has formations wins over an académie or département
        of the same name (Lille, Paris); a town name that is also a catalogue word or a word of a job's name
        (« pilote de ligne ») counts only if formations are there, and one that is a job's word (« avion », « maçon »)
        only after a word that names formations (« bts avion »)."""
        found = self._place_at_end(words)
        return [w for w in found[0] if w not in STOP_WORDS], found[1], found[2]

    def _place_at_end(self, words: list[str]):
        # Query words are folded already: each one's place_key (« st » is « saint »; a phrase has several
        # words), then the key of a run is their join.
        tokens = [w for w in words if w not in STOP_WORDS]
        run = metier_run(tokens)
        # A job's name to the end is no place (« mécanicien d'entretien d'avion »), but a one-word one after a word that
        # names formations may be (« licence macon »: the town rule below decides).
        if run is not None and run[1] == len(tokens) and (run[1] - run[0] > 1 or not self._names_formations(tokens[:run[0]])):
            return words, None, None
        keys = [place_key(w) if " " in w else _SAINT.get(w, w) for w in words[-MAX_PLACE_WORDS:]]
        stop_run = 0  # a run made of stop words only is never a place
        while stop_run < len(words) and words[-1 - stop_run] in STOP_WORDS:
            stop_run += 1
        geocoder = self.cat.geocoder
        starts = self._place_starts
        for n in range(min(MAX_PLACE_WORDS, len(words)), stop_run, -1):
            if n > 1 and keys[-n].partition(" ")[0] not in starts and not keys[-n].isdigit():  # (one word: maybe a
                continue  # misspelt town, below; a postcode is no key)
            key = " ".join(keys[-n:])
            town = geocoder.lookup_key(key) if geocoder.has(key) or (len(key) == 5 and digits_only(key)) else None
            if town and self._has_places_in(town) and (key not in JOB_WORDS or self._names_formations(words[:-n])):
                return words[:-n], None, town
            if key in self.locations:
                kind, value = self.locations[key]
                if kind == "departement" and key == value.lower() and n < len(words):
                    # « valence 26 »: that town; « saint denis 93 » when the best known Saint-Denis is the 974 one: the
                    # département, the town's words left out (offline knows one town of a name)
                    rest, _, before = self._place_at_end(words[:-n])
                    if before is not None:
                        return (rest, None, before) if before.departement_code == value else (rest, (kind, value), None)
                return words[:-n], (kind, value), None
            if town and not self.words.knows(key) and key not in JOB_WORDS:  # (offline knows no such town)
                return words[:-n], None, town
            if n == 1 and (town is None or not self._has_places_in(town)) and len(key) >= MISSPELT_TOWN_MIN:
                town = self._misspelt_town(key)
                if town is not None:
                    return words[:-n], None, town
        if 0 < stop_run < len(words):  # « bts lyon en (alternance) », « … lyon svp »: the place before them
            return self._place_at_end(words[:-stop_run])
        return words, None, None

    def _misspelt_town(self, key: str) -> Town | None:
        """« bordeau », « marseile »: the town with places one slip away (first two letters kept, most places first),
        when the word names no formation by itself and is no school's word (found as a slip of one: « Bordeaux »)."""
        if (self.words.knows(key) or key in self.words.schools or metier_word(key) in METIER_WORDS  # « montaigne »,
                or any(places is ALL for _, places in self.words.token(key).values())):  # « parcs » (not Paris)
            return None
        for name in self._towns_by_start.get(key[:2], ()):
            if within_one_edit(key, name):
                town = self.cat.geocoder.lookup_key(name)
                return town if town is not None and self._has_places_in(town) else None
        return None

    def _without_idle_school_word(self, words: list[str]) -> list[str]:
        """« école d'orthophonie », « école de journalisme »: students call any training a school. « école » is left
        out when no formation named a school (by its label or type, not a place's school name) has the other words:
        they say what is meant. « école de commerce », « école d'ingénieur lyon » keep it."""
        if len(words) < 2 or SCHOOL_NOUNS.isdisjoint(words):
            return words
        rest = [w for w in words if w not in SCHOOL_NOUNS]
        named = frozenset().union(*(self._named_schools[w] for w in SCHOOL_NOUNS.intersection(words)))
        for w in rest:
            named = self.words.token(w).keys() & named  # (a keys view's & walks the smaller side)
        return words if named else rest

    def _names_formations(self, words: list[str]) -> bool:
        """Some word names formations: a town named as a job (Avion, Mâcon) is a place after one (« bts avion »),
        a job alone (« avion », « devenir maçon »)."""
        return any(w not in STOP_WORDS and self.words.knows(w) for w in words)

    def _resolve(self, kind: str, value: str | None) -> str | None:
        """A user-typed académie or région name -> the catalogue's spelling (unknown stays as typed)."""
        if not value:
            return None
        found = self.locations.get(place_key(value))
        return found[1] if found and found[0] == kind else value

    def _has_places_in(self, town: Town) -> bool:
        return town.name in self._towns_with_places

    # -- search ----------------------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResult:
        result = self._cache.get(params)
        if result is None:
            result = self._search(params)
            self._cache.put(params, result)
        return result

    def _search(self, params: SearchParams, word_filters: bool = True) -> SearchResult:
        words, apprenticeship, asked = query_words(params.q), params.apprenticeship, False
        if not FILTER_WORDS.keys().isdisjoint(words):  # « bts compta en alternance »: a filter, not a word
            words = [w for w in words if w not in FILTER_WORDS]
            asked = word_filters and apprenticeship is None
            apprenticeship = True if asked else apprenticeship
        words, location, town = self._split_place(words)
        words = self._without_idle_school_word(words)
        departement, academie, region = params.departement, params.academie, params.region
        place_filter = None
        if location:
            kind, value = location
            place_filter = value if kind != "departement" else f"département {value}"
            departement = value if kind == "departement" else departement
            academie = value if kind == "academie" else academie
            region = value if kind == "region" else region
        near, radius = params.near, params.radius_km
        if town and near is None:
            near, radius = (town.lat, town.lon), radius or TOWN_RADIUS_KM
            place_filter = town.label

        candidates, partial, only, score = self._matches(words)
        fam = fold(params.family) if params.family else None
        if fam:
            candidates = [fid for fid in candidates if self.type_key[fid] == fam]
        academie = self._resolve("academie", academie) if academie else None
        region = self._resolve("region", region) if region else None
        filters = PlaceFilter(params.selective, apprenticeship, departement, academie, region, near, radius)
        eligible = self._eligible_places(filters, candidates)
        # Each hit with its sort key: around a point, relevance in tenths (rounded as search.js does: Python's round()
        # halves to even) then distance, else relevance; the label's rank (unique) breaks ties, so the tuples never
        # compare their hits.
        keyed = []
        if eligible is None:
            pairs = ((fid, self._all_places[fid]) for fid in candidates)
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
        return SearchResult(hits, town, place_filter, partial, words, apprenticeship)

    def _eligible_places(self, flt: PlaceFilter, fids):
        """formation id -> [(cod_aff_form, distance)] of the places of these formations passing the filters
        (None: no filter).

        Starts from the smallest set the filters allow (places around a point, of a département…)
        rather than walking every place of every matching formation."""
        if not flt.active:
            return None
        near, radius = flt.near, flt.radius
        around = Around(near[0], near[1], radius) if near is not None else None
        points = self.grid.places_of(fids, near[0], near[1], radius) if near is not None and radius is not None else None
        if points is not None:  # (the grid holds the places with coordinates only)
            kept = around.within(points)
        else:
            if flt.departement:
                by_formation = self._by_departement.get(flt.departement, {})
                pool = [p for fid in by_formation.keys() & fids for p in by_formation[fid]]
            else:  # every place of the matching formations
                pool = [p for fid in fids for p in self.cat.formations[fid].places]
            if around is None:
                kept = [(p, None) for p in pool]
            else:  # a place without coordinates is kept, last, only when no radius limits the distance (remote: no km)
                located = self._located
                kept = around.within([located[p.cod_aff_form] for p in pool if p.lat is not None])
                if radius is None:
                    kept += [(p, None) for p in pool if p.lat is None]
        check = flt.narrows_places
        out: dict[str, list] = {}
        order = self._place_order
        if points is not None:  # every place kept has its distance: nearest first, equal distances (one establishment)
            # in the formation's own order, by one sort of plain tuples (a key function per place cost more)
            for dist, _, cod, fid in sorted([(dist, order[p.cod_aff_form], p.cod_aff_form, p.formation_id)
                                             for p, dist in kept if not check or flt.accepts(p)]):
                group = out.get(fid)
                if group is None:  # (setdefault() made an empty list for every place)
                    out[fid] = [(cod, dist)]
                else:
                    group.append((cod, dist))
            # taught at a distance: listed, last (in the formation's order: _remote is), with the formations found
            for fid in self._remote.keys() & out.keys():
                out[fid] += [(p.cod_aff_form, None) for p in self._remote[fid] if not check or flt.accepts(p)]
            return out
        for p, dist in kept:
            if check and not flt.accepts(p):
                continue
            out.setdefault(p.formation_id, []).append((p.cod_aff_form, dist))
        for places in out.values():  # equal distances (one establishment): the formation's own order
            if len(places) > 1:
                places.sort(key=lambda t: (t[1] is None, t[1] or 0.0, order[t[0]]))
        return out

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
            per_word[start:end] = [metier_matches(per_word[start:end], self.metier_links[name], self.words.n)]
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
