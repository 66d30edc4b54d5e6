"""Great-circle distances (km) for 'near a town' search and place sorting."""
from __future__ import annotations

from math import asin, cos, degrees, pi, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def latitude_terms(lat: float) -> tuple[float, float]:
    """(radians, cosine) of a latitude: what Around needs of a point, worked out once per point."""
    p = radians(lat)
    return p, cos(p)


class Around:
    """Distances from one point to many, with distance_km's formula and floats: the origin's terms are worked out
    once, each point's are given ready (latitude_terms), and a point surely beyond the radius costs no sine."""

    __slots__ = ("lat", "lon", "radius_km")

    def __init__(self, lat: float, lon: float, radius_km: float | None):
        self.lat, self.lon, self.radius_km = lat, lon, radius_km

    def within(self, points) -> list[tuple[object, float]]:
        """(item, distance_km(origin, point)) of the points (item, latitude in radians, its cosine, longitude)
        within the radius (all of them without one), in their order."""
        p1, cos_p1 = latitude_terms(self.lat)
        lon1, radius = self.lon, self.radius_km
        max_dp, max_dlon = self._box()
        diameter = 2 * EARTH_RADIUS_KM
        out = []
        for item, p2, cos_p2, lon2 in points:
            dp, dlon = p2 - p1, lon2 - lon1
            if dp > max_dp or -dp > max_dp or dlon > max_dlon or -dlon > max_dlon:
                continue
            a = sin(dp / 2) ** 2 + cos_p1 * cos_p2 * sin(radians(dlon) / 2) ** 2
            d = diameter * asin(min(1.0, sqrt(a)))
            if radius is None or d <= radius:
                out.append((item, d))
        return out

    def _box(self) -> tuple[float, float]:
        """(latitude gap in radians, longitude gap in degrees) beyond which a point lies beyond the radius.

        Within an angle r of the origin a point's latitude is at most r away, its longitude at most
        asin(sin r / cos lat) (no bound when the cap holds a pole, or crosses the antimeridian, where a
        longitude gap wraps round). The margins keep any point the full formula's rounding could still
        put within the radius."""
        if self.radius_km is None:
            return float("inf"), float("inf")
        r = self.radius_km / EARTH_RADIUS_KM
        max_dp = r * (1 + 1e-9) + 1e-12
        ratio = sin(r) / cos(radians(self.lat)) if abs(self.lat) < 90 else 2.0
        if ratio >= 1 or r >= pi / 2:
            return max_dp, float("inf")
        max_dlon = degrees(asin(ratio)) * (1 + 1e-9) + 1e-9
        if abs(self.lon) + max_dlon >= 180:
            return max_dp, float("inf")
        return max_dp, max_dlon


def parse_gps(text: str) -> tuple[float, float] | None:
    """'50.6011, 3.03281' -> (50.6011, 3.03281); None when empty or out of range."""
    if not text or "," not in text:
        return None
    try:
        lat, lon = (float(x) for x in text.split(",", 1))
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
