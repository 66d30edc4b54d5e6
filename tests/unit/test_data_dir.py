"""MPS_DATA_DIR moves every reference file: no module builds a path to the data folder from ROOT.

settings.data_dir() is the one place that knows where the data folder is; loaders call it when they
read (not at import), so a deployment or a test that sets MPS_DATA_DIR is obeyed everywhere.
"""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from mps.domain.plan.rules import rules_for, sessions
from mps.domain.timeline.data import TimelineStore, load_timeline

BACKEND = Path(__file__).resolve().parents[2] / "backend"
REPO_DATA = BACKEND.parent / "data"
DEFINES_DATA_DIR = BACKEND / "mps" / "settings.py"
# f-strings or string joins that spell ROOT's data folder: "{ROOT}/data", ROOT + "/data"
_TEXT_FORMS = re.compile(r"""ROOT\s*\}?\s*(?:/|\+)\s*["']?/?data\b""")


def _mentions_root(node: ast.AST) -> bool:
    return any((isinstance(n, ast.Name) and n.id == "ROOT") or (isinstance(n, ast.Attribute) and n.attr == "ROOT")
               for n in ast.walk(node))


def _is_data(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip("/").split("/")[0] == "data"


def root_data_paths(source: str) -> list[int]:
    """Lines where `source` builds ROOT / "data" (or ROOT.joinpath("data"), "{ROOT}/data")."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _is_data(node.right) \
                and _mentions_root(node.left):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "joinpath" \
                and _mentions_root(node.func.value) and node.args and _is_data(node.args[0]):
            lines.append(node.lineno)
    lines += [i for i, line in enumerate(source.splitlines(), 1) if _TEXT_FORMS.search(line)]
    return sorted(set(lines))


def test_the_scan_finds_every_spelling():
    for source in ('DATA = ROOT / "data" / "x"', 'DATA = ROOT/"data"', 'd = settings.ROOT / "data"',
                   'd = (ROOT / "data/timeline")', 'd = ROOT.joinpath("data", "x")', 'd = f"{ROOT}/data/x"'):
        assert root_data_paths(source), source
    for source in ('d = data_dir() / "timeline"', 'x = ROOT / "var"', 'body = request["data"]'):
        assert not root_data_paths(source), source


def test_no_backend_module_builds_the_data_path_from_root():
    found = [f"{path.relative_to(BACKEND)}:{line}" for path in BACKEND.rglob("*.py") if path != DEFINES_DATA_DIR
             for line in root_data_paths(path.read_text(encoding="utf-8"))]
    assert not found, f"use mps.settings.data_dir() so that MPS_DATA_DIR is obeyed: {found}"


def _moved_data(tmp_path: Path, monkeypatch) -> Path:
    moved = tmp_path / "elsewhere"
    shutil.copytree(REPO_DATA / "parcoursup", moved / "parcoursup", ignore=shutil.ignore_patterns("*.csv"))
    shutil.copytree(REPO_DATA / "timeline", moved / "timeline")
    monkeypatch.setenv("MPS_DATA_DIR", str(moved))
    return moved


def test_the_counting_rules_are_read_under_mps_data_dir(tmp_path, monkeypatch):
    moved = _moved_data(tmp_path, monkeypatch)
    path = moved / "parcoursup" / "regles-voeux-2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "label = \"{value} vœux au plus sous statut étudiant\"", "label = \"lu dans MPS_DATA_DIR\"", 1), encoding="utf-8")
    assert set(sessions().values()) == {path}
    assert rules_for(2026).wishes.label == "lu dans MPS_DATA_DIR"


def test_the_timeline_is_read_under_mps_data_dir(tmp_path, monkeypatch):
    moved = _moved_data(tmp_path, monkeypatch)
    path = moved / "timeline" / "2025-2026.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title = \"Temps d'orientation au lycée\"", "title = \"Lu dans MPS_DATA_DIR\"", 1), encoding="utf-8")
    assert load_timeline()["2025-2026"].step("semaines-orientation").title == "Lu dans MPS_DATA_DIR"
    store = TimelineStore(check_s=0)  # as the module's STORE, built before the variable was set
    assert store.directory == moved / "timeline"
    assert store.current()["2025-2026"].step("semaines-orientation").title == "Lu dans MPS_DATA_DIR"


def test_data_paths_follow_the_variables_and_are_made_once_per_value(tmp_path, monkeypatch):
    """The suggestions' explanations ask for the referential's path about 25 times per request: the Path is
    made once per value of MPS_DATA_DIR / MPS_ROOT, and a new value is obeyed at once."""
    from mps.settings import ROOT, data_dir, data_file

    monkeypatch.delenv("MPS_DATA_DIR", raising=False)
    monkeypatch.delenv("MPS_ROOT", raising=False)
    assert data_dir() == ROOT / "data" and data_file("x/y.json") == ROOT / "data" / "x" / "y.json"
    assert data_dir() is data_dir() and data_file("x/y.json") is data_file("x/y.json")
    monkeypatch.setenv("MPS_ROOT", str(tmp_path))
    assert data_dir() == tmp_path / "data" and data_file("x/y.json") == tmp_path / "data" / "x" / "y.json"
    monkeypatch.setenv("MPS_DATA_DIR", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere" and data_file("x/y.json") == tmp_path / "elsewhere" / "x" / "y.json"
    monkeypatch.setenv("MPS_DATA_DIR", "")  # empty: as if unset
    assert data_dir() == tmp_path / "data"
