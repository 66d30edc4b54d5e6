"""A figure and its « % » stay on one line: templates put a no-break space between them (seen at 375 px on
« Mes favoris »: « taux d'accès 69 » at the end of a line, « % » alone at the start of the next)."""
from __future__ import annotations

import re
from tests.unit.test_french_plurals import TEMPLATES

# A printed value ({{ … }}) or a digit, then an ordinary (breakable) space, then « % ».
BREAKABLE_PERCENT = re.compile(r"(?:\}\}|\d)[ \t]+%(?![}\-])")


def _violations() -> list[str]:
    return [f"{path.relative_to(TEMPLATES)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for path in sorted(TEMPLATES.rglob("*.html")) for text in [path.read_text(encoding="utf-8")]
            for m in BREAKABLE_PERCENT.finditer(text)]


def test_templates_keep_a_figure_and_its_percent_sign_together():
    assert _violations() == []


def test_the_scan_catches_the_mistake_it_is_for():
    assert BREAKABLE_PERCENT.search("taux d'accès {{ p.taux_acces|fr_number }} %")
    assert BREAKABLE_PERCENT.search("au moins 50 % des questions")
    assert not BREAKABLE_PERCENT.search("taux d'accès {{ p.taux_acces|fr_number }}&nbsp;%")
    assert not BREAKABLE_PERCENT.search("{% if x %}{{ y }} {% endif %}")  # Jinja's own tags are not text
