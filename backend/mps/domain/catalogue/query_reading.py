"""How the words of a query are read before they are searched (search.py): a place named at the end (a town,
misspelt or not, a postcode, a département, an académie, a région, by the longest run of words that names one) and
« école » left out when it names no school. A job's name is read as one token by metiers.metier_run. Offline search
reads them the same way: frontend/static/js/lib/query-reading.js.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from mps.domain.catalogue.geocode import Town
from mps.domain.catalogue.metiers import metier_run, metier_word
from mps.domain.catalogue.places import is_overseas
from mps.domain.catalogue.vocabulary import JOB_WORDS, METIER_WORDS, PLACE_NAMES, STOP_WORDS, SYNONYMS, TEACHER_WORDS
from mps.domain.catalogue.matches import ALL, within_one_edit
from mps.domain.catalogue.words import WordIndex
from mps.lib.text import digits_only, place_key

MISSPELT_TOWN_MIN = 5  # letters of a word read as a misspelt town (query-reading.js MISSPELT_TOWN_MIN)
MAX_PLACE_WORDS = 6  # « saint jean pied de port », « provence alpes cote d azur »
_SAINT = {"st": "saint", "ste": "sainte"}  # place_key() of a folded word
OVERSEAS, OVERSEAS_KEY = "Outre-mer", "outre mer"  # (query-reading.js OVERSEAS)
SCHOOL_NOUNS = frozenset({"ecole", "ecoles", "school"})  # (query-reading.js SCHOOL_NOUNS)


class QueryReading:
    """What a catalogue's search needs to read a query's words, worked out once per catalogue."""

    def __init__(self, catalogue, words: WordIndex):
        self.cat, self.words = catalogue, words
        self.locations = self._location_keys()
        # The first word of every town's and location's key: a run of query words starting with another one (most
        # runs: « bts », « compta ») is no place, known without joining it and looking it up.
        self.place_starts = frozenset(k.partition(" ")[0] for keys in (catalogue.geocoder.keys(), self.locations)
                                      for k in keys)
        # The formations named a school by their label or type, per school noun: one set per catalogue, not per query.
        # Plain sets, never changed: a keys view's & walks every item of a frozenset, the smaller side of a set.
        self.named_schools = {w: {fid for fid, (_, places) in words.token(w).items() if places is ALL}
                              for w in SCHOOL_NOUNS}
        self.place_towns = {place_key(p.commune) for p in catalogue.places.values()}
        # The towns with places by their first two letters, most places first: a misspelt town (« bts bordeau »).
        counts = Counter(place_key(p.commune) for p in catalogue.places.values())
        self.towns_by_start: dict[str, list[str]] = defaultdict(list)
        for key in sorted(counts, key=lambda k: (-counts[k], k)):
            self.towns_by_start[key[:2]].append(key)
        # The names of the towns with places, worked out with the catalogue: every search names a town, most of them
        # a new one, and each new name was folded on the way (≈ 10k instructions).
        self.towns_with_places = {t.name for t in catalogue.geocoder.towns() if place_key(t.name) in self.place_towns}
        # « dinge » -> « inge »: every word the search knows (3 letters or more) after an elided « d » or « l », when
        # that is no word of its own nor a school's (plain_words; query-reading.js tests each query word instead).
        known = (k for keys in (words.postings, words.options, SYNONYMS) for k in keys if len(k) >= 3 and " " not in k)
        self.elided = {e: k for k in known for e in ("d" + k, "l" + k) if not words.knows(e) and e not in words.schools}

    def _location_keys(self) -> dict[str, tuple[str, str]]:
        keys: dict[str, tuple[str, str]] = {}
        for p in self.cat.places.values():
            keys.setdefault(place_key(p.region), ("region", p.region))
            keys.setdefault(place_key(p.academie), ("academie", p.academie))
            keys.setdefault(place_key(p.departement), ("departement", p.departement_code))
            keys.setdefault(p.departement_code.lower(), ("departement", p.departement_code))  # « bts 69 », « 2a »
            if is_overseas(p.departement_code):  # all of them at once (place_names.csv: « dom tom »)
                keys.setdefault(OVERSEAS_KEY, ("overseas", OVERSEAS))
        for name, place in PLACE_NAMES.items():  # « paca », « rhone alpes »: a name the catalogue does not use
            keys.setdefault(name, keys.get(place_key(place)))
        return {k: v for k, v in keys.items() if v}

    def split_place(self, words: list[str]):
        """Read the longest run of words at the end of the query as a place, if it is one; the other
        words without their stop words.

        Stop words count in a place's name (« bts le mans », « licence ile de france ») but are never a
        place alone (« vers », « ville »). A town that has formations wins over an académie or département
        of the same name (Lille, Paris); a town name that is also a catalogue word or a word of a job's name
        (« pilote de ligne ») counts only if formations are there, and one that is a job's word (« avion », « maçon »)
        only after a word that names formations (« bts avion »)."""
        found = self.place_at_end(words)
        if found[1] is None and found[2] is None and len(words) > 1:
            found = self.place_at_start(words) or found
        rest = found[0] if STOP_WORDS.isdisjoint(found[0]) else [w for w in found[0] if w not in STOP_WORDS]
        return rest, found[1], found[2]

    def place_at_start(self, words: list[str]):
        """« toulouse bts », « à saint etienne licence droit »: a town with places, a département, an académie or a
        région first, read as it would be at the end, when the words after it name formations. Its name as written
        (a slip is read at the end only: « ponts » first was Pons), stop words before it kept when they begin it
        (« les ponts de cé infirmier »)."""
        lead = 0
        while lead < len(words) and words[lead] in STOP_WORDS:
            lead += 1
        for n in range(min(MAX_PLACE_WORDS, len(words) - lead - 1), 0, -1):
            rest = words[lead + n:]
            # a school named from its town on (« paris saclay », « aix marseille ») is no place
            if "".join(words[lead:lead + n + 1]) in self.words.schools or not self.names_formations(rest):
                continue
            for start in (0, lead) if lead else (0,):
                got = self.place_at_end(rest + words[start:lead + n], exact=True)
                if len(got[0]) == len(rest) and (got[1] is not None
                                                 or (got[2] is not None and self.has_places_in(got[2]))):
                    return got
        return None

    def place_at_end(self, words: list[str], exact: bool = False):
        # Query words are folded already: each one's place_key (« st » is « saint »; a phrase has several
        # words), then the key of a run is their join.
        tokens = [w for w in words if w not in STOP_WORDS]
        run = metier_run(tokens)
        # A job's name to the end is no place (« mécanicien d'entretien d'avion »), but a one-word one after a word that
        # names formations may be (« licence macon »: the town rule below decides).
        if run is not None and run[1] == len(tokens) and (run[1] - run[0] > 1 or not self.names_formations(tokens[:run[0]])):
            return words, None, None
        keys = [place_key(w) if " " in w else _SAINT.get(w, w) for w in words[-MAX_PLACE_WORDS:]]
        stop_run = 0  # a run made of stop words only is never a place
        while stop_run < len(words) and words[-1 - stop_run] in STOP_WORDS:
            stop_run += 1
        geocoder = self.cat.geocoder
        starts = self.place_starts
        for n in range(min(MAX_PLACE_WORDS, len(words)), stop_run, -1):
            if n > 1 and keys[-n].partition(" ")[0] not in starts and not digits_only(keys[-n]):  # (one word: maybe a
                continue  # misspelt town, below; a postcode is no key)
            key = " ".join(keys[-n:])
            town = geocoder.lookup_key(key) if geocoder.has(key) or (len(key) == 5 and digits_only(key)) else None
            if town and self.has_places_in(town) and (key not in JOB_WORDS or self.names_formations(words[:-n])):
                return words[:-n], None, town
            if key in self.locations and not (n == 1 and self.named_with(words[:-n], key)):
                kind, value = self.locations[key]
                if kind == "academie" and n > 1 and "academie" not in words[:-n]:  # « droit nancy metz »: two towns
                    two = self.two_towns(words, keys[-n:])
                    if two is not None:
                        return two
                if kind == "departement" and key == value.lower() and n < len(words):
                    # « valence 26 »: that town; « saint denis 93 » when the best known Saint-Denis is the 974 one: the
                    # département, the town's words left out (offline knows one town of a name)
                    rest, _, before = self.place_at_end(words[:-n])
                    if before is not None:
                        return (rest, None, before) if before.departement_code == value else (rest, (kind, value), None)
                return words[:-n], (kind, value), None
            # A postcode, or a town without places (offline knows no such town) after a word finding formations, slips
            # included (« bts pace », « medecie coincourt »; « py », « sy », « angais » alone are no villages), but not
            # a word of schools' names (« droit assas »: Paris-Assas, not Assas, 34). The words' matches are the
            # search's own, cached: read here first, not twice.
            if town and not self.words.knows(key) and key not in JOB_WORDS and key not in self.words.schools and (
                    digits_only(key) or self.names_formations(words[:-n])
                    or any(self.words.token(w) for w in words[:-n] if w not in STOP_WORDS)) and not (
                    key[0] in "dl" and self.words.knows(key[1:])):  # « ecole dinge »: « d'ingé », apostrophe dropped
                return words[:-n], None, town
            if n <= 2 and not exact and (town is None or not self.has_places_in(town)) and len(key) >= MISSPELT_TOWN_MIN:
                town = self.misspelt_town(key)
                if town is not None:
                    return words[:-n], None, town
        if 0 < stop_run < len(words):  # « bts lyon en (alternance) », « … lyon svp »: the place before them
            return self.place_at_end(words[:-stop_run], exact)
        return words, None, None

    def two_towns(self, words: list[str], keys: list[str]):
        """An académie named after two towns with places (Nancy-Metz, Orléans-Tours): the second town, read at the
        end, with the first left for town_before (around either), unless the query says « académie »."""
        for k in range(1, len(keys)):
            first, last = (self.town_with_places(" ".join(part)) for part in (keys[:k], keys[k:]))
            if first is not None and last is not None:
                return words[:len(words) - (len(keys) - k)], None, last
        return None

    def town_with_places(self, key: str) -> Town | None:
        town = self.cat.geocoder.lookup_key(key) if self.cat.geocoder.has(key) else None
        return town if town is not None and self.has_places_in(town) else None

    def town_before(self, words: list[str]) -> tuple[list[str], Town] | None:
        """« bts lyon ou grenoble », « iut nantes rennes »: a second town before the one read at the end (its name
        exactly, a town with places and no job's word), and the words before it."""
        if self.place_starts.isdisjoint(words) and _SAINT.keys().isdisjoint(words):
            return None  # most queries name one town: no word before it starts a town's name (read in C)
        while words and words[-1] in STOP_WORDS:  # « ou », « et »
            words = words[:-1]
        keys = [place_key(w) if " " in w else _SAINT.get(w, w) for w in words[-MAX_PLACE_WORDS:]]
        for n in range(len(keys), 0, -1):
            if keys[-n].partition(" ")[0] not in self.place_starts:
                continue
            key = " ".join(keys[-n:])
            if self.cat.geocoder.has(key) and key not in JOB_WORDS and not digits_only(key):
                town = self.cat.geocoder.lookup_key(key)
                if town is not None and self.has_places_in(town):
                    return [w for w in words[:-n] if w not in STOP_WORDS], town
        return None

    def misspelt_town(self, key: str) -> Town | None:
        """« bordeau », « marseile »: the town with places one slip away (first two letters kept, most places first),
        when the word names no formation by itself and is no school's word (found as a slip of one: « Bordeaux »)."""
        first, _, last = key.rpartition(" ")  # « clermont ferran »: a town's first word, then the slip
        if (self.words.knows(last) or last in self.words.schools or metier_word(last) in METIER_WORDS  # « montaigne »,
                or self.labels_name(last)):  # « parcs » (not Paris)
            return None
        for name in self.towns_by_start.get(key[:2], ()):
            if within_one_edit(key, name) and (not first or name.startswith(first + " ")):
                town = self.cat.geocoder.lookup_key(name)
                return town if town is not None and self.has_places_in(town) else None
        return None

    def labels_name(self, word: str) -> bool:
        """Some formation's label or type has this word, or a slip of it (not only a school's name)."""
        return any(places is ALL for _, places in self.words.token(word).values())

    def without_idle_school_word(self, words: list[str]) -> list[str]:
        """« école d'orthophonie », « école de journalisme »: students call any training a school. « école » is left
        out when no formation named a school (by its label or type, not a place's school name) has the other words:
        they say what is meant. « école de commerce », « école d'ingénieur lyon » keep it."""
        if len(words) < 2 or SCHOOL_NOUNS.isdisjoint(words):
            return words
        rest = [w for w in words if w not in SCHOOL_NOUNS]
        nouns = SCHOOL_NOUNS.intersection(words)
        named = self.named_schools[next(iter(nouns))] if len(nouns) == 1 else set().union(*map(self.named_schools.get, nouns))
        for w in rest:
            named = self.words.token(w).keys() & named  # (a keys view's & a set walks the smaller side)
        return words if named else rest

    def plain_words(self, words: list[str]) -> list[str]:
        """The words that name formations: « dinge » is « d'inge » with its apostrophe dropped (an elided « d' » or
        « l' » before a word the search knows, when the whole is no word of its own), « prof eps », « professeure
        maths » are read as « prof d'eps » is (the subject decides: vocabulary.TEACHER_WORDS; not in a métier's name),
        and « école » idle (without_idle_school_word)."""
        if not self.elided.keys().isdisjoint(words):  # (read in C: most queries have none)
            words = [self.elided.get(w, w) for w in words]
        if not TEACHER_WORDS.isdisjoint(words) and not TEACHER_WORDS.isdisjoint(words[:-1]):
            knows = self.words.knows
            run = metier_run(words) or (0, 0, "")  # « professeur de sport » is a métier's name: kept whole
            words = [w for i, w in enumerate(words) if w not in TEACHER_WORDS or i + 1 == len(words)
                     or run[0] <= i < run[1] or words[i + 1] in SCHOOL_NOUNS or not knows(words[i + 1])]
        return self.without_idle_school_word(words)

    def school_numbers(self, words: list[str]) -> list[str]:
        """« paris 8 », « fac lyon 2 »: a university by its number, one word as school names are indexed
        (words.school_index_words), not Paris's 8th arrondissement nor the town and some number."""
        for i in range(len(words) - 1, 0, -1):
            number = words[i]
            if len(number) <= 2 and digits_only(number) and words[i - 1] + number in self.words.schools:
                words = [*words[:i - 1], words[i - 1] + number, *words[i + 1:]]
        return words

    def named_with(self, words: list[str], key: str) -> bool:
        """Some formation's label or type has this word and is found by the other words too: « licence droit
        étranger » is the licence « Droit français - droit étranger », not the places abroad (département 99)."""
        named = {fid for fid, (_, places) in self.words.token(key).items() if places is ALL}
        words = [w for w in words if w not in STOP_WORDS]
        for w in words:
            if not named:
                break
            named = self.words.token(w).keys() & named
        return bool(words and named)

    def names_formations(self, words: list[str]) -> bool:
        """Some word names formations: a town named as a job (Avion, Mâcon) is a place after one (« bts avion »),
        a job alone (« avion », « devenir maçon »)."""
        return any(w not in STOP_WORDS and self.words.knows(w) for w in words)

    def has_places_in(self, town: Town) -> bool:
        return town.name in self.towns_with_places
