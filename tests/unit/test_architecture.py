"""The dependency rules of docs/architecture.md, read from the source with `ast` (nothing is imported).

- Web modules of an area (api.py, pages.py, web.py, area.py, command.py) may use any area's
  services, and another area's request helpers (web.py), never another area's controllers.
- Domain modules (services, schemas, rules) never import the web layer: nothing from litestar or
  `mps.web`, no area's web module.
- Between areas, domain modules form no cycle: one area's services may lean on another's only if
  that one does not lean back.
- Nothing registers itself by being imported: no module appends to another module's list.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2] / "backend"
DOMAIN = BACKEND / "mps" / "domain"
# Modules that face the request or the command line; everything else in an area is domain code.
WEB_ROLES = {"api", "pages", "web", "area", "command"}

# Known departures, listed so that they can only shrink (each must still exist: remove it when fixed).
KNOWN_DOMAIN_IMPORTS_WEB: set[tuple[str, str]] = set()
KNOWN_WEB_IMPORTS_OTHER_WEB: set[tuple[str, str]] = set()
KNOWN_DOMAIN_CYCLE_EDGES: set[tuple[str, str]] = set()


def _module(path: Path) -> str:
    return ".".join(path.relative_to(BACKEND).with_suffix("").parts).removesuffix(".__init__")


def _imports(path: Path) -> list[str]:
    """Every absolute import of a module, at any depth (imports inside functions count too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level:
            pytest.fail(f"{path}: relative import; write it absolute so the rules below can read it")
    return found


def _area_and_role(module: str) -> tuple[str, str] | None:
    parts = module.split(".")
    if len(parts) < 4 or parts[:2] != ["mps", "domain"]:
        return None
    return parts[2], parts[3]


MODULES = {_module(p): _imports(p) for p in DOMAIN.rglob("*.py")}


def _is_web(module: str) -> bool:
    place = _area_and_role(module)
    return place is not None and place[1] in WEB_ROLES


def _target(imported: str) -> str:
    """`mps.domain.x.service.fn` -> `mps.domain.x.service` (the module part of an imported name)."""
    parts = imported.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in MODULES:
            return ".".join(parts[:end])
    return imported


def domain_imports_of_web() -> set[tuple[str, str]]:
    found = set()
    for module, imports in MODULES.items():
        if _is_web(module) or _area_and_role(module) is None:
            continue
        for name in imports:
            if name.split(".")[0] == "litestar":
                found.add((module, "litestar"))
            elif name.startswith("mps.web") or _is_web(_target(name)):
                found.add((module, ".".join(name.split(".")[:3]) if name.startswith("mps.web") else _target(name)))
    return found


def web_imports_of_other_web() -> set[tuple[str, str]]:
    found = set()
    for module, imports in MODULES.items():
        if not _is_web(module):
            continue
        for name in imports:
            target = _target(name)
            if (_is_web(target) and _area_and_role(target)[1] != "web"
                    and _area_and_role(target)[0] != _area_and_role(module)[0]):
                found.add((module, target))
    return found


def domain_area_graph(skip: set[tuple[str, str]] = frozenset()) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, imports in MODULES.items():
        place = _area_and_role(module)
        if place is None or place[1] in WEB_ROLES:
            continue
        for name in imports:
            other = _area_and_role(_target(name))
            if other and other[0] != place[0] and (place[0], other[0]) not in skip:
                graph[place[0]].add(other[0])
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_domain_code_does_not_import_the_web_layer():
    found = domain_imports_of_web()
    assert found - KNOWN_DOMAIN_IMPORTS_WEB == set(), "domain code importing the web layer"
    assert KNOWN_DOMAIN_IMPORTS_WEB - found == set(), "fixed: remove these from KNOWN_DOMAIN_IMPORTS_WEB"


def test_services_never_receive_a_request():
    """Even untyped: a domain function taking `request` or `app` would be a service reaching into the web."""
    found = []
    for path in DOMAIN.rglob("*.py"):
        if _is_web(_module(path)):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names = {a.arg for a in [*node.args.args, *node.args.kwonlyargs]}
                if names & {"request", "app", "scope", "connection"}:
                    found.append(f"{_module(path)}.{node.name}")
    assert found == []


def test_web_modules_do_not_import_another_areas_web_modules():
    found = web_imports_of_other_web()
    assert found - KNOWN_WEB_IMPORTS_OTHER_WEB == set(), "shared vocabulary belongs in a domain module"
    assert KNOWN_WEB_IMPORTS_OTHER_WEB - found == set(), "fixed: remove these from KNOWN_WEB_IMPORTS_OTHER_WEB"


def test_areas_domain_code_has_no_import_cycle():
    graph = domain_area_graph(skip=KNOWN_DOMAIN_CYCLE_EDGES)
    assert find_cycle(graph) is None, f"import cycle between areas: {' -> '.join(find_cycle(graph))}"
    full = domain_area_graph()
    for a, b in KNOWN_DOMAIN_CYCLE_EDGES:
        assert b in full.get(a, ()), f"fixed: remove {(a, b)} from KNOWN_DOMAIN_CYCLE_EDGES"


def test_the_cycle_finder_finds_cycles():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}}) is None


