"""The full shipped catalogue and its suggestion model, for the reference profiles and the bac pro fields."""
import asyncio

import pytest

from mps.db.engine import make_engine
from mps.domain.catalogue.index import load
from mps.domain.suggestions.model import load_model


@pytest.fixture(scope="module")
def engine_on_full_catalogue(catalogue_db):
    async def go():
        engine = make_engine(catalogue_db)
        try:
            cat = await load(engine)
            return cat, await load_model(engine, cat)
        finally:
            await engine.dispose()
    return asyncio.run(go())
