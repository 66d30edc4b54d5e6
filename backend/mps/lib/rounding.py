"""round(x, digits) for positive floats, the same float without the decimal conversion round() makes.

Python's round(x, 1) writes x in decimal and reads it back (a few thousand instructions); a suggestions answer
rounds about a hundred figures (each shown place's km, each score). Here x·10^digits is computed in binary: it
lies within far less than 1e-6 of the exact product, so unless it falls that close to a half, the rounding goes
the same way as round()'s, and k / 10^digits is the double nearest to k·10^-digits, which is what round()
returns. Near a half, zero, negative or huge values: round() itself.
"""
from __future__ import annotations

from math import floor

_SCALES = {d: 10.0 ** d for d in range(7)}
_TIE = 1e-6


def round_positive(x: float, digits: int) -> float:
    scale = _SCALES[digits]
    y = x * scale
    if not 0.0 < y < 1e9:
        return round(x, digits)
    k = floor(y)
    f = y - k
    if -_TIE < f - 0.5 < _TIE:
        return round(x, digits)
    return (k + 1 if f > 0.5 else k) / scale
