"""The process's offers per cell (density.py), which weighs the box against a sector or some words in
nearest.driver without a count statement: close to the box's real count, and read again after its TTL."""
from __future__ import annotations

import random

from sqlalchemy import func, select

from mps.db.models import StageOffer
from mps.domain.stages import demo, density
from mps.domain.stages.demo import Anchor
from mps.domain.stages.nearest import box_params
from tests.integration.stages.helpers import LILLE, SIRETS, YEAR, clock, employer_org, run


def _write(url, board, n, rng, siret=SIRETS[0]):
    async def write(db):
        _, org = await employer_org(db, siret=siret, verified=True)
        now, _ = clock()
        rows = []
        for _ in range(n):
            row, periods = demo.offer_rows(board, org.id, Anchor("Lycée", "Lille", "59000", *LILLE), rng, YEAR, now, False)
            row.update(lat=round(LILLE[0] + rng.uniform(-0.5, 0.5), 5), lon=round(LILLE[1] + rng.uniform(-0.8, 0.8), 5),
                       status=rng.choice(["published", "published", "closed"]))
            rows.append((row, periods))
        await demo.write_offers(db, rows)
    run(url, write)


def test_box_estimate_is_close_to_the_count_and_follows_new_offers(empty_db, board, monkeypatch):
    rng = random.Random(31)
    _write(empty_db, board, 1200, rng)

    async def check(db):
        conn = await db.connection()
        for _ in range(12):
            lat, lon = LILLE[0] + rng.uniform(-0.2, 0.2), LILLE[1] + rng.uniform(-0.3, 0.3)
            box = box_params(lat, lon, rng.choice([20, 30, 40]))
            exact = (await db.execute(select(func.count()).select_from(StageOffer).where(
                StageOffer.lat.between(box["lat1"], box["lat2"]), StageOffer.lon.between(box["lon1"], box["lon2"])))).scalar()
            estimate = await density.offers_in_box(conn, box)
            assert abs(estimate - exact) <= 0.2 * exact + 10, (box, exact, estimate)
        return await density.offers_in_box(conn, box_params(*LILLE, 60))
    before = run(empty_db, check)
    assert before > 1000

    _write(empty_db, board, 300, rng, SIRETS[1])
    box = box_params(*LILLE, 60)

    async def estimate(db):
        return await density.offers_in_box(await db.connection(), box)
    assert run(empty_db, estimate) == before  # this process's cells are kept for TTL seconds
    monkeypatch.setattr(density, "TTL", 0.0)
    assert run(empty_db, estimate) > before + 250
