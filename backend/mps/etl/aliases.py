"""Old formation ids -> today's formation, so that old links, favourites and notes lead somewhere.

Three sources, in this order of trust: the aliases recorded by earlier imports (re-pointed when their
target moved again), the ids the previous catalogue in the database gave to the same places
(a relabelled or merged formation follows its places), and the ids the older importer derived
from this same file (read_parcoursup's legacy aliases: a fresh database still knows them).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from mps.db.models import FormationAlias, Place


async def previous_catalogue(conn: AsyncConnection) -> tuple[dict[int, str], dict[str, str]]:
    """(cod_aff_form -> formation id, old id -> formation id) as the database holds them before an import."""
    places = {r.cod_aff_form: r.formation_id for r in await conn.execute(select(Place.cod_aff_form, Place.formation_id))}
    aliases = {r.old_id: r.formation_id for r in await conn.execute(select(FormationAlias.old_id,
                                                                           FormationAlias.formation_id))}
    return places, aliases


def resolve_aliases(current: set[str], new_places: dict[int, str], legacy: dict[str, str],
                    previous_places: dict[int, str], previous_aliases: dict[str, str]) -> dict[str, str]:
    """Every known old id that is not a current formation id -> the current formation it became."""
    follows: dict[str, Counter] = defaultdict(Counter)
    for cod, old_id in previous_places.items():
        if cod in new_places:
            follows[old_id][new_places[cod]] += 1
    moved = {old: c.most_common(1)[0][0] for old, c in follows.items()}

    def target(fid: str, seen: frozenset = frozenset()) -> str | None:
        if fid in current:
            return fid
        if fid in seen:
            return None
        nxt = moved.get(fid) or previous_aliases.get(fid) or legacy.get(fid)
        return target(nxt, seen | {fid}) if nxt else None

    out = {}
    for old_id in {*legacy, *moved, *previous_aliases}:
        if old_id not in current and (to := target(old_id)):
            out[old_id] = to
    return out
