"""A page whose HTML depends only on what its key names, rendered once and then served as stored bytes, with
the visitor's CSRF token put back where the template wrote it.

The formation page of a licence with 487 places cost ~370 µs of CPU per request, most of it in Jinja
walking the layout (header, menu, footer, asset links) to produce the same 40 KB again; from the store
it is a join of three byte strings. The caller owns the key: everything the template reads that can
change between two requests (the path, the visitor's role, the page number...) must be in it or rule
caching out (marks, towns, announcements). The store lives as long as the catalogue version it is
given (Catalogue.rendered), so an import never serves an old page.
"""
from __future__ import annotations

import html
import secrets
from collections.abc import Callable

from litestar import Request, Response
from litestar.enums import MediaType
from litestar.utils.empty import value_or_default
from litestar.utils.scope.state import ScopeState

from mps.lib.lru import LRU

# Stands for the token while the page is rendered: random, so no catalogue text can hold it.
_SLOT = "mps-csrf-" + secrets.token_hex(16)


def csrf_input(token: str) -> str:
    """The hidden field Litestar's Template puts in the context as `csrf_input` (litestar/response/template.py)."""
    return f'<input type="hidden" name="_csrf_token" value="{html.escape(token)}" />'


def cached_page(request: Request, store: LRU, key: tuple, template: str, context: Callable[[], dict],
                headers: dict[str, str]) -> Response:
    """The page `template` with `context()` (called on a miss only), byte for byte what
    Template(template, context=context(), headers=headers) answers."""
    parts = store.get(key)
    if parts is None:
        page = request.app.template_engine.get_template(template).render(
            **context(), request=request, csrf_input=csrf_input(_SLOT))
        parts = tuple(p.encode() for p in page.split(_SLOT))
        store.put(key, parts)
    token = value_or_default(ScopeState.from_scope(request.scope).csrf_token, "")
    body = html.escape(token).encode().join(parts) if len(parts) > 1 else parts[0]
    return Response(body, media_type=MediaType.HTML, headers=headers)
