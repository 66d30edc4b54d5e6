"""Quality floor of the suggestions on the team's reference profiles (full shipped catalogue).

Floors are set a little under the figures measured when they were written (docs/benchmarks.md:
recall@10 0.99, recall@20 1.00, absurd rate 0.0 on 28 profiles) so that a change that makes
suggestions clearly worse fails, while small re-orderings do not.
"""
import asyncio

import pytest

from mps.db.engine import make_engine
from mps.domain.catalogue.index import load
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import decode_profile
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.model import load_model
from tests.eval.reference_profiles import REFERENCE_PROFILES, evaluate

RECALL_AT_10_FLOOR = 0.90
RECALL_AT_20_FLOOR = 0.93
ABSURD_RATE_CEILING = 0.03


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


def test_there_are_enough_reference_profiles_of_every_kind():
    assert len(REFERENCE_PROFILES) >= 25
    bacs = {c["profile"].get("bac") for c in REFERENCE_PROFILES}
    assert {"Générale", "STMG", "ST2S", "STI2D", "STAV", "STHR", "STD2A", "P", None} <= bacs
    for field in ("interets", "domaines", "metiers", "specialites", "villes"):
        assert any(field in c["profile"] for c in REFERENCE_PROFILES), field


def test_suggestions_find_what_an_adviser_expects_and_nothing_absurd(engine_on_full_catalogue):
    cat, model = engine_on_full_catalogue
    ref = load_referential()
    result = evaluate(lambda p: [s.label for s in suggest(model, cat, decode_profile(p, ref, model.metiers), limit=20)])
    misses = [d for d in result["details"] if d[2] < d[3] or d[4]]
    assert result["recall@10"] >= RECALL_AT_10_FLOOR, misses
    assert result["recall@20"] >= RECALL_AT_20_FLOOR, misses
    assert result["absurd_rate"] <= ABSURD_RATE_CEILING, misses
    assert all(d[5] == 20 for d in result["details"])  # never short of suggestions
