"""Catalogue search that students' words find: accents, case, abbreviations, typos and a town.

An inverted index over formation labels (word -> formations with a field weight). Each query word
matches exactly, by prefix ("psycho" -> psychologie), through a synonym ("fac" -> licence) or with
one typo; every word must match (AND). A town, département, académie or région at the end of the
query becomes a place filter, and results are then ordered by relevance, then distance.
"""
from __future__ import annotations

import bisect
import math
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field

from mps.domain.catalogue.geocode import Town
from mps.domain.catalogue.places import Grid, PlaceFilter
from mps.domain.catalogue.vocabulary import FAMILIES, STOP_WORDS, SYNONYMS
from mps.lib.geo import distance_km
from mps.lib.text import fold, place_key

FIELD_WEIGHTS = (("label", 1.0), ("detail_label", 0.6), ("group_label", 0.5))
FAMILY_ALIAS_WEIGHT = 0.9
PREFIX_FACTOR, PLURAL_FACTOR, TYPO_FACTOR = 0.85, 0.95, 0.6
TOWN_RADIUS_KM = 30.0


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    family: str | None = None
    selective: bool | None = None
    apprenticeship: bool | None = None
    departement: str | None = None
    academie: str | None = None
    region: str | None = None
    near: tuple[float, float] | None = None
    radius_km: float | None = None


