"""Every `pattern` of the OpenAPI document means, for a JSON Schema validator (ECMA-262 regular expressions, `u` flag:
node here), what the app's Python `re` checks: a partner validating before sending is refused nothing the app takes
and takes nothing the app refuses. VISIBLE was published as Python wrote it, and `[^\\W_]` reads « an ASCII letter or
digit » in ECMA-262: « Ζωή » or « 李 » failed a partner's validation and passed the app's. And Python's `$` matches
before a last line feed: « 21:00\\n » was an hour for the app (and a 500 on PostgreSQL), not for a validator.

Checked on every assigned code point alone, and on each one put in strings a pattern is about (hours, school years,
UAI codes, initials), for every pattern msgspec checks in a body or an answer. Node knows a newer Unicode than
Python: code points Python does not know (category Cn) are left out."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata

import msgspec
import pytest

from mps.lib.validation import VISIBLE, ecma_form
from mps.web.hostile_input import BODY_TEXT_PATTERN, URL_TEXT_PATTERN
from tests.msgspec_types import reachable_types

# Strings around one code point X: where a Unicode digit, space or letter could pass one dialect only.
TEMPLATES = ["1X:30", "X", "XX", "20X5-2026", "X234567A", "012345XA", "X.", " X ", "X ", "a@bX.fr", "06 X1 02 03 04",
             "Zoë X", "X\u200b", "21:00X", "2025-2026X", "0590117GX", "MX", "abc_12:-xyzX", "a@b.frX", "1234567890X"]
JS = """
const [patterns, strings] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(patterns.map(p => { const r = new RegExp(p, "u"); return strings.map(s => r.test(s) ? 1 : 0).join(""); })));
"""


def node() -> str:
    """node, which reads the patterns as a partner's JSON Schema validator does. bash infra/install.sh installs it (the
    front end is built with it), so a missing node fails the test rather than skipping what it checks."""
    found = shutil.which("node")
    if found is None:
        pytest.fail("needs node: bash infra/install.sh")
    return found


def _published(document) -> set[str]:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                found.add(node["pattern"])
            node = list(node.values())
        for value in node if isinstance(node, list) else ():
            walk(value)
    walk(document)
    return found


def _checked_by_msgspec(app) -> set[str]:
    """The pattern of every string in a body a handler decodes or a document it answers."""
    types = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            signature = handler.parsed_fn_signature
            data = signature.parameters.get("data")
            types += [t for t in (data.annotation if data else None, signature.return_type.annotation) if t is not None]
    return {info.pattern for t in types for info in reachable_types(t)
            if isinstance(info, msgspec.inspect.StrType) and info.pattern}


def _corpus() -> list[str]:
    known = [chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) not in ("Cn", "Cs")]
    # (the templates with the code points a dialect may read otherwise: digits, spaces, controls, marks, Latin and a
    # few letters of other scripts, rather than all 280,000 in each)
    some = [c for c in known if unicodedata.category(c) in ("Nd", "No", "Nl", "Zs", "Zl", "Zp", "Cc", "Cf", "Mn")
            or ord(c) < 0x800 or c in "李Ωж\u3164\uffa0\u115f\u1160😀"]
    return known + [t.replace("X", c) for t in TEMPLATES for c in some]


@pytest.fixture(scope="module")
def patterns(app_client):
    published = _published(app_client.get("/schema/openapi.json").json())
    return published, _checked_by_msgspec(app_client.app)


def test_the_document_publishes_every_pattern_in_its_ecma262_form(patterns):
    published, python = patterns
    assert VISIBLE in python and len(python) > 8
    assert ecma_form(VISIBLE) in published and VISIBLE not in published  # (pages' forms decode some bodies too)
    assert published <= {ecma_form(p) for p in python} | {URL_TEXT_PATTERN, BODY_TEXT_PATTERN}
    assert not [p for p in published if re.search(r"\\[wWdDsSbBZA]", p)], "ASCII-only or no such escape in ECMA-262"


def test_a_names_schema_also_refuses_control_characters(app_client):
    """A name's VISIBLE pattern lets a bell or a bidi override through; the edge refuses them in every value."""
    schemas = app_client.get("/schema/openapi.json").json()["components"]["schemas"]
    names = [field for schema in schemas.values() for field in (schema.get("properties") or {}).values()
             if field.get("pattern") == ecma_form(VISIBLE)]
    assert names and all(field["allOf"] == [{"pattern": BODY_TEXT_PATTERN}] for field in names)


def test_every_pattern_means_in_ecma262_what_python_checks(patterns):
    python = sorted(patterns[1])
    strings = _corpus()
    read = subprocess.run([node(), "-e", JS], input=json.dumps([[ecma_form(p) for p in python], strings]),
                          capture_output=True, text=True, check=True)
    for pattern, by_node in zip(python, json.loads(read.stdout)):
        compiled = re.compile(pattern)
        differ = [s for s, js in zip(strings, by_node) if (compiled.search(s) is not None) != (js == "1")]
        assert not differ, f"{pattern}: {[(s, [hex(ord(c)) for c in s]) for s in differ[:5]]} of {len(differ)}"


@pytest.mark.parametrize("name, visible", [
    ("Élodie", True), ("Ζωή", True), ("李", True), ("Ёлка", True), ("محمد", True), ("Zoë 😀", True), ("٣", True),
    ("😀", False), ("\u200b\u200d", False), ("\u3164", False), ("\u0301", False), ("\x07\x1b", False),
    (" \u00a0\u2003", False), ("_-_", False)])
def test_the_visible_rule_reads_alike_in_node(name, visible):
    js = subprocess.run([node(), "-e", "process.stdout.write(String(new RegExp(process.argv[1], 'u')"
                                       ".test(process.argv[2])))", ecma_form(VISIBLE), name],
                        capture_output=True, text=True, check=True).stdout
    assert (js == "true") == visible == (re.search(VISIBLE, name) is not None)
