"""What README.md and docs/ tell a reader agrees with the code: the commands, scripts and files they name
exist (with the options given), every environment variable the settings read is documented, and the
figures they quote from the code's constants are the constants' values."""
from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SPANS = [(doc, span) for doc in DOCS for span in re.findall(r"`([^`\n]+)`", doc.read_text(encoding="utf-8"))]
NOT_FILES = {"backend/app/"}  # named to say why the package is not there
TOP = ("bench/", "tests/", "infra/", "frontend/", "backend/", "docs/", "data/", "service-worker/")


def _subcommands(parser) -> dict:
    return next((a.choices for a in parser._actions if isinstance(a.choices, dict)), {})


def test_every_mps_command_in_the_docs_exists_with_its_options():
    from mps.cli import all_commands, build_parser
    top, wrong = build_parser(all_commands()), []
    for doc, span in SPANS:
        m = re.match(r"(?:\.venv/bin/)?mps ([a-z][a-z ]*)(.*)", span)
        if not m:
            continue
        parser, words = top, m.group(1).split()
        for word in words:  # `mps admin create`: a command's own subcommands
            if word not in _subcommands(parser):
                break
            parser = _subcommands(parser)[word]
        if parser is top:
            wrong.append(f"{doc.name}: `{span}`: no command {words[0]}")
            continue
        wrong += [f"{doc.name}: `{span}`: no {flag}" for flag in re.findall(r"--[a-z][a-z-]*", m.group(2))
                  if flag not in parser._option_string_actions]
    assert wrong == []


def test_every_file_and_script_option_the_docs_name_exists():
    wrong = []
    for doc, span in SPANS:
        for token in re.findall(r"(?<![\w/.])((?:%s)[\w./<>-]*)" % "|".join(map(re.escape, TOP)), span):
            path = ROOT / token.rstrip(".")
            if token in NOT_FILES:
                continue
            if "<" in token:  # a placeholder: `data/x/rules-<session>.toml` names files of that pattern
                if not list(ROOT.glob(re.sub(r"<[^>]*>", "*", token.rstrip(".")))):
                    wrong.append(f"{doc.name}: `{span}`: no file matches {token}")
                continue
            if not path.exists():
                wrong.append(f"{doc.name}: `{span}`: {token} does not exist")
            elif path.suffix in {".py", ".sh"}:  # a script's options must be its own
                source = path.read_text(encoding="utf-8")
                after = span.split(token, 1)[1]
                wrong += [f"{doc.name}: `{span}`: {token} reads no {flag}"
                          for flag in re.findall(r"(?<![\w-])--[a-z][a-z-]*", after.split("|")[0]) if flag not in source]
    assert wrong == []


def test_the_readme_documents_every_environment_variable_the_settings_read():
    read = set(re.findall(r'\b_(?:env|int_in)\("([A-Z_]+)"', (ROOT / "backend/mps/settings.py").read_text(encoding="utf-8")))
    internal = {"MPS_SERVED_URL"}  # set by `mps serve` for its workers, never by a person
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = set(re.findall(r"`([A-Z][A-Z_]+)`", "\n".join(l for l in readme.splitlines() if l.startswith("| `"))))
    assert read - internal - table == set(), "add them to README.md's configuration table"
    assert table - read == set(), "README.md documents variables nothing reads"


def _number(path: str, pattern: str) -> float:
    """A constant of the front end or of a test module, read from its source (it is not Python we import)."""
    found = re.search(pattern, (ROOT / path).read_text(encoding="utf-8"))
    assert found, f"{path} no longer matches {pattern!r}: update the claim here"
    return float(found.group(1))


def _floors() -> list:
    """The suggestions' quality floors, as docs/benchmarks.md quotes them beside the measured figures."""
    source = (ROOT / "tests/eval/test_reference_profiles.py").read_text(encoding="utf-8")
    floors = ast.literal_eval(re.search(r"FLOORS = (\{[^}]*\})", source).group(1))
    parts = [r"([\d.]+) /", r"[\d.]+ / ([\d.]+) /", r"[\d.]+ / [\d.]+ / ≤ ([\d.]+)"]
    return [("docs/benchmarks.md", rf"\| {name} profiles [^\n]*floors in tests: {part}", floors[name][i])
            for name in floors for i, part in enumerate(parts)]


