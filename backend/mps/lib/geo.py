"""Great-circle distances (km) for 'near a town' search and place sorting."""
from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


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
