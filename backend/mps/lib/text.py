"""Text normalisation shared by search, geocoding and ids: accent- and case-insensitive keys."""
from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents, map ligatures and odd apostrophes: 'Écoles d’Ingé' -> 'ecoles d inge'."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", stripped).strip()


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