def _claims():
    from mps.domain.catalogue.api import SEARCH_CACHE_SIZE
    from mps.domain.catalogue.search import RESULT_CACHE_SIZE
    from mps.etl.runner import MAX_SHRINK
    from mps.lib.ratelimit import RETRY_S, TIMEOUT_S
    from mps.web.catalogue_store import POLL_SECONDS
    from mps.web.outage import RETRY_AFTER_S
    page_kb = _number("frontend/build/check.mjs", r"PAGE_BUDGET_BYTES = (\d+) \* 1024")
    sw, pages = "service-worker/src/sw.js", r"pagesStrategy = new NetworkFirst\([^;]*?"
    return [
        ("docs/architecture.md", r"polls that version every ([\d.]+) s", POLL_SECONDS),
        ("docs/architecture.md", r"Redis calls time out after ([\d.]+) s", TIMEOUT_S),
        ("docs/architecture.md", r"memory for ([\d.]+) s before trying again", RETRY_S),
        ("docs/operations.md", r"costs at most ([\d.]+) s once per", TIMEOUT_S),
        ("docs/operations.md", r"s once per ([\d.]+) s per worker", RETRY_S),
        ("docs/operations.md", r"`Retry-After: (\d+)`", RETRY_AFTER_S),
        ("README.md", r"more than ([\d.]+) % of its rows", MAX_SHRINK * 100),
        ("docs/architecture.md", r"answers of up to ([\d,]+) search query strings", SEARCH_CACHE_SIZE),
        ("docs/architecture.md", r"least recently used\s+past ([\d,]+)", SEARCH_CACHE_SIZE),
        *_floors(),
        ("docs/benchmarks.md", r"first visit, everything transferred [^\n]*\| ≤ (\d+) KB \|$", page_kb),
        ("frontend/README.md", r"HTML included, ≤ (\d+) KB gzip", page_kb),
        ("tests/browser/test_first_visit.py", r"BUDGET = (\d+) \* 1024", page_kb),
        ("frontend/README.md", r"network first, (\d+) s timeout", _number(sw, pages + r"networkTimeoutSeconds: (\d+)")),
        ("frontend/README.md", r"`/hors-ligne`; (\d+) pages, \d+ days", _number(sw, pages + r"maxEntries: (\d+)")),
        ("frontend/README.md", r"`/hors-ligne`; \d+ pages, (\d+) days", _number(sw, pages + r"maxAgeSeconds: (\d+) \* 24 \* 3600")),
        ("docs/architecture.md", r"ranked results of up to ([\d,]+) distinct", RESULT_CACHE_SIZE),
    ]


@pytest.mark.parametrize("doc, pattern, value", _claims())
def test_figures_the_docs_quote_from_the_code_are_its_constants(doc, pattern, value):
    found = re.findall(pattern, (ROOT / doc).read_text(encoding="utf-8"), re.MULTILINE)
    assert found, f"{doc} no longer says {pattern!r}: update the claim here"
    assert all(float(f.replace(",", "")) == pytest.approx(value) for f in found), f"{doc}: {found} but the code says {value}"


def test_the_package_ships_every_data_file_the_code_reads_and_nothing_absent():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["mps"]
    package = ROOT / "backend" / "mps"
    files = [str(p.relative_to(package)) for p in package.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".py", ".pyc"}]
    assert [p for p in patterns if not any(fnmatch.fnmatch(f, p) for f in files)
            and not list(package.glob(p))] == [], "package-data names files that do not exist"
    assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == [], "not packaged"


def test_every_measure_in_the_benchmarks_comes_with_its_command_and_the_load():
    """Each section of docs/benchmarks.md that quotes a measure names the command that printed it and the
    machine's load at the time: on a shared machine a figure means nothing without it."""
    parts = re.split(r"(?m)^(#{2,3} .*)$", (ROOT / "docs/benchmarks.md").read_text(encoding="utf-8"))
    wrong = []
    for head, body in zip(parts[1::2], parts[2::2]):
        if not re.search(r"\d\s?(?:ms|µs|req/s|KB|MB|tps|/s)\b", body):
            continue
        if not re.search(r"`[^`\n]*(?:bench/|\.venv/bin/|curl )|^    [^\n]*(?:bench/|\.venv/bin/)", body, re.MULTILINE):
            wrong.append(f"{head}: no command")
        if not re.search(r"load average|\bidle\b|\bload \d", body, re.IGNORECASE):
            wrong.append(f"{head}: no load average")
    assert wrong == []


def _labelled_code_blocks():
    """```python blocks of the docs whose first line is `# <path of a file>`: they show that file."""
    for doc in DOCS:
        for block in re.findall(r"```python\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
            label = re.match(r"\s*# ((?:backend|bench|tests|infra)/\S+\.py)\n", block)
            if label:
                yield doc.name, label.group(1), block[label.end():]


def test_the_docs_have_labelled_code_blocks():
    assert any(path.endswith("area.py") for _, path, _ in _labelled_code_blocks()), "architecture.md shows an area.py"


@pytest.mark.parametrize("doc, path, code", list(_labelled_code_blocks()))
def test_a_code_block_labelled_with_a_file_is_that_files_content(doc, path, code):
    """A newcomer copies the example: it must be the real file, whose every import resolves."""
    import importlib
    assert (ROOT / path).exists(), f"{doc}: the block is labelled {path}, which does not exist"
    assert code == (ROOT / path).read_text(encoding="utf-8"), f"{doc}: the block labelled {path} is not that file"
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = importlib.import_module(node.module)
            assert all(hasattr(module, a.name) for a in node.names), f"{doc}: {path} imports a missing name"


def test_the_idle_rerun_script_runs_every_bench_of_the_top_table():
    """bench/run_all.sh is the top table's sequence: each bench it names exists, and each bench the table's
    commands name is in it (a bench added to the table and not to the script would go stale at the next re-run)."""
    script = (ROOT / "bench/run_all.sh").read_text(encoding="utf-8")
    in_script = set(re.findall(r"bench/(\w+\.py)", script))
    assert in_script and all((ROOT / "bench" / name).is_file() for name in in_script)
    docs = (ROOT / "docs/benchmarks.md").read_text(encoding="utf-8")
    top = re.split(r"(?m)^## ", docs)[1]  # the first section after the introduction: the latest idle re-run
    commands = [row.split(" | ")[1] for row in top.splitlines() if row.startswith("| ") and row.count(" | ") > 2]
    in_table = {name for cell in commands for name in re.findall(r"bench/(\w+\.py)", cell)}
    assert in_table and in_table <= in_script, in_table - in_script
