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


# Text the code writes (explanations, figures, offline pages) follows the same rule: a Python string literal, or a
# JavaScript template literal's placeholder, then an ordinary space and « % » (« 71 % » split at 375 px).
ROOT = TEMPLATES.parents[1]
SPLIT_PERCENT = re.compile(r"(?:\}|\d) %")


def _python_strings_with_a_breakable_percent() -> list[str]:
    import io
    import tokenize

    found = []
    for path in sorted((ROOT / "backend" / "mps").rglob("*.py")):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        found += [f"{path.relative_to(ROOT)}:{t.start[0]}" for t in tokens
                  if t.type == tokenize.STRING and SPLIT_PERCENT.search(t.string) and "%%" not in t.string
                  and not t.string.lstrip("rbfRBF").startswith(('"""', "'''"))]  # (docstrings are for us)
    return found


def test_text_written_by_the_code_keeps_a_figure_and_its_percent_sign_together():
    assert _python_strings_with_a_breakable_percent() == [
        "backend/mps/etl/runner.py:82"]  # a terminal's message (mps import), not a page
    scripts = [f"{p.relative_to(ROOT)}" for p in sorted((ROOT / "frontend" / "static" / "js").rglob("*.js"))
               if re.search(r"\} %", p.read_text(encoding="utf-8"))]
    assert scripts == []
