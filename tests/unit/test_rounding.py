"""lib.rounding.round_positive: round()'s very float (the suggestions' km and scores are encoded from it)."""
import math
import random

import pytest

from mps.lib.rounding import round_positive


@pytest.mark.parametrize("digits", [0, 1, 2, 4])
def test_the_same_float_as_round(digits):
    rng = random.Random(digits)
    values = [rng.uniform(0, 2) for _ in range(20_000)] + [rng.uniform(0, 20_000) for _ in range(20_000)]
    values += [10 ** rng.uniform(-9, 10) for _ in range(20_000)]
    scale = 10 ** digits
    # Halves and their neighbours, where binary and decimal disagree (0.15 is 0.1499…, 2.675 is 2.67499…).
    for k in range(0, 3000):
        half = (k + 0.5) / scale
        values += [half, math.nextafter(half, 0), math.nextafter(half, math.inf), k / scale]
    values += [0.0, -0.0, -1.25, 5e-324, 1e12, 0.05, 0.15, 0.25, 0.35, 2.675, 1.0005]
    for x in values:
        got, expected = round_positive(x, digits), round(x, digits)
        assert got == expected and math.copysign(1, got) == math.copysign(1, expected), x
