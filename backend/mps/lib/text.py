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


def fold(text: str) -> str:
    """Lower-case, strip accents, map ligatures and odd apostrophes: 'Écoles d’Ingé' -> 'ecoles d inge'."""
    if text.isascii():  # most query words and every folded text: nothing to decompose (5x cheaper)
        return _NON_ALNUM.sub(" ", text.lower()).strip()
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if not decomposed.isascii():
        decomposed = decomposed.translate(_DROP_COMBINING)
    return _NON_ALNUM.sub(" ", decomposed).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def slugify(text: str, max_len: int = 90) -> str:
    slug = fold(text).replace(" ", "-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "x"


def place_key(name: str) -> str:
    """Key for town names: 'Saint-Étienne' == 'st etienne' == 'SAINT ETIENNE'."""
    words = fold(name).split()
    words = ["saint" if w == "st" else "sainte" if w == "ste" else w for w in words]
    return " ".join(words)


_COMPOUND = re.compile(r"\w+(?:-\w+)+")


def index_words(text: str) -> list[str]:
    """The words a text is found by: its folded words, runs of single letters joined ("B/L" -> "bl",
    "C.M.I" -> "cmi") and hyphenated compounds joined ("audio-visuel" -> "audiovisuel")."""
    words = fold(text).split()
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
_SINGULAR = (("eaux", "eau"), ("aux", "al"), ("s", ""), ("x", ""))
_MASCULINE = (("ieres", "ier"), ("iere", "ier"), ("trices", "teur"), ("trice", "teur"), ("euses", "eur"),
              ("euse", "eur"), ("iennes", "ien"), ("ienne", "ien"), ("ives", "if"), ("ive", "if"),
              ("elles", "el"), ("elle", "el"), ("ettes", "et"), ("ette", "et"), ("eres", "er"), ("ere", "er"),
              ("ee", "e"), ("e", ""))
_FIELD = (("icien", "ique"), ("logue", "logie"), ("iste", "isme"))  # diététicien -> diététique


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
