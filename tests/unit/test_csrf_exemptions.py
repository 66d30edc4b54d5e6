"""A path exempt from the CSRF check because it is « GET only » must stay so: a POST added under it later
would otherwise go unprotected without anyone noticing."""
from __future__ import annotations

import dataclasses
import json
import re

from litestar.routes import HTTPRoute

from mps.asgi import AREAS, create_app
from mps.settings import load_settings
from mps.web.security import CORE_CSRF_EXEMPT, SKIP_CSRF

SAFE = {"GET", "HEAD", "OPTIONS"}


def _app(tmp_path):
    (tmp_path / "asset-manifest.json").write_text(json.dumps({}), encoding="utf-8")
    base = load_settings()
    return create_app(dataclasses.replace(base, paths=dataclasses.replace(base.paths, dist_dir=tmp_path)))


def test_paths_exempt_as_get_only_serve_no_unsafe_method(tmp_path):
    app = _app(tmp_path)
    exempt = [e for e in (*CORE_CSRF_EXEMPT, *(e for area in AREAS for e in area.csrf_exempt)) if "GET only" in e.reason]
    assert any(e.pattern.startswith("^/api/v1/stages") for e in exempt)  # the board's search is one of them
    checked = 0
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        sample = re.sub(r"\{[^}]+\}", "1", route.path)  # /api/v1/stages/{offer_id:int} -> /api/v1/stages/1
        for e in exempt:
            if re.search(e.pattern, sample):
                checked += 1
                assert route.methods <= SAFE, (route.path, sorted(route.methods), e.pattern)
    assert checked >= 5


def test_handlers_that_skip_csrf_by_their_opt_serve_no_unsafe_method(tmp_path):
    """PUBLIC_READ_ONLY (the catalogue API, the health checks) steps over the CSRF check on the handler's opt: a
    POST added there later would go unprotected."""
    skipping = [(route.path, handler) for route in _app(tmp_path).routes if isinstance(route, HTTPRoute)
                for handler in route.route_handlers if handler.opt.get(SKIP_CSRF)]
    assert {"/api/v1/formations", "/healthz"} <= {path for path, _ in skipping}
    for path, handler in skipping:
        assert handler.http_methods <= SAFE, (path, sorted(handler.http_methods))
