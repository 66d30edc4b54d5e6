"""French plurals everywhere: one helper (`mps.lib.french.count`, the Jinja filter `pluriel`), and no
template writes a number before a noun without it (seen: « 1 lieux »)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mps.lib.french import agree, count, of, plural_form

TEMPLATES = Path(__file__).resolve().parents[2] / "frontend" / "templates"
# Nouns the service counts, in both numbers. A number printed right before one of them must go through
# `pluriel` (a constant such as {{ max }} too: it may change, and then « 1 lieux » comes back).
NOUNS = {"lieu", "lieux", "formation", "formations", "élève", "élèves", "métier", "métiers", "favori", "favoris",
         "ville", "villes", "caractère", "caractères", "champ", "champs", "place", "places", "candidat",
         "candidats", "jour", "jours", "semaine", "semaines", "an", "ans", "classe", "classes", "résultat",
         "résultats", "spécialité", "spécialités", "offre", "offres", "élément", "éléments", "page", "pages",
         "choix", "vœu", "vœux", "sous-vœu", "sous-vœux", "admis", "mois", "heure", "heures", "minute", "minutes"}
NUMBER_BEFORE_NOUN = re.compile(r"\{\{(?P<expr>[^}]*)\}\}(?P<gap>[ \u00a0\u202f]*)(?P<word>[a-zà-ÿœ-]+)", re.I)
HAND_MADE = re.compile(r"\{\{\s*['\"][sx]['\"]\s+if\b")  # lieu{{ 'x' if n > 1 }}: the old hand-made plural


@pytest.mark.parametrize(("n", "text"), [(0, "0 lieu"), (1, "1 lieu"), (2, "2 lieux"), (20, "20 lieux"),
                                         (1234, "1\u202f234 lieux")])
def test_count_agrees_like_french(n, text):
    assert count(n, "lieu") == text


def test_plural_forms():
    assert count(3, "élève") == "3 élèves" and count(1, "élève") == "1 élève"
    assert count(2, "lieu plus éloigné", "lieux plus éloignés") == "2 lieux plus éloignés"
    assert plural_form("formation sélective") == "formations sélectives" and plural_form("choix") == "choix"
    assert count(2000, "caractère") == "2\u202f000 caractères"


def _violations() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in NUMBER_BEFORE_NOUN.finditer(text):
            if m.group("word").lower() in NOUNS and "pluriel" not in m.group("expr") and m.group("gap"):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{path.relative_to(TEMPLATES)}:{line}: {m.group(0)}")
        for m in HAND_MADE.finditer(text):
            found.append(f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}")
    return found


def test_templates_count_nouns_only_through_the_helper():
    assert _violations() == []


def test_the_scan_catches_the_mistake_it_is_for():
    assert NUMBER_BEFORE_NOUN.search("{{ hidden }} lieux plus éloignés").group("word") == "lieux"
    assert HAND_MADE.search("lieu{{ 'x' if n > 1 }}")


def test_de_is_elided_before_a_vowel():
    """Seen on the stage board: « 0 offre à moins de 20 km de Agen (47) »."""
    assert [of(t) for t in ("Agen (47)", "Évry", "Lille (59)", "Hazebrouck")] == [
        "d’Agen (47)", "d’Évry", "de Lille (59)", "de Hazebrouck"]
    # Templates put a town's name after « de » through the filter, never « de {{ place… }} » by hand.
    by_hand = [p.name for p in TEMPLATES.rglob("*.html") if re.search(r"\bde \{\{ ?place", p.read_text())]
    assert by_hand == []


def test_agree_gives_the_words_alone_for_a_figure_shown_apart():
    """The statistics' tiles show the figure above its words: « 1 classes suivies par un professeur » was seen."""
    assert [agree(n, "classe suivie", "classes suivies") for n in (0, 1, 2)] == [
        "classe suivie", "classe suivie", "classes suivies"]
    stats = (TEMPLATES / "stats" / "index.html").read_text(encoding="utf-8")
    calls = re.findall(r"\{\{ figure\((.*)\) \}\}", stats)
    # Each tile gives its words in both numbers, and the macro agrees them through `accord`.
    assert len(calls) >= 13 and all(re.fullmatch(r"s\.\w+, .+, .+", c) for c in calls), calls
    assert "{{ value|accord(one, many) }}" in stats