@dataclass
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


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class SearchIndex:
    def __init__(self, catalogue):
        self.cat = catalogue
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        self.label_len: dict[str, int] = {}
        for f in catalogue.formations.values():
            for attr, weight in FIELD_WEIGHTS:
                for word in fold(getattr(f, attr)).split():
                    if word not in STOP_WORDS and postings[word].get(f.id, 0) < weight:
                        postings[word][f.id] = weight
            for alias in FAMILIES.get(f.family, ("", ()))[1]:
                for word in alias.split():
                    if postings[word].get(f.id, 0) < FAMILY_ALIAS_WEIGHT:
                        postings[word][f.id] = FAMILY_ALIAS_WEIGHT
            self.label_len[f.id] = len(fold(f.label).split())
        self.postings = dict(postings)
        self.vocab = sorted(postings)
        self.by_delete: dict[str, set[str]] = defaultdict(set)
        for word in self.vocab:
            if len(word) >= 4:
                for d in _deletes(word):
                    self.by_delete[d].add(word)
        self.prior = {fid: 0.15 * math.log(1 + len(f.places)) for fid, f in catalogue.formations.items()}
        self.locations = self._location_keys()
        self._all_places = {fid: [(p.cod_aff_form, None) for p in f.places] for fid, f in catalogue.formations.items()}
        self._place_order = {fid: {p.cod_aff_form: i for i, p in enumerate(f.places)}
                             for fid, f in catalogue.formations.items()}
        self._by_departement: dict[str, list] = defaultdict(list)
        for p in catalogue.places.values():
            self._by_departement[p.departement_code].append(p)
        self.grid = Grid(catalogue.places.values())
        self.place_towns = {place_key(p.commune) for p in catalogue.places.values()}
        self._word_cache: OrderedDict = OrderedDict()
        self._cache: OrderedDict = OrderedDict()

    # -- query words -----------------------------------------------------------------------------
    def _location_keys(self) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for p in self.cat.places.values():
            keys.setdefault(place_key(p.region), ("region", p.region))
            keys.setdefault(place_key(p.academie), ("academie", p.academie))
            keys.setdefault(place_key(p.departement), ("departement", p.departement_code))
        return keys

    def _word(self, word: str) -> dict[str, float]:
        """formation id -> score of one (already folded) word, cached."""
        if word in self._word_cache:
            self._word_cache.move_to_end(word)
            return self._word_cache[word]
        scores: dict[str, float] = {}

        def add(term: str, factor: float) -> None:
            for fid, w in self.postings[term].items():
                if w * factor > scores.get(fid, 0.0):
                    scores[fid] = w * factor

        if word in self.postings:
            add(word, 1.0)
        for singular in (word[:-1],) if len(word) > 3 and word[-1] in "sx" else ():
            if singular in self.postings:
                add(singular, PLURAL_FACTOR)
        if len(word) >= 3:
            i = bisect.bisect_right(self.vocab, word)
            while i < len(self.vocab) and self.vocab[i].startswith(word):
                add(self.vocab[i], PREFIX_FACTOR)
                i += 1
        if not scores and len(word) >= 5:
            candidates = set(self.by_delete.get(word, ()))
            for d in _deletes(word):
                candidates |= self.by_delete.get(d, set())
                if d in self.postings:
                    candidates.add(d)
            for term in candidates:
                if _within_one_edit(word, term):
                    add(term, TYPO_FACTOR)
        # One rarity for everything the word matched, so "droit" is not outscored by rarer "droits".
        idf = math.log(1 + len(self.cat.formations) / max(1, len(scores)))
        scores = {fid: s * idf for fid, s in scores.items()}
        self._word_cache[word] = scores
        if len(self._word_cache) > 20000:
            self._word_cache.popitem(last=False)
        return scores

    def _token(self, token: str) -> dict[str, float]:
        """A query token through its synonyms: an alternative of several words needs all of them."""
        alternatives = [token] + [alt for alt in SYNONYMS.get(token, ()) if alt != token]
        best: dict[str, float] = {}
        for alt in alternatives:
            words = alt.split()
            acc = dict(self._word(words[0]))
            for w in words[1:]:
                other = self._word(w)
                acc = {fid: s + other[fid] for fid, s in acc.items() if fid in other}
            for fid, s in acc.items():
                s /= len(words)
                if s > best.get(fid, 0.0):
                    best[fid] = s
        return best

    def _split_place(self, words: list[str]):
        """Read the longest run of words at the end of the query as a place, if it is one.

        A town that has formations wins over an académie or département of the same name (Lille,
        Paris); a town name that is also a catalogue word counts only if formations are there."""
        for n in range(min(4, len(words)), 0, -1):
            key = place_key(" ".join(words[-n:]))
            rest = words[:-n]
            town = self.cat.geocoder.lookup(key) if (key.isdigit() and len(key) == 5) or self.cat.geocoder.has(key) else None
            if town and self._has_places_in(town):
                return rest, None, town
            if key in self.locations:
                return rest, self.locations[key], None
            if town and key not in self.postings:
                return rest, None, town
        return words, None, None

    def _resolve(self, kind: str, value: str | None) -> str | None:
        """A user-typed académie or région name -> the catalogue's spelling (unknown stays as typed)."""
        if not value:
            return None
        found = self.locations.get(place_key(value))
        return found[1] if found and found[0] == kind else value

    def _has_places_in(self, town: Town) -> bool:
        return place_key(town.name) in self.place_towns

    # -- search ----------------------------------------------------------------------------------
    def search(self, params: SearchParams) -> SearchResult:
        if params in self._cache:
            self._cache.move_to_end(params)
            return self._cache[params]
        result = self._search(params)
        self._cache[params] = result
        if len(self._cache) > 4096:
            self._cache.popitem(last=False)
        return result

    def _search(self, params: SearchParams) -> SearchResult:
        words = [w for w in fold(params.q).split() if w not in STOP_WORDS]
        words, location, town = self._split_place(words)
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

        scores, partial = self._score(words)
        fam = fold(params.family) if params.family else None
        if fam:
            scores = {fid: sc for fid, sc in scores.items() if fold(self.cat.formations[fid].family) == fam}
        filters = PlaceFilter(params.selective, params.apprenticeship, departement,
                              self._resolve("academie", academie), self._resolve("region", region), near, radius)
        eligible = self._eligible_places(filters, scores)
        hits: list[Hit] = []
        for fid, score in scores.items():
            places = eligible.get(fid) if eligible is not None else self._all_places[fid]
            if places:
                hits.append(Hit(fid, score, places, places[0][1] if near is not None else None))
        label = lambda h: self.cat.formations[h.formation_id].label  # noqa: E731 - stable tiebreak
        if near is not None:
            hits.sort(key=lambda h: (-round(h.score, 1), h.nearest_km if h.nearest_km is not None else 1e9, label(h)))
        else:
            hits.sort(key=lambda h: (-h.score, label(h)))
        return SearchResult(hits, town, place_filter, partial, words)

    def _eligible_places(self, flt: PlaceFilter, scores: dict[str, float]):
        """formation id -> [(cod_aff_form, distance)] of its places passing the filters (None: no filter).

        Starts from the smallest set the filters allow (places around a point, of a département…)
        rather than walking every place of every matching formation."""
        if not flt.active:
            return None
        if flt.near is not None and flt.radius is not None:
            pool = self.grid.around(flt.near[0], flt.near[1], flt.radius)
        elif flt.departement:
            pool = self._by_departement.get(flt.departement, [])
        elif flt.near is not None:  # sort only: every place of the matching formations
            pool = [p for fid in scores for p in self.cat.formations[fid].places]
        else:
            pool = self.cat.places.values()
        out: dict[str, list] = {}
        for p in pool:
            if p.formation_id not in scores or not flt.accepts(p):
                continue
            dist = None
            if flt.near is not None:
                if p.lat is None:
                    if flt.radius is not None:
                        continue
                else:
                    dist = distance_km(flt.near[0], flt.near[1], p.lat, p.lon)
                    if flt.radius is not None and dist > flt.radius:
                        continue
            out.setdefault(p.formation_id, []).append((p.cod_aff_form, dist))
        if flt.near is not None:
            for places in out.values():
                places.sort(key=lambda t: (t[1] is None, t[1] or 0.0))
        else:
            for fid, places in out.items():
                order = self._place_order[fid]
                places.sort(key=lambda t: order[t[0]])
        return out

    def _score(self, words: list[str]) -> tuple[dict[str, float], bool]:
        if not words:
            return {fid: prior for fid, prior in self.prior.items()}, False
        per_word = [self._token(w) for w in words]
        common = set(per_word[0])
        for m in per_word[1:]:
            common &= m.keys()
        partial = not common
        candidates = set().union(*per_word) if partial else common
        scores = {}
        for fid in candidates:
            matched = [m[fid] for m in per_word if fid in m]
            s = sum(matched) / (1 + 0.04 * self.label_len[fid]) + self.prior[fid]
            scores[fid] = s + (len(matched) * 10 if partial else 0)  # partial: most words matched first
        return scores, partial
