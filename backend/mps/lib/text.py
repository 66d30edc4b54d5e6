"""Text normalisation shared by search, geocoding and ids: accent- and case-insensitive keys."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class _Combining(dict):
    """str.translate table dropping combining marks (accents once decomposed), filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < 4096:  # bounded: hostile input may bring any of a million code points
            self[code] = kept
        return kept


_DROP_COMBINING = _Combining()
_LIGATURES = {"œ": "oe", "æ": "ae"}  # (lower-cased) no decomposition splits them


def fold_by_definition(text: str) -> str:
    """What fold() gives, written as its definition: lower case, ligatures split, Unicode compatibility
    decomposition (NFKD) without its combining marks (the accents), every run of characters other than a-z and
    0-9 one space, none at the ends. fold() takes shorter ways to the same text."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    if not decomposed.isascii():
        decomposed = decomposed.translate(_DROP_COMBINING)
    return _NON_ALNUM.sub(" ", decomposed).strip()


# The shorter ways, one character at a time (a run of spaces is made one afterwards). ASCII: a-z and 0-9 kept, any
# other byte a space. Up to U+036F (Latin-1, Latin Extended-A and B, IPA, spacing modifiers and the combining
# accents themselves), each lower-case character's own fold: NFKD decomposes character by character, and only
# combining marks, which are dropped, are ever reordered.
_ASCII = bytes(b if 48 <= b <= 57 or 97 <= b <= 122 else 32 for b in range(256))
_LATIN = {code: _LIGATURES.get(chr(code)) or _NON_ALNUM.sub(" ", "".join(
    c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))) for code in range(0x370)}


def digits_only(text: str) -> bool:
    """ASCII digits and nothing else: str.isdigit() also takes « ² » or « ٣ », which int() refuses or reads."""
    return text.isascii() and text.isdigit()


def tokens(text: str) -> list[str]:
    """fold()'s words: « Écoles d’Ingé » -> ['ecoles', 'd', 'inge']."""
    if text.isascii():  # most query words and every folded text (no regex: 5 to 10 times cheaper)
        return text.lower().encode("ascii").translate(_ASCII).decode("ascii").split()
    latin = text.lower().translate(_LATIN)
    if latin.isascii():  # every character had its fold in the table: French text
        return latin.split()
    return fold_by_definition(text).split()  # Greek, Cyrillic, symbols…


def fold(text: str) -> str:
    """Lower-case, strip accents, map ligatures and odd apostrophes: 'Écoles d’Ingé' -> 'ecoles d inge'."""
    return " ".join(tokens(text))


def slugify(text: str, max_len: int = 90) -> str:
    slug = fold(text).replace(" ", "-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "x"


def place_key(name: str) -> str:
    """Key for town names: 'Saint-Étienne' == 'st etienne' == 'SAINT ETIENNE'."""
    words = tokens(name)
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in words]
    return " ".join(words)


_COMPOUND = re.compile(r"\w+(?:-\w+)+")


def index_words(text: str) -> list[str]:
    """The words a text is found by: its folded words, runs of single letters joined ("B/L" -> "bl",
    "C.M.I" -> "cmi") and hyphenated compounds joined ("audio-visuel" -> "audiovisuel")."""
    words = tokens(text)
    out, run = list(words), []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha():
            run.append(w)
            continue
        if len(run) >= 2:
            out.append("".join(run))
        run = []
    if "-" in text:  # (the pattern backtracks over every word: quadratic in its length, a search's words too)
        out += [fold(c).replace(" ", "") for c in _COMPOUND.findall(text)]
    return out


# French endings read back to the form the catalogue uses (masculine singular, the field's noun).
SINGULAR_ENDINGS = _SINGULAR = (("eaux", "eau"), ("aux", "al"), ("s", ""), ("x", ""))
MASCULINE_ENDINGS = _MASCULINE = (("ieres", "ier"), ("iere", "ier"), ("trices", "teur"), ("trice", "teur"), ("euses", "eur"),
              ("euse", "eur"), ("iennes", "ien"), ("ienne", "ien"), ("ives", "if"), ("ive", "if"),
              ("elles", "el"), ("elle", "el"), ("ettes", "et"), ("ette", "et"), ("onnes", "on"), ("onne", "on"),
              ("eres", "er"), ("ere", "er"),
              ("ee", "e"), ("e", ""))
# diététicien -> diététique, pharmacien -> pharmacie, chimiste -> chimie, journaliste -> journalisme, comptable
# -> comptabilité, aquaculteur -> aquaculture
FIELD_ENDINGS = _FIELD = (("icien", "ique"), ("cien", "cie"), ("logue", "logie"), ("iste", "isme"), ("iste", "ie"), ("able", "abilite"),
          ("culteur", "culture"))


def variants(word: str) -> list[str]:
    """Other forms of a folded word that may stand for it in a label: singular, masculine, the field of
    a job's name. 'infirmieres' -> [..., 'infirmier']; 'dieteticienne' -> [..., 'dietetique']."""
    out: list[str] = []

    def add(w: str) -> None:
        if len(w) >= 3 and w != word and w not in out:
            out.append(w)

    forms = [word]
    for end, repl in _SINGULAR:
        if len(word) > 3 and word.endswith(end):
            forms.append(word[: -len(end)] + repl)
            break
    for form in list(forms):
        for end, repl in _MASCULINE:
            if len(form) > 4 and form.endswith(end):
                forms.append(form[: -len(end)] + repl)
                break
    for form in list(forms):
        for end, repl in _FIELD:
            if form.endswith(end):
                forms.append(form[: -len(end)] + repl)
    for f in forms:
        add(f)
    return out


# How a folded word sounds, roughly, in French spelling: what a student who types by ear keeps (« veterinere »
# for vétérinaire, « sosiologie »). The same steps in frontend/static/js/lib/text.js soundKey().
_SOUNDS = (("ph", "f"), ("th", "t"), ("qu", "k"), ("eau", "o"), ("au", "o"), ("ai", "e"), ("ei", "e"),
           ("ce", "se"), ("ci", "si"), ("cy", "si"), ("c", "k"), ("y", "i"), ("h", ""), ("tion", "sion"))
_DOUBLED = re.compile(r"(.)\1+")


def sound_key(word: str) -> str:
    for spelled, sound in _SOUNDS:
        word = word.replace(spelled, sound)
    return _DOUBLED.sub(r"\1", word).rstrip("es")
