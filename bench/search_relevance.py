"""Search relevance on students' queries: hit@1, hit@3 and MRR, tuning part and held-out part.

    .venv/bin/python bench/search_relevance.py            # figures
    .venv/bin/python bench/search_relevance.py --misses   # also the queries whose expected formation is not first

The table is tests/data/search_relevance.csv (query, expected formation ids, part). The held-out parts
(holdout, holdout2, ...) were each written before the search was tuned on what they cover, and are never
tuned on: `holdout` with the tuning part, `holdout2` as phone-typed queries before the intent work of issue 10.
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mps.db.engine import make_engine  # noqa: E402
from mps.db.migrate import upgrade  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.etl.runner import ImportFiles, run_import  # noqa: E402
from tests.integration.catalogue.relevance import evaluate, parts  # noqa: E402


async def catalogue():
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'relevance.sqlite'}"
    upgrade(url)
    engine = make_engine(url)
    await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), tmp, log=lambda *_: None)
    cat = await load(engine)
    await engine.dispose()
    return cat


def main() -> None:
    cat = asyncio.run(catalogue())
    print(f"{'part':<9} {'queries':>7} {'hit@1':>6} {'hit@3':>6} {'MRR':>6}")
    for part in parts():
        s = evaluate(cat, part)
        print(f"{part:<9} {s.n:>7} {s.hit1:>6.2f} {s.hit3:>6.2f} {s.mrr:>6.2f}")
        if "--misses" in sys.argv:
            for query, top in s.misses:
                print(f"    {query!r} -> {[cat.formations[f].label for f in top]}")


if __name__ == "__main__":
    main()
