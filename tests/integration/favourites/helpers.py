"""Picking real formations from the loaded catalogue for the favourites tests."""
from __future__ import annotations


def catalogue(site):
    return site.app.state.catalogue.current


def formation_with_places(site, selective: bool | None = None, minimum: int = 3):
    """A formation with at least `minimum` located places having a taux d'accès."""
    for f in catalogue(site).formations.values():
        if selective is not None and f.selective != selective:
            continue
        good = [p for p in f.places if p.lat is not None and p.taux_acces is not None]
        if len(good) >= minimum:
            return f, good
    raise AssertionError("no such formation in the catalogue")


def other_formation_place(site, formation):
    for p in catalogue(site).places.values():
        if p.formation_id != formation.id:
            return p