def _appends_to_imported_list(path: Path) -> list[str]:
    """`other_module.NAME.append(...)`, `NAME.append(...)` on an imported NAME, at module level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_level = [n for top in tree.body if not isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                    for n in ast.walk(top)]
    imported = {(alias.asname or alias.name).split(".")[0] for node in module_level
                if isinstance(node, ast.ImportFrom | ast.Import) for alias in node.names}
    found = []
    for call in module_level:
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr in {"append", "extend", "insert", "update", "add"}):
            continue
        root = call.func.value
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(root, ast.Name) and root.id in imported:
            found.append(ast.unparse(call))
    return found


def test_nothing_registers_itself_by_being_imported():
    offenders = {str(p.relative_to(BACKEND)): calls for p in (BACKEND / "mps").rglob("*.py")
                 if (calls := _appends_to_imported_list(p))}
    assert offenders == {}


def test_every_area_with_controllers_exports_an_area_and_is_composed():
    asgi = (BACKEND / "mps" / "asgi.py").read_text(encoding="utf-8")
    for package in sorted(p for p in DOMAIN.iterdir() if p.is_dir() and p.name != "__pycache__"):
        has_controllers = any((package / f"{role}.py").exists() or (package / role).is_dir() for role in ("api", "pages"))
        if has_controllers:
            assert (package / "area.py").exists(), f"{package.name}: export AREA from area.py"
            assert f"{package.name}.AREA" in asgi, f"{package.name}: list its AREA in asgi.AREAS"


def test_no_area_is_optional_behind_an_import_error():
    """An area either is in the app or is not (asgi.AREAS); code never guesses with `except ImportError`."""
    guesses = [str(p.relative_to(BACKEND)) for p in (BACKEND / "mps").rglob("*.py")
               if any(isinstance(h, ast.ExceptHandler) and h.type is not None and "ImportError" in ast.unparse(h.type)
                      for h in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert guesses == []


ODD_ROLE_NAMES = {"controllers.py", "schema.py", "views.py", "routes.py", "models.py"}


def _odd_role(relative: Path) -> bool:
    return relative.name in ODD_ROLE_NAMES or ("pages" in relative.parts[:-1] and relative.stem.endswith("_api"))


def test_file_roles_have_one_name_in_every_area():
    """api.py / pages.py / schemas.py everywhere (or api/ and pages/ packages): no area says controllers.py or
    schema.py instead, and JSON controllers never hide among the HTML pages as pages/*_api.py."""
    where = [DOMAIN, BACKEND / "mps" / "admin"]
    odd = sorted(str(p.relative_to(BACKEND)) for root in where for p in root.rglob("*.py")
                 if _odd_role(p.relative_to(root)))
    assert odd == []


def _defines_a_controller(path: Path) -> bool:
    return any(isinstance(node, ast.ClassDef) and any(ast.unparse(b).split(".")[-1] == "Controller" for b in node.bases)
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def test_controller_folders_hold_controllers_only():
    """A module in an area's api/ or pages/ folder defines a Controller; guards, app hooks and dependency
    providers are web helpers and live in the area's web.py (or web/ package)."""
    others = sorted(str(p.relative_to(BACKEND)) for p in DOMAIN.rglob("*.py")
                    if len(p.relative_to(DOMAIN).parts) > 2 and p.relative_to(DOMAIN).parts[1] in {"api", "pages"}
                    and p.name != "__init__.py" and not _defines_a_controller(p))
    assert others == []


def test_the_controller_finder_finds_them(tmp_path):
    (tmp_path / "a.py").write_text("class A(Controller):\n    pass\n")
    (tmp_path / "b.py").write_text("class B(litestar.Controller):\n    pass\n")
    (tmp_path / "c.py").write_text("async def guard(connection, handler):\n    pass\n")
    assert [_defines_a_controller(tmp_path / n) for n in ("a.py", "b.py", "c.py")] == [True, True, False]


def test_the_file_role_check_sees_what_it_forbids():
    """The rule above reads names only: check that names it must refuse are refused."""
    bad = [Path("stages/pages/partner_api.py"), Path("admin/schema.py"), Path("x/controllers.py")]
    good = [Path("stages/api/partners.py"), Path("admin/migrate.py"), Path("x/pages.py")]
    assert all(_odd_role(p) for p in bad) and not any(_odd_role(p) for p in good)


def _private_uses_of_other_modules(path: Path) -> list[str]:
    """`from mps.x import _name` and `module._name` where `module` is an imported mps module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("mps"):
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"from {node.module} import {alias.name}")
                elif f"{node.module}.{alias.name}" in MODULES or (BACKEND / node.module.replace(".", "/") / f"{alias.name}.py").exists():
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name.startswith("mps")}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append(ast.unparse(node))
    return found


def test_no_module_reaches_into_another_modules_private_names():
    """A leading underscore means "only this module": a caller needs a public function of the service."""
    offenders = {str(p.relative_to(BACKEND)): uses for p in (BACKEND / "mps").rglob("*.py")
                 if (uses := _private_uses_of_other_modules(p))}
    assert offenders == {}


def test_marks_are_written_by_the_favourites_area_only():
    """One path per write: marks get their version, updated_at and tombstones from favourites/service.py
    (and the import's move to new formation ids, favourites/follow.py); sync and the account merge call it.
    Sync's store writes the plain rows favourites/service.py's rules changed, with its own writes (one statement)."""
    writers = []
    for path in (BACKEND / "mps").rglob("*.py"):
        if (path.is_relative_to(DOMAIN / "favourites") or path.is_relative_to(BACKEND / "mps" / "db")
                or path == DOMAIN / "sync" / "store.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in {"FormationMark", "MetierMark", "update"}:
                if ast.unparse(node.func) != "update" or any(a in ast.unparse(node) for a in ("FormationMark", "MetierMark")):
                    writers.append(f"{path.relative_to(BACKEND)}: {ast.unparse(node)[:60]}")
    assert writers == []


def test_ports_are_protocols_not_base_classes_that_raise():
    """A port (what a page or service needs from an adapter: FigureJobs, ReminderLike) is a typing.Protocol;
    a base class whose method raises NotImplementedError fails only when called, a Protocol when type-checked."""
    raising = [f"{p.relative_to(BACKEND)}:{node.lineno}" for p in (BACKEND / "mps").rglob("*.py")
               for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
               if isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc)]
    assert raising == []


def test_the_figure_jobs_adapters_fit_their_port():
    from mps.domain.stages.figures.job import FigureJobs, InProcessFigures, NoFigureJobs, QueuedFigures
    assert isinstance(NoFigureJobs(), FigureJobs)
    assert isinstance(QueuedFigures(task=None, app=None), FigureJobs)
    assert all(callable(getattr(InProcessFigures, name, None)) for name in ("request", "close"))


# Web helpers (`<area>/web.py` or a `web/` package: identity, rate limits, guards, app hooks) are not
# controllers and may read the state. Known departures among controllers, listed so they can only shrink.
# Allowed, each with its reason:
# - mps.domain.catalogue.api: the search handler, the app's hottest route, takes the state from its request: as a
#   parameter Litestar resolved and validated it on every request (~23,000 instructions, docs/benchmarks.md).
# - mps.domain.pages.api: /healthz and /readyz, polled by load balancers every few seconds, likewise (~20,000 of a
#   probe's instructions).
STATE_READERS: set[str] = {"mps.domain.catalogue.api", "mps.domain.pages.api"}


def _reads_app_state(path: Path) -> list[str]:
    """`<x>.app.state`, or any call given `<x>.app` (`state_of(request.app)`, `limiter_for(request.app)`, a helper
    reading the state for the controller): a controller reaching into the application state."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr == "state" and isinstance(node.value, ast.Attribute)
                and node.value.attr == "app"):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and any(isinstance(arg, ast.Attribute) and arg.attr == "app"
                                                for arg in [*node.args, *(k.value for k in node.keywords)]):
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_controllers_take_what_they_need_by_dependency_injection():
    """api/pages modules declare `settings`, `catalogue`, `push_public_key`... as parameters, never read app.state."""
    offenders = {}
    for path in DOMAIN.rglob("*.py"):
        module = _module(path)
        if module in STATE_READERS or not (path.stem in {"api", "pages"} or path.parent.name in {"api", "pages"}):
            continue
        offenders.update({module: found} if (found := _reads_app_state(path)) else {})
    assert offenders == {}
    assert all(_reads_app_state(BACKEND / f"{m.replace('.', '/')}.py") for m in STATE_READERS), "fixed: shrink STATE_READERS"


def test_the_state_reader_finder_finds_them(tmp_path):
    (tmp_path / "x.py").write_text("a = request.app.state.settings\nb = state_of(connection.app).reminders\n"
                                   "c = limiter_for(request.app)\nd = engine_for(app=request.app)\ne = f(request)\n")
    assert len(_reads_app_state(tmp_path / "x.py")) == 4


@pytest.mark.parametrize("layer", ["lib", "db"])
def test_lib_and_db_import_nothing_above_them(layer):
    """web -> domain -> db/lib: the bottom layers know nothing of areas, the web layer or Litestar."""
    above = ("mps.domain", "mps.web", "litestar")
    found = [f"{p.relative_to(BACKEND)}: {name}" for p in (BACKEND / "mps" / layer).rglob("*.py")
             for name in _imports(p) if name == "litestar" or name.startswith(tuple(f"{a}." for a in above))]
    assert found == []
