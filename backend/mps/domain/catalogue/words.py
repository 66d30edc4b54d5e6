"""Which formations a query word finds, and how well: the word index of catalogue search.

Postings map a word to the formations whose label (weight 1), detail (0.6) or group label (0.5)
holds it, whose type it names (0.9: formation_types, the family or finer), whose abbreviation it is (1.0, see vocabulary.acronyms), or
one of whose places' options holds it (0.45: those places only, "lea anglais chinois") or one of whose
places' school name holds it (0.4: those places only, "insa", "henri iv"; a word in the school names of
more than 1 place in 40 tells no school apart and is left out: lycée, université, saint). A query word
matches exactly, through its other forms (plural, feminine, a job's field: lib.text.variants), by
prefix ("psycho") or, failing all, with one typo. A token goes through the students' dictionary
(vocabulary.SYNONYMS): its usual meaning first.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict

from mps.domain.catalogue.formation_types import TYPES
from mps.domain.catalogue.matches import ALL, Matches, better, combine_all, deletes, within_one_edit
from mps.domain.catalogue.vocabulary import OPTION_WORDS, SCHOOL_KINDS, STOP_WORDS, SYNONYMS, acronyms
from mps.lib.text import digits_only, fold, index_words, sound_key, variants

FIELD_WEIGHTS = (("label", 1.0), ("detail_label", 0.6), ("group_label", 0.5))
FAMILY_WEIGHT, ACRONYM_WEIGHT, OPTION_WEIGHT = 0.9, 1.0, 0.45
SCHOOL_WEIGHT = 0.4  # at most 0.8 (all of a formation's places): a label's word (1.0) still wins
SCHOOL_WORD_SHARE = 1 / 40  # of all places: "lycee", "universite", "institut", "ecole", "campus", "saint", "site"
PREFIX_FACTOR, VARIANT_FACTOR, TYPO_FACTOR = 0.85, 0.95, 0.6
MEANING_STEP, SELF_FACTOR = 0.03, 0.9  # later meanings weigh a little less; the word itself after them
def school_index_words(name: str) -> list[str]:
    """A school name's words, and each word with the number after it joined (« Université Paris 8 »: « paris8 »): a
    university is called by its number (query_reading.QueryReading.school_numbers joins the query's the same way)."""
    words = index_words(name)
    return words + [a + b for a, b in zip(words, words[1:]) if len(b) <= 2 and digits_only(b) and a.isalpha()]


def _telling(by_word: dict[str, dict[str, set[int]]], most: float) -> dict[str, dict[str, set[int]]]:
    """The words found in at most `most` places: the others are in too many schools' names to pick one, but a kind of
    school (vocabulary.SCHOOL_KINDS: « lycée ») tells its places from the others."""
    return {w: by for w, by in by_word.items() if w in SCHOOL_KINDS or sum(len(c) for c in by.values()) <= most}


def _frozen(by_word: dict[str, dict[str, set[int]]]) -> dict[str, dict[str, frozenset[int]]]:
    """Equal sets shared: the words of one school's name mostly keep the same places (a third of the memory)."""
    shared: dict[frozenset[int], frozenset[int]] = {}
    return {w: {fid: shared.setdefault(fs, fs) for fid, c in by.items() for fs in (frozenset(c),)}
            for w, by in by_word.items()}


def dictionary_meanings(token: str) -> tuple[str, ...]:
    """What the students' dictionary says a token means, or one of its other forms (plural, feminine) if it does not
    know the token itself: « avocate », « coiffeuses » mean what « avocat », « coiffeur » mean."""
    found = SYNONYMS.get(token)
    if found is None and " " not in token:
        found = next((SYNONYMS[v] for v in variants(token) if v in SYNONYMS), None)
    return found or ()


class WordIndex:
    def __init__(self, formations):
        postings: dict[str, dict[str, float]] = defaultdict(dict)
        options: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        schools: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        school_words: dict[str, list[str]] = {}  # a school's name -> its words, read once

        def post(word: str, fid: str, weight: float) -> None:
            if word and word not in STOP_WORDS and postings[word].get(fid, 0.0) < weight:
                postings[word][fid] = weight

        self.label_len: dict[str, int] = {}
        self.places_count: dict[str, int] = {}
        for f in formations:
            for attr, weight in FIELD_WEIGHTS:
                for word in index_words(getattr(f, attr)):
                    post(word, f.id, weight)
            for alias in TYPES.get(f.type, ("", ()))[1]:
                for word in alias.split():
                    post(word, f.id, FAMILY_WEIGHT)
            for name in {f.detail_label, f.label.split(" - ")[-1]}:
                for acronym in acronyms(name):
                    post(acronym, f.id, ACRONYM_WEIGHT)
            for p in f.places:
                for word in index_words(p.option):
                    if word not in STOP_WORDS:
                        options[word][f.id].add(p.cod_aff_form)
                words = school_words.get(p.etablissement)
                if words is None:
                    words = school_words[p.etablissement] = school_index_words(p.etablissement)
                for word in words:
                    if word not in STOP_WORDS:
                        schools[word][f.id].add(p.cod_aff_form)
            self.places_count[f.id] = len(f.places)
            self.label_len[f.id] = len(fold(f.label).split())
        self.postings = dict(postings)
        self.options = _frozen(options)
        self.schools = _frozen(_telling(schools, SCHOOL_WORD_SHARE * sum(self.places_count.values())))
        self.school_places = {w: sum(map(len, by.values())) for w, by in self.schools.items()}
        self.vocab = sorted(set(self.postings) | set(self.options) | set(self.schools))
        self.n = max(1, len(self.label_len))
        self._by_delete: dict[str, tuple[str, ...]] | None = None
        self._by_sound: dict[str, tuple[str, ...]] | None = None
        self._cache: dict[str, Matches] = {}
        self._cache_named: dict[str, Matches] = {}
        self._tokens: dict[str, tuple[Matches, frozenset[str]]] = {}

    def knows(self, key: str) -> bool:
        """A catalogue word, an option word or a word of the students' dictionary (not a town then).

        A school's word is not one: a town in a school's name stays a town ("insa lyon")."""
        return key in self.postings or key in self.options or key in SYNONYMS

    # -- one word --------------------------------------------------------------------------------
    def _term(self, term: str, factor: float, into: Matches, named: set[str], schools: bool = True) -> None:
        """Add what `term` finds to `into`; `named` gets the formations it finds by more than a school's name.

        better() written out in the loops (a call per formation was most of a new word's cost: a typo's candidates,
        a word's prefixes and other forms each walk their formations); `a if a >= b else b` is max(a, b)."""
        get = into.get
        found = self.postings.get(term)
        if found:
            for fid, w in found.items():
                s = w * factor
                old = get(fid)
                into[fid] = (s, ALL) if old is None else (old[0] if old[0] >= s else s, ALL)
            named.update(found)
        found = self.options.get(term)
        if found:
            count = self.places_count
            for fid, cods in found.items():
                # An option most of its places share says more about the formation than a rare one.
                share = len(cods) / count[fid]
                s = OPTION_WEIGHT * (1 + share) * factor
                old = get(fid)
                into[fid] = (s, cods) if old is None else (old[0] if old[0] >= s else s,
                                                           ALL if old[1] is ALL else old[1] | cods)
            named.update(found)
        found = self.schools.get(term) if schools else None
        if found:
            count, most = self.places_count, self.school_places[term]
            for fid, cods in found.items():
                # The formation is more of what the word names the more of its places, or of the school's, it holds.
                share = len(cods) / min(count[fid], most)
                s = SCHOOL_WEIGHT * (1 + share) * factor
                old = get(fid)
                into[fid] = (s, cods) if old is None else (old[0] if old[0] >= s else s,
                                                           ALL if old[1] is ALL else old[1] | cods)

    def _prefixed(self, word: str, factor: float, into: Matches, named: set[str], schools: bool) -> None:
        schools = schools and word not in self.schools  # "polytech" names its schools, not "Polytechnique"'s
        i = bisect.bisect_right(self.vocab, word)
        while i < len(self.vocab) and self.vocab[i].startswith(word):
            self._term(self.vocab[i], PREFIX_FACTOR * factor, into, named, schools)
            i += 1

    def _forms(self, word: str, factor: float, into: Matches, named: set[str], schools: bool,
               corrected: bool = False) -> None:
        """The word, by prefix, and its other forms (plural, feminine, a job's field). A word corrected from a typo
        finds schools by its own name only: a typo and another form are too far from what was typed (« dauphne »)."""
        self._term(word, factor, into, named, schools)
        schools = schools and not corrected
        if len(word) >= 5 or (len(word) >= 3 and not into):  # "pass" is not a prefix of "passerelle"
            self._prefixed(word, factor, into, named, schools)
        for form in variants(word):
            self._term(form, VARIANT_FACTOR * factor, into, named, schools)
            if len(form) >= 5:
                self._prefixed(form, VARIANT_FACTOR * factor, into, named, schools)

    def word(self, word: str, schools: bool = True) -> Matches:
        """Formations one folded word finds, scored with the word's rarity; cached per word. Without `schools`,
        not by the word in a school's name (a dictionary word's own match: « iris », a lycée's name too)."""
        cache = self._cache if schools else self._cache_named
        found = cache.get(word)
        if found is not None:
            return found
        matches: Matches = {}
        named: set[str] = set()
        self._forms(word, 1.0, matches, named, schools)
        if not matches and len(word) >= 5:  # one typo in the word, else in its other forms (« psycologue » -> logie)
            terms = self._typos(word) or set().union(*(self._typos(v) for v in variants(word) if len(v) >= 5))
            terms = terms or set(self._sounds_like(word))  # typed by ear: « veterinere »
            for term in sorted(terms):  # each found as the word typed right would be (« immobillier »: immobilières)
                self._forms(term, TYPO_FACTOR, matches, named, schools, corrected=True)
        # One rarity for everything the word matched, so "droit" is not outscored by rarer "droits"; the
        # formations found by a school's name only do not make the word commoner ("pass", "medecine").
        idf = math.log(1 + self.n / max(1, len(named)))
        found = {fid: (s * idf, places) for fid, (s, places) in matches.items()}
        if len(cache) > 20000:
            cache.clear()
        cache[word] = found
        return found

    def _sounds_like(self, word: str) -> tuple[str, ...]:
        """The catalogue's words (5 letters or more) that sound as `word` does (lib.text.sound_key)."""
        if self._by_sound is None:
            by_sound = defaultdict(list)
            for term in self.vocab:
                if len(term) >= 5:
                    by_sound[sound_key(term)].append(term)
            self._by_sound = {k: tuple(terms) for k, terms in by_sound.items()}
        return self._by_sound.get(sound_key(word), ())

    def _typos(self, word: str) -> set[str]:
        if self._by_delete is None:
            by_delete = defaultdict(list)
            for term in self.vocab:
                if len(term) >= 4:
                    for d in deletes(term):
                        by_delete[d].append(term)
            self._by_delete = {d: tuple(terms) for d, terms in by_delete.items()}  # mostly one: half a set's memory
        candidates = set(self._by_delete.get(word, ()))
        for d in deletes(word):
            candidates.update(self._by_delete.get(d, ()))
            if d in self.postings or d in self.options or d in self.schools:
                candidates.add(d)
        return {t for t in candidates if within_one_edit(word, t)}

    # -- one token (a word, or a phrase read as one) ------------------------------------------------
    def token(self, token: str) -> Matches:
        """A query token through the students' dictionary: each meaning needs all its words.

        Cached per token (for this catalogue version), like words: distinct queries share their words."""
        return self._cached_token(token)[0]

    def restricted(self, tokens: list[str], among: set[str]) -> set[str]:
        """Those of `among` that some of these tokens match only in some places (by an option word)."""
        out: set[str] = set()
        for t in tokens:
            some = self._cached_token(t)[1]
            if some:
                out |= among & some  # C-level, over the smaller set
        return out

    def _cached_token(self, token: str) -> tuple[Matches, frozenset[str]]:
        found = self._tokens.get(token)
        if found is None:
            matches = self._token(token)
            found = (matches, frozenset(fid for fid, (_, places) in matches.items() if places is not ALL))
            if len(self._tokens) > 20000:
                self._tokens.clear()
            self._tokens[token] = found
        return found

    def _token(self, token: str) -> Matches:
        meanings = dictionary_meanings(token)
        best: Matches = {}
        for i, meaning in enumerate(meanings):
            words = [w for w in meaning.split() if w not in STOP_WORDS] or meaning.split()
            for fid, (s, places) in combine_all([self.word(w) for w in words]).items():
                better(best, fid, s / len(words) * (1.0 - MEANING_STEP * i), places)
        if token in meanings or " " in token:
            return best
        if not meanings:
            return self.word(token)
        # The word itself, after its meanings whatever its rarity (« enfance »: the EJE before the FCIL Enfance et
        # handicap), and by formations' names only: a school's name could be anyone's (« bts iris »: the lycée Iris).
        own = self.word(token, schools=False)
        factor = SELF_FACTOR
        if best and own:
            factor *= min(1.0, max(s for s, _ in best.values()) / max(s for s, _ in own.values()))
        narrows = token in OPTION_WORDS  # the meaning names the formation, the word its places' options
        for fid, (s, places) in own.items():
            old = best.get(fid)
            if narrows and old is not None and old[1] is ALL and places is not ALL:  # « licence italien »: LLCER
                best[fid] = (max(old[0], s * factor), places)  # or LEA, where Italian is taught
            else:
                better(best, fid, s * factor, places)
        return best
