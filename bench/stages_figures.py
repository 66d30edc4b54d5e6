"""The stage figures page (/stages/chiffres) before and after its background job, on SQLite.

    .venv/bin/python bench/stages_figures.py [--offers 100000] [--students 30000] [--visits 20]

Imports the catalogue, writes the offers around real lycées and collèges (bench/stages_search.prepare) and
students searching around real schools, then measures in this process, wall and CPU time:
1. before: what a visit after a change cost when the page computed the figures itself (figures.service.gather
   and tables.build for one grouping), the baseline;
2. after: what a visit costs now (figures.saved.read: the data digest and the last saved figures), `--visits`
   times, with the figures saved by one run of the job (figures.job.compute), whose time is printed too.
Prints the ratios before / after (p50 of the visits), which the shared machine's load moves less than the
absolute figures.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


async def add_students(url: str, n: int, rng: random.Random) -> None:
    from sqlalchemy import insert

    from mps.db.engine import make_engine, make_sessionmaker
    from mps.db.models import Person, StageSeeker
    from mps.domain.stages.board import load_board
    from mps.domain.stages.now import now_utc

    board = load_board(ROOT / "data")
    schools = [s for s in board.schools.values() if s.lat is not None]
    now = now_utc()
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as db:
        for start in range(0, n, 2000):
            people, seekers = [], []
            for _ in range(start, min(n, start + 2000)):
                pid, school = uuid.uuid4().hex, rng.choice(schools)
                people.append({"id": pid, "created_at": now, "role": "lyceen", "display_name": ""})
                seekers.append({"person_id": pid, "school_uai": school.uai, "niveau": "seconde", "place_label": "",
                                "lat": school.lat + rng.uniform(-0.05, 0.05), "lon": school.lon + rng.uniform(-0.05, 0.05),
                                "radius_km": rng.choice([5, 10, 20, 30, 40, 60]), "updated_at": now})
            await db.execute(insert(Person), people)
            await db.execute(insert(StageSeeker), seekers)
        await db.commit()
    await engine.dispose()


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


async def measure(url: str, visits: int) -> dict:
    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.stages.board import PARIS, load_board
    from mps.domain.stages.figures import saved
    from mps.domain.stages.figures.geography import load_geography
    from mps.domain.stages.figures.job import compute
    from mps.domain.stages.figures.service import gather
    from mps.domain.stages.figures.tables import build
    from mps.domain.stages.now import now_utc
    from mps.domain.stages.periods import board_year

    board, geography = load_board(ROOT / "data"), load_geography(ROOT / "data")
    year = board_year(now_utc().astimezone(PARIS).date())
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    try:
        async with sessionmaker() as db:
            w, c = clocks()
            facts = await gather(db, board, geography, None, year, "seconde")
            build(facts, geography, "departement")
            before = (time.perf_counter() - w, time.process_time() - c)
        w, c = clocks()
        assert await compute(sessionmaker, board, ROOT / "data", None, year, "seconde")
        job = (time.perf_counter() - w, time.process_time() - c)
        walls, cpus = [], []
        for _ in range(visits):
            async with sessionmaker() as db:
                w, c = clocks()
                figures = await saved.read(db, year, "seconde", now_utc())
                walls.append(time.perf_counter() - w)
                cpus.append(time.process_time() - c)
                assert figures.rows["departement"] and not figures.stale
    finally:
        await engine.dispose()
    return {"offers": len(facts.offers), "students": len(facts.students), "before": before, "job": job,
            "after": (statistics.median(walls), statistics.median(cpus))}


def main() -> None:
    from bench.stages_search import prepare  # noqa: E402 (bench/ on the path above)

    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=30_000)
    parser.add_argument("--visits", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(15)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/figures.sqlite"
        from mps.db.migrate import upgrade
        upgrade(url)
        asyncio.run(prepare(url, Path(tmp), args.offers, rng))
        asyncio.run(add_students(url, args.students, rng))
        r = asyncio.run(measure(url, args.visits))
    print(f"{r['offers']:,} offers, {r['students']:,} students (seconde, this school year), SQLite")
    print(f"before (page computes): wall {r['before'][0] * 1000:.0f} ms, CPU {r['before'][1] * 1000:.0f} ms")
    print(f"job (one run, 3 groupings): wall {r['job'][0] * 1000:.0f} ms, CPU {r['job'][1] * 1000:.0f} ms")
    print(f"after (page reads, p50 of {args.visits}): wall {r['after'][0] * 1000:.1f} ms, "
          f"CPU {r['after'][1] * 1000:.1f} ms")
    print(f"ratio before/after: wall {r['before'][0] / r['after'][0]:.0f}x, CPU {r['before'][1] / r['after'][1]:.0f}x")


if __name__ == "__main__":
    main()
