"""Great-circle distances (km) for 'near a town' search and place sorting."""
from __future__ import annotations

from math import asin, cos, degrees, pi, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088
_RADIAN = pi / 180  # what math.radians() multiplies by


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = radians(lat1), radians(lat2)
    half_dp, half_dl = sin((p2 - p1) / 2), sin(radians(lon2 - lon1) / 2)
    a = half_dp * half_dp + cos(p1) * cos(p2) * (half_dl * half_dl)  # x * x: pow(x, 2) can be off by its last bit
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def distance_terms_km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """distance_km's floats between two points given as (latitude in radians, its cosine, longitude in degrees):
    for many distances between points whose terms were worked out once."""
    half_dp, half_dlon = sin((b[0] - a[0]) / 2), sin((b[2] - a[2]) * _RADIAN / 2)
    root = sqrt(half_dp * half_dp + a[1] * b[1] * (half_dlon * half_dlon))
    return 2 * EARTH_RADIUS_KM * asin(root if root < 1.0 else 1.0)


def point_terms(lat: float, lon: float) -> tuple[float, float, float]:
    """The terms distance_terms_km reads of a point."""
    return (*latitude_terms(lat), lon)


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
        # Most points a grid hands over lie outside the box: a comprehension drops them with no arithmetic.
        # (Its bounds differ from the gaps' by a rounding at most, far inside the box's margins.)
        lat_lo, lat_hi, lon_lo, lon_hi = p1 - max_dp, p1 + max_dp, lon1 - max_dlon, lon1 + max_dlon
        boxed = [pt for pt in points if lat_lo <= pt[1] <= lat_hi and lon_lo <= pt[3] <= lon_hi]
        diameter = 2 * EARTH_RADIUS_KM
        out = []
        for item, p2, cos_p2, lon2 in boxed:  # distance_km's floats; dlon * _RADIAN is radians(dlon)
            half_dp, half_dlon = sin((p2 - p1) / 2), sin((lon2 - lon1) * _RADIAN / 2)
            root = sqrt(half_dp * half_dp + cos_p1 * cos_p2 * (half_dlon * half_dlon))
            d = diameter * asin(root if root < 1.0 else 1.0)
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
