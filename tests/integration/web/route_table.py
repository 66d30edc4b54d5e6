"""The app's route table as the walking tests read it (test_fuzz, test_access_walk): each method of each HTTP
route, and a route's path with its parameters filled in."""
from __future__ import annotations

import re

from litestar.routes import HTTPRoute

# Piccolo's own app, static files, the API explorer: not ours to walk.
NOT_OURS = r"^/(admin|static|assets)(/|$)|^/schema"


def route_methods(app, skip: re.Pattern):
    """(method, route, handler) for every method but HEAD and OPTIONS of every HTTP route `skip` does not match."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or skip.search(route.path):
            continue
        for handler in route.route_handlers:
            for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                yield method, route, handler


def fill(route, values: dict[str, str], default: str) -> str:
    """The route's path, each parameter given its value in `values`, else `default`."""
    path = route.path
    for param in route.path_parameters.values():
        path = path.replace("{" + param.full + "}", values.get(param.name, default))
    return path
