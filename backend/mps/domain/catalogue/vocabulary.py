"""Students' words: family names, abbreviations, old names and intentions, read from data files.

`data/families.csv`: each Parcoursup family's display name and the words that find it.
`data/words.csv`: what a student's word or phrase means in the catalogue's words ("dut" -> but,
"prepa hec" -> ecg, "medecine" -> pass | las); `data/bacs.csv`: a bac's names -> its usual continuations, as
a counsellor lists them (« bac stmg » -> techniques commercialisation | gestion entreprises…). Each meaning is a
list of words that must all match; the first meaning is the usual one. Abbreviations that follow from a name ("gea" for "Gestion des
entreprises et des administrations") are not listed: search derives them (see `acronyms`).
The offline snapshot ships the same tables, so offline search reads words the same way.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from mps.lib.text import MASCULINE_ENDINGS, fold, place_key, variants

DATA = Path(__file__).parent / "data"

STOP_WORDS = frozenset(
    "a au aux d de des du en et l la le les pour sur dans avec ou par the of un une "
    "pres proche autour vers ville formation formations etude etudes cursus academie departement region".split()
    + [w.replace("_", " ") for line in (DATA / "filler_words.txt").read_text(encoding="utf-8").splitlines()
       if not line.startswith("#") for w in line.split()]
)
# « prof de maths » is filler then a subject (filler_words.txt): « prof maths », « professeure eps » read the same way.
TEACHER_WORDS = frozenset(p[:-3] for p in STOP_WORDS if p.endswith(" de"))
# Words of school kinds kept in the school-name index however many schools they name (data/school_kinds.txt): « lycée
# nantes » is the post-bac classes of Nantes's lycées.
SCHOOL_KINDS = frozenset(w for line in (DATA / "school_kinds.txt").read_text(encoding="utf-8").splitlines()
                         if not line.startswith("#") for w in line.split())
# Words of a name that its abbreviation skips ("Gestion des entreprises et des administrations" -> GEA).
ACRONYM_SKIP = frozenset("a au aux d de des du en et l la le les pour sur un une s".split())
# Where a name stops and its option begins: no letter for these in the abbreviation (the same
# pattern in frontend/static/js/lib/search.js: no \b, which JavaScript reads as ASCII only).
OPTION_START = r"\s+(?:-\s+)?(?:parcours|option|opt|sp[ée]cialit[ée]|mention)(?=$|[\s:.,;()-]).*$|\(.*?\)"
_OPTION_START = re.compile(OPTION_START, re.IGNORECASE)


def data_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def _load_families() -> dict[str, tuple[str, tuple[str, ...]]]:
    return {r["code"]: (r["label"], tuple(w for w in r["words"].split("|") if w)) for r in data_rows("families.csv")}


def _load_words() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for r in data_rows("words.csv"):
        if r["kind"] == "filter":
            continue
        key = fold(r["words"])
        out[key] = tuple(dict.fromkeys(out.get(key, ()) + tuple(fold(m) for m in r["means"].split("|") if m)))
    for r in data_rows("bacs.csv"):  # « bac stmg », « bac pro commerce »: the bac's usual continuations
        for name in map(fold, r["names"].split("|")):
            for key in (name, name.replace("bac pro ", "bac professionnel ", 1)):
                out[key] = tuple(fold(c) for c in r["continuations"].split("|"))
    for key in [k for k in out if " " in k]:  # « assistantes de direction » means what « assistant de direction » means
        head, rest = key.split(" ", 1)
        for form in other_forms(head):
            out.setdefault(f"{form} {rest}", out[key])
    return out


def other_forms(word: str) -> list[str]:
    """The feminine and plural forms of a word that lib.text.variants reads back to it (« assistant » ->
    « assistante », « assistants », « assistantes »): a dictionary phrase is found in these forms too."""
    stems = [word + "e"] * (not word.endswith("e")) + [word[: len(word) - len(masc)] + fem for fem, masc
                                                       in MASCULINE_ENDINGS if masc and word.endswith(masc)]
    forms = [f for stem in dict.fromkeys([word, *stems]) for f in (stem, stem + "s" * (not stem.endswith("s")))]
    return [f for f in dict.fromkeys(forms) if f != word and word in variants(f)]


# Parcoursup family code -> (what we show, words that find it).
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = _load_families()
# A student's word or phrase (folded) -> meanings, each a string of catalogue words (all must match).
SYNONYMS: dict[str, tuple[str, ...]] = _load_words()
# A word that asks for a search filter rather than naming formations (words.csv, kind « filter »): « alternance »
# -> the apprenticeship filter. Read out of the query, in both searches (offline: the snapshot's filter_words).
FILTER_WORDS: dict[str, str] = {fold(r["words"]): r["means"] for r in data_rows("words.csv") if r["kind"] == "filter"}
# A word that names some places' options of the formations its meanings find (words.csv, kind « option »): « italien »
# is LLCER or LEA, at the places teaching Italian (words.WordIndex._token; offline: the snapshot's option_words).
OPTION_WORDS: frozenset[str] = frozenset(fold(r["words"]) for r in data_rows("words.csv") if r["kind"] == "option")
# Students' names for a region or académie the catalogue names otherwise (data/place_names.csv): « paca », « idf »,
# the regions before 2016 (« rhone alpes », « alsace »: the académie that covers it) -> the catalogue's name.
PLACE_NAMES: dict[str, str] = {place_key(r["name"]): r["place"] for r in data_rows("place_names.csv")}
# The words of the ONISEP métiers' names (data/job_words.txt, bench/job_words.py): a town without formations
# named so is a word, not a place (« pilote de ligne » is not Ligné, 16).
JOB_WORDS: frozenset[str] = frozenset((DATA / "job_words.txt").read_text(encoding="utf-8").split())


def metier_key(label: str) -> str:
    """An ONISEP métier's name as search reads it: one gender's words (the first), folded, without stop words.
    « conducteur / conductrice de travaux » -> « conducteur travaux »; « luthier/ère » -> « luthier »."""
    head, _, tail = label.partition("/")
    head_words, tail_words = fold(head).split(), fold(tail).split()
    return " ".join(w for w in head_words + tail_words[len(head_words):] if w not in STOP_WORDS)


def _load_metier_links() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for r in data_rows("metier_links.csv"):
        key = metier_key(r["metier"])
        if key:
            out[key] = tuple(dict.fromkeys(out.get(key, ()) + tuple(r["formations"].split("|"))))
    return out


# An ONISEP métier's name (metier_key) -> the formations ONISEP links it to, closest first (data/metier_links.csv,
# made by bench/metier_links.py from the suggestion engine's métier vector): « ébéniste » reaches the wood BTS.
METIER_LINKS: dict[str, tuple[str, ...]] = _load_metier_links()
METIER_WORDS: frozenset[str] = frozenset(w for k in METIER_LINKS for w in k.split())
# Phrases of several words, longest first: read as one token before the query is split.
# (The stop phrases, « bac pro », after them: offline search lists them in the same order.)
PHRASES: tuple[str, ...] = tuple(sorted((k for k in [*SYNONYMS, *sorted(STOP_WORDS)] if " " in k),
                                        key=lambda k: -len(k.split())))


def acronyms(name: str) -> set[str]:
    """The abbreviations a name is known by: its initials, a capitalised acronym kept whole, and those of its first
    part when the name has parts (« Génie civil - Construction durable » is the BUT GC as well as GCCD).

    "Gestion des entreprises et des administrations" -> {"gea"}; "Gestion de la PME" -> {"gpme"};
    "Génie civil - Construction durable" -> {"gccd", "gc"}; "Technico-commercial - Spécialité vins" -> {"tc"}."""
    base = _OPTION_START.sub("", name)
    first = base.split(" - ")[0]
    return _initials(base) | (_initials(first) if first != base else set())


def _initials(base: str) -> set[str]:
    letters = []
    for raw in re.split(r"[\s\-/'’,:.]+", base):
        if not raw:
            continue
        if len(raw) >= 2 and raw.isupper() and raw.isalpha():
            letters.append(fold(raw))  # "PME" counts for all its letters
            continue
        word = fold(raw)
        if word and word not in ACRONYM_SKIP and not word.isdigit():
            letters.append(word[0])
    initials = "".join(letters)
    return {initials} if len(initials) >= 2 else set()
