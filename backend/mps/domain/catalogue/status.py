"""Public or private: each place's status (Parcoursup's « Statut de l'établissement de la filière »), the search's
`statut` filter and the query words that ask for it (« bts public lyon », « école de commerce privée »), read the
same way offline (frontend/static/js/lib/search.js: the snapshot's status_words and status_kept).

Filter values: `public`; `prive`, every private status; `sous_contrat`, the private schools under contract with the
State (contrat d'association: teachers paid by the State, national programmes and diplomas, a families' contribution
rather than fees; most are lycées with a BTS or a CPGE): what families who want a private lycée near them ask for, and
unlike the other private statuses (higher-education schools, fees often of thousands of euros a year; « hors contrat »,
diplomas not always recognised by the State).
"""
from __future__ import annotations

from mps.domain.catalogue.vocabulary import STOP_WORDS, data_rows
from mps.lib.text import fold

# A place's status code, from Parcoursup's label (folded): 11k public, 1.9k sous contrat, 900 private higher
# education, 117 hors contrat in the 2023 file. Another private label is `prive`; none, "" (no filter value finds it).
CODES = {"public": "public", "prive sous contrat d association": "sous_contrat",
         "prive enseignement superieur": "superieur", "prive hors contrat": "hors_contrat"}
# The snapshot's order of the codes: a place carries its code's index (one digit).
ORDER = ("public", "sous_contrat", "superieur", "hors_contrat", "prive", "")
# Filter value -> the codes it keeps.
FILTERS = {"public": frozenset({"public"}), "prive": frozenset({"sous_contrat", "superieur", "hors_contrat", "prive"}),
           "sous_contrat": frozenset({"sous_contrat"})}
# How a place line says it (catalogue/_place_line.html; offline lib/offline/search-page.js STATUS_LINE).
LINE = {"public": "public", "sous_contrat": "privé sous contrat", "superieur": "privé, frais de scolarité possibles",
        "hors_contrat": "privé hors contrat, vérifie que le diplôme est reconnu par l'État", "prive": "privé"}
# What a place's page says of a private status (catalogue/place.html), beside the link to its Parcoursup page.
NOTE = {"sous_contrat": "Établissement privé sous contrat avec l'État : les enseignants sont payés par l'État et les "
                        "diplômes sont nationaux ; une contribution des familles est souvent demandée.",
        "superieur": "Établissement d'enseignement supérieur privé : des frais de scolarité sont souvent demandés, "
                     "parfois plusieurs milliers d'euros par an.",
        "hors_contrat": "Établissement privé hors contrat : il n'a pas de contrat avec l'État. Vérifie que le diplôme "
                        "préparé est reconnu par l'État (diplôme national, visé, ou titre inscrit au RNCP) et quels "
                        "frais sont demandés.",
        "prive": "Établissement privé : des frais de scolarité peuvent être demandés."}

# A query word asking for a status (data/status_words.csv, kind « filter »): « publique » -> public.
STATUS_WORDS: dict[str, str] = {fold(r["words"]): r["means"] for r in data_rows("status_words.csv")
                                if r["kind"] == "filter"}


def status_code(label: str | None) -> str:
    key = fold(label or "")
    return CODES.get(key) or ("prive" if key.startswith("prive") else "public" if key.startswith("public") else "")


def parse_statut(raw: str) -> str | None:
    """A `statut=` value: public, prive or sous_contrat, however written (« Privé », « privé sous contrat »);
    None when it is none of them."""
    key = fold(raw.replace("_", " "))
    if key.startswith("prive ") and key.endswith("sous contrat"):
        key = "sous contrat"
    return {"public": "public", "publique": "public", "prive": "prive", "privee": "prive",
            "sous contrat": "sous_contrat"}.get(key)


def _singular(word: str) -> str:
    """The key of a word before a status word: « relations » and « relation » are one (search.js singular)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def kept_pairs(texts) -> frozenset[str]:
    """« droit public », « travaux publics »: a word before a status word that makes a formation's name with it, as
    « <word> <filter value> » keys: that status word stays a word of the search. From the data file's phrases and
    the given texts (the catalogue's labels and options, the métiers' names, the students' dictionary)."""
    out = set()
    phrases = [r["words"] for r in data_rows("status_words.csv") if r["kind"] == "formation"]
    for text in [*phrases, *texts]:
        words = fold(text).split()
        for before, word in zip(words, words[1:]):
            value = STATUS_WORDS.get(word)
            if value is not None and before not in STOP_WORDS and before not in STATUS_WORDS:  # (« tous les publics »)
                out.add(f"{_singular(before)} {value}")
    return frozenset(out)


def read_status(words: list[str], kept: frozenset[str]) -> tuple[list[str], str | None]:
    """The query's words without those asking for a status, and the status asked (the first one said); a status word
    after a word it makes a formation's name with (« santé publique ») stays a word."""
    out, said = [], None
    for i, w in enumerate(words):
        value = STATUS_WORDS.get(w)
        if value is None or (i and f"{_singular(words[i - 1])} {value}" in kept):
            out.append(w)
        elif said is None:
            said = value
    return out, said
