"""The places a search keeps of the formations its words found: around a point (places.Grid), in a département,
passing the place filters (places.PlaceFilter), each formation's nearest first."""
from __future__ import annotations

from collections import defaultdict

from mps.domain.catalogue.places import Grid, PlaceFilter
from mps.lib.geo import Around, latitude_terms


class PlacePool:
    def __init__(self, catalogue):
        self.cat = catalogue
        self.all_places = {fid: [(p.cod_aff_form, None) for p in f.places] for fid, f in catalogue.formations.items()}
        self.place_order = {p.cod_aff_form: i for f in catalogue.formations.values() for i, p in enumerate(f.places)}
        self.by_departement: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for p in catalogue.places.values():
            self.by_departement[p.departement_code][p.formation_id].append(p)
        # Places with coordinates as the points mps.lib.geo.Around measures: (place, lat radians, cos lat, lon).
        self.located = {p.cod_aff_form: (p, *latitude_terms(p.lat), p.lon) for p in catalogue.places.values()
                         if p.lat is not None}
        self.grid = Grid(self.located.values())
        self.remote: dict[str, list] = defaultdict(list)  # taught at a distance: no km, listed around any town
        for p in catalogue.places.values():
            if p.remote:
                self.remote[p.formation_id].append(p)
        for remote in self.remote.values():  # in the formation's own order, as a search lists them
            remote.sort(key=lambda p: self.place_order[p.cod_aff_form])

    def either(self, a: dict[str, list], b: dict[str, list]) -> dict[str, list]:
        """The places around either of two towns, each at its distance from the nearer, nearest first."""
        out = {}
        for fid in a.keys() | b.keys():
            best: dict[int, float | None] = {}
            for cod, dist in a.get(fid, []) + b.get(fid, []):
                if cod not in best or (dist is not None and (best[cod] is None or dist < best[cod])):
                    best[cod] = dist
            out[fid] = self.nearest_first(list(best.items()))
        return out

    def nearest_first(self, places: list) -> list:
        """(cod_aff_form, distance) nearest first, those without a distance last; equal distances (one establishment)
        in the formation's own order. Sorted in place."""
        order = self.place_order
        places.sort(key=lambda t: (t[1] is None, t[1] or 0.0, order[t[0]]))
        return places

    def eligible(self, flt: PlaceFilter, fids):
        """formation id -> [(cod_aff_form, distance)] of the places of these formations passing the filters
        (None: no filter).

        Starts from the smallest set the filters allow (places around a point, of a département…)
        rather than walking every place of every matching formation."""
        if not flt.active:
            return None
        near, radius = flt.near, flt.radius
        around = Around(near[0], near[1], radius) if near is not None else None
        points = self.grid.places_of(fids, near[0], near[1], radius) if near is not None and radius is not None else None
        if points is not None:  # (the grid holds the places with coordinates only)
            kept = around.within(points)
        else:
            if flt.departement:
                by_formation = self.by_departement.get(flt.departement, {})
                pool = [p for fid in by_formation.keys() & fids for p in by_formation[fid]]
            else:  # every place of the matching formations
                pool = [p for fid in fids for p in self.cat.formations[fid].places]
            if around is None:
                kept = [(p, None) for p in pool]
            else:  # a place without coordinates is kept, last, only when no radius limits the distance (remote: no km)
                located = self.located
                kept = around.within([located[p.cod_aff_form] for p in pool if p.lat is not None])
                if radius is None:
                    kept += [(p, None) for p in pool if p.lat is None]
        check = flt.narrows_places
        out: dict[str, list] = {}
        order = self.place_order
        if points is not None:  # every place kept has its distance: nearest first, equal distances (one establishment)
            # in the formation's own order, by one sort of plain tuples (a key function per place cost more)
            for dist, _, cod, fid in sorted([(dist, order[p.cod_aff_form], p.cod_aff_form, p.formation_id)
                                             for p, dist in kept if not check or flt.accepts(p)]):
                group = out.get(fid)
                if group is None:  # (setdefault() made an empty list for every place)
                    out[fid] = [(cod, dist)]
                else:
                    group.append((cod, dist))
            # taught at a distance: listed, last (in the formation's order: _remote is), with the formations found
            for fid in self.remote.keys() & out.keys():
                out[fid] += [(p.cod_aff_form, None) for p in self.remote[fid] if not check or flt.accepts(p)]
            return out
        for p, dist in kept:
            if check and not flt.accepts(p):
                continue
            out.setdefault(p.formation_id, []).append((p.cod_aff_form, dist))
        for places in out.values():
            if len(places) > 1:
                self.nearest_first(places)
        return out
