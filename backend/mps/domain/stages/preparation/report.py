"""The student's report after the stage (« compte-rendu »): what they discovered, liked, did not like, the
métiers they saw. Each text has a limit; a text over it is refused whole with its length, never cut."""
from __future__ import annotations

from typing import Annotated

import msgspec

MAX_TEXT = 1500  # about a page: a short report, long enough to say something real
MAX_METIERS_TEXT = 300
TEXT_FIELDS = ("decouvert", "aime", "moins_aime")
SUBJECT = "Ce texte"  # the counter's sentence in lib/counter.js (data-mps-counter-what) says the same


def _nbsp(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def too_long(length: int, limit: int) -> str:
    """Said on the page, in the API and by the counter alike."""
    return (f"{SUBJECT} fait {_nbsp(length)} caractères : {_nbsp(limit)} au plus. Raccourcis-le pour "
            "l'enregistrer (rien n'a été coupé).")


def _text(title: str, hint: str, limit: int) -> msgspec.Meta:
    return msgspec.Meta(title=title, description=hint, max_length=limit,
                        extra={"error": f"{SUBJECT} fait plus de {_nbsp(limit)} caractères : raccourcis-le pour "
                                        "l'enregistrer (rien n'a été coupé)."})


class ReportIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    decouvert: Annotated[str, _text("Ce que tu as découvert", "Le lieu, les personnes, leur travail, une journée type",
                                    MAX_TEXT)] = ""
    aime: Annotated[str, _text("Ce qui t'a plu", "Les tâches, l'ambiance, les rencontres : sois précis, c'est ce qui "
                                                 "peut nourrir tes suggestions", MAX_TEXT)] = ""
    moins_aime: Annotated[str, _text("Ce qui t'a moins plu", "Ça compte aussi pour savoir ce que tu veux", MAX_TEXT)] = ""
    metiers_vus: Annotated[str, _text("Les métiers que tu as vus", "Un par ligne ou séparés par des virgules, par "
                                                                   "exemple « infirmier, aide-soignante »",
                                      MAX_METIERS_TEXT)] = ""


LIMITS = {name: MAX_TEXT for name in TEXT_FIELDS} | {"metiers_vus": MAX_METIERS_TEXT}
EMPTY = "Écris au moins quelques mots dans l'une des rubriques avant d'enregistrer."


def normalise(text: str) -> str:
    """A browser sends a textarea's line breaks as CRLF while its counter counts one character: count them
    the same way (and keep the text otherwise as typed)."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def check_report(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """(the normalised texts, errors by field): every field too long is named with its length; nothing is cut.
    A report with nothing written is refused too (saving it would look like an empty report was sent)."""
    texts = {name: normalise(str(values.get(name) or "")) for name in LIMITS}
    errors = {name: too_long(len(text), LIMITS[name]) for name, text in texts.items() if len(text) > LIMITS[name]}
    if not errors and not any(t.strip() for t in texts.values()):
        errors["decouvert"] = EMPTY
    return texts, errors


def split_metiers(text: str, limit: int = 10) -> list[str]:
    """« infirmier, aide-soignante\\nbrancardier » -> the names, one each, at most `limit`."""
    names = []
    for part in normalise(text).replace(";", ",").replace("\n", ",").split(","):
        name = " ".join(part.split())
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name[:80])
    return names[:limit]
