"""The app state is typed (mps/web/state.py): every key code reads or writes on it is declared on AppState."""
from __future__ import annotations

import ast
from pathlib import Path

from mps.web.state import AppState

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "mps"


def _is_app_state(expr: str) -> bool:
    """`state`, `app.state`, `request.app.state`, `scope["app"].state`; not a row's JSON column (`item.state`)."""
    return expr == "state" or expr.endswith(("app.state", "app'].state", 'app"].state'))


def _state_keys(path: Path) -> set[str]:
    """String keys: `….state["k"]` and `….state.get("k")` (attribute reads are for the type checker)."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Subscript) and _is_app_state(ast.unparse(node.value)) \
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            keys.add(node.slice.value)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
              and ast.unparse(node.func.value).endswith(".state") and node.args
              and isinstance(node.args[0], ast.Constant)):
            keys.add(node.args[0].value)
    return keys


def test_every_app_state_key_is_declared_on_app_state():
    declared = set(AppState.__annotations__)
    undeclared = {f"{p.relative_to(BACKEND)}: {k}" for p in BACKEND.rglob("*.py") for k in _state_keys(p)
                  if k not in declared}
    assert undeclared == set()


def test_the_check_sees_string_keys(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text('app.state["nope"] = 1\nrequest.app.state.get("other")\nstate["third"]\n', encoding="utf-8")
    assert _state_keys(probe) == {"nope", "other", "third"}
