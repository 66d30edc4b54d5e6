"""Old formation ids (twins merged into one filière, relabelled formations) lead to today's formation."""
from __future__ import annotations

from mps.domain.catalogue.index import Catalogue


def moved_path(cat: Catalogue, formation_id: str, prefix: str, query_string: bytes = b"") -> str | None:
    """Today's URL of an old formation id, query string kept; None for an id the catalogue never had."""
    new_id = cat.resolve(formation_id)
    if new_id is None:
        return None
    query = query_string.decode("latin-1")
    return prefix + new_id + (f"?{query}" if query else "")
