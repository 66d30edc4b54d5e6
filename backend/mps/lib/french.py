"""French counted nouns: « 1 lieu », « 0 lieu », « 2 lieux », « 1 234 formations ».

French puts 0 and 1 in the singular (« 0 lieu », « 1,5 km » aside: counts here are whole). One
helper for Python and, as the Jinja filter `pluriel`, for every template:

    {{ n|pluriel("lieu", "lieux") }}                 -> "1 lieu", "2 lieux"
    {{ n|pluriel("élève") }}                         -> "3 élèves" (plural: each word + s)
    {{ n|pluriel("lieu plus éloigné", "lieux plus éloignés") }}
tests/unit/test_french_plurals.py checks that templates count nouns only through it.
"""
from __future__ import annotations


def plural_form(singular: str) -> str:
    """Regular plural of each word: « formation sélective » -> « formations sélectives »."""
    out = []
    for word in singular.split(" "):
        if word.endswith(("s", "x", "z")) or word in ("de", "du", "des", "à", "en", "d'", "et"):
            out.append(word)
        elif word.endswith(("au", "eu")):
            out.append(word + "x")
        else:
            out.append(word + "s")
    return " ".join(out)


def agree(n, singular: str, plural: str | None = None) -> str:
    """The words agreed with the number n: French puts 0 and 1 in the singular."""
    return singular if abs(n) < 2 else (plural or plural_form(singular))


def count(n, singular: str, plural: str | None = None) -> str:
    """The number (French thin-space thousands) and the noun agreed with it."""
    number = f"{n:,}".replace(",", "\u202f") if isinstance(n, int) else str(n)
    return f"{number} {agree(n, singular, plural)}"


def of(name: str) -> str:
    """« de » before a place's name, elided before a vowel: « de Lille », « d'Agen », « d'Évry ». An h is left
    alone (« de Hazebrouck »: an aspirated h is not written)."""
    return f"d’{name}" if name[:1].lower() in "aâàeéèêiîoôuûy" and name else f"de {name}"


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def french_day(day, *, weekday: bool = True, year: bool = False) -> str:
    """« jeudi 12 mars », « 1er avril 2027 » (the Jinja filter `french_day`)."""
    n = "1er" if day.day == 1 else str(day.day)
    text = f"{n} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
