"""Catalogue search: server-side latency over 1,000 realistic queries, and HTTP throughput with 2 workers.

    .venv/bin/python bench/search.py            # in-process latency (engine + JSON encoding; the result cache is
                                                #  cleared before each query, per-word lookups stay warm as in service)
    .venv/bin/python bench/search.py --http     # also: wrk against `mps serve --workers 2` on loopback
"""
from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import queries  # noqa: E402
from serve_tmp import served  # noqa: E402

from mps.db.engine import make_engine  # noqa: E402
from mps.db.migrate import upgrade  # noqa: E402
from mps.domain.catalogue.api import search_document  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.domain.catalogue.search import SearchParams  # noqa: E402
from mps.etl.runner import ImportFiles, run_import  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def prepare(url: str, tmp: Path):
    upgrade(url)
    engine = make_engine(url)
    await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), tmp, log=lambda *_: None)
    cat = await load(engine)
    await engine.dispose()
    return cat


def latency(cat, qs) -> None:
    enc = msgspec.json.Encoder()
    timings = []
    for q in qs:
        cat.search._cache.clear()  # no cached answer: the engine ranks every query (word lookups stay warm)
        t = time.perf_counter()
        enc.encode(search_document(cat, SearchParams(q=q), 1))
        timings.append((time.perf_counter() - t) * 1000)
    print(f"queries              {len(qs)} (distinct {len(set(qs))})")
    print(f"latency p50          {statistics.median(timings):.2f} ms")
    print(f"latency p95          {pct(timings, 95):.2f} ms (target <= 20 ms)")
    print(f"latency max          {max(timings):.2f} ms")


def throughput(qs) -> None:
    with served(8191, workers=2) as base:
        lua = Path(tempfile.mkdtemp()) / "queries.lua"
        paths = ["/api/v1/formations?q=" + urllib.parse.quote_plus(q) for q in qs]
        lua.write_text("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\n"
                       "i = 0\nrequest = function()\n  i = i % #paths + 1\n"
                       "  return wrk.format('GET', paths[i])\nend\n")
        out = subprocess.run(["wrk", "-t1", "-c32", "-d10s", "-s", str(lua), base],
                             capture_output=True, text=True).stdout
        print("wrk (1 thread, 32 connections, 10 s, the 1,000 queries in turn, 2 server workers):")
        print("\n".join("  " + line for line in out.strip().splitlines()))


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    url = f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}"
    cat = asyncio.run(prepare(url, tmp))
    qs = queries()
    latency(cat, qs)
    if "--http" in sys.argv:
        if not shutil.which("wrk"):
            sys.exit("wrk not found: apt-get install wrk")
        throughput(qs)


if __name__ == "__main__":
    main()
