"""The search's shorter ways against the plain ones they replace, on the shipped catalogue: same answers."""
from __future__ import annotations

from mps.domain.catalogue import geocode
from mps.domain.catalogue.query_words import query_words
from mps.domain.catalogue.vocabulary import PHRASES
from mps.domain.catalogue.matches import ALL, better
from mps.domain.catalogue.words import OPTION_WEIGHT, SCHOOL_WEIGHT, WordIndex
from mps.lib.text import fold


def _term_bybetter(index: WordIndex, term, factor, into, named, schools=True):
    """WordIndex._term as it was written before its loops were unrolled: one better() per formation."""
    for fid, w in index.postings.get(term, {}).items():
        better(into, fid, w * factor, ALL)
        named.add(fid)
    for fid, cods in index.options.get(term, {}).items():
        better(into, fid, OPTION_WEIGHT * (1 + len(cods) / index.places_count[fid]) * factor, cods)
        named.add(fid)
    for fid, cods in (index.schools.get(term, {}) if schools else {}).items():
        share = len(cods) / min(index.places_count[fid], index.school_places[term])
        better(into, fid, SCHOOL_WEIGHT * (1 + share) * factor, cods)


def test_a_term_adds_what_one_better_per_formation_added(shipped_catalogue):
    """Every catalogue word, added twice over (once fresh, once onto another word's matches, where better merges)."""
    index = shipped_catalogue.search.words
    terms = index.vocab
    for i, term in enumerate(terms):
        other = terms[(i * 7919) % len(terms)]
        for schools in (True, False):
            want, want_named, got, got_named = {}, set(), {}, set()
            for t, factor in ((other, 0.85), (term, 1.0)):
                _term_bybetter(index, t, factor, want, want_named, schools)
                index._term(t, factor, got, got_named, schools)
            assert got == want and got_named == want_named, term


def _query_words_phrase_by_phrase(q: str) -> list[str]:
    """query_words' phrases tried one by one, longest first (the reading before one join per length)."""
    words, out, i = fold(q).split(), [], 0
    while i < len(words):
        for phrase in PHRASES:
            n = phrase.count(" ") + 1
            if phrase.split(" ")[0] == words[i] and " ".join(words[i:i + n]) == phrase:
                out.append(phrase)
                i += n
                break
        else:
            out.append(words[i])
            i += 1
    return out


def test_phrases_are_read_as_when_each_was_tried_in_turn():
    """Every phrase alone, inside other words, cut short, and two of them back to back."""
    for i, phrase in enumerate(PHRASES):
        words = phrase.split()
        nxt = PHRASES[(i * 31) % len(PHRASES)]
        for q in (phrase, f"bts {phrase} lyon", " ".join(words[:-1]), f"{phrase} {nxt}", f"{words[0]} {nxt}"):
            if 1 in map(len, q.split()):  # single letters are joined first: not the phrase rule
                continue
            assert query_words(q) == _query_words_phrase_by_phrase(q), q


def test_the_trailing_code_pattern_is_tried_only_where_it_can_match(shipped_catalogue):
    """_may_end_with_code() never says no where _TRAILING_CODE matches: every town key, with codes and brackets."""
    keys = shipped_catalogue.geocoder.keys()
    extra = ["lyon 69", "saint denis (974)", "ajaccio 2a", "bastia 2B", "bastia (2b)", "paris 75001", "x 1", "lille 59)",
             "ville ²", "le mans 72 ", "auch (32", "a2a", "2b", "(2a)"]
    for key in [*keys, *extra, *(f"{k} {c}" for k in keys[:500] for c in ("01", "2a", "(974)", "75001"))]:
        if geocode._TRAILING_CODE.match(key):
            assert geocode._may_end_with_code(key), key
