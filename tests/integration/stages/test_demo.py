"""`mps demo stages`: labelled demo offers around real schools, invisible outside demo mode, removable."""
from __future__ import annotations

import random

from sqlalchemy import func, select

from mps.db.models import StageOffer, StageOfferPeriod
from mps.domain.stages import service
from mps.domain.stages.demo import anchors, create_demo
from mps.lib.geo import distance_km
from mps.domain.stages.search import StageQuery, Viewer, search
from tests.integration.stages.helpers import YEAR, clock, run


def test_demo_offers_are_labelled_hidden_outside_demo_mode_and_removable(empty_db, board):
    async def work(db):
        assert await create_demo(db, board, 40, YEAR) == 40
        offers = (await db.execute(select(StageOffer))).scalars().all()
        assert len(offers) == 40 and all(o.demo and o.title.startswith("[Démo]") for o in offers)
        assert all("fictive" in o.description for o in offers)
        # Each lies by a real school of the commune it names (a page says « à <commune>, 27 km »).
        schools = await anchors(db, board, 10**6, random.Random(0))
        for o in offers:
            near = min(distance_km(o.lat, o.lon, s.lat, s.lon) for s in schools if s.commune == o.commune)
            assert near <= 1.6, (o.commune, near)
        assert (await db.execute(select(func.count()).select_from(StageOfferPeriod))).scalar_one() >= 40
        first = offers[0]
        now, today = clock()
        query = StageQuery(lat=first.lat, lon=first.lon, radius_km=5)
        assert (await search(db, board, query, Viewer(), now, today))[0] == 0
        total, items = await search(db, board, query, Viewer(demo=True), now, today)
        assert total >= 1 and items[0].demo and items[0].distance_km == 0.0
        assert await service.delete_demo(db) == 1
        assert (await db.execute(select(func.count()).select_from(StageOffer))).scalar_one() == 0
    run(empty_db, work)
