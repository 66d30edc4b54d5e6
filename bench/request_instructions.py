"""Instructions per request through the whole app, counted by valgrind's callgrind: a figure the load does not move.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/request_instructions.py uncached [--n 1000]
    # then: instructions per request = the « Collected » figure valgrind prints / n
    # the code before: PYTHONPATH=<git archive of the commit>/backend (the rest of the tree linked), same command

Same app and requests as bench/request_cost.py (kinds: trivial, healthz, cached, uncached search); 200 requests
warm it up, then callgrind counts only the n measured ones (switched on and off with callgrind_control). The
garbage collector is off while counting: one full collection of the catalogue's objects is worth ~100 M
instructions and lands in one run or another by chance.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import logging.config
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from request_cost import call  # noqa: E402
from throughput import distinct_queries, search_path  # noqa: E402


def counting(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["trivial", "healthz", "cached", "uncached"])
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    from mps.asgi import create_app
    from mps.web.observability import log_config
    from trivial_app import app as trivial

    logging.config.dictConfig(log_config(json_lines=True, level="WARNING"))
    app = create_app()
    n = args.n + 200
    async with app.lifespan():
        target = trivial if args.kind == "trivial" else app
        paths = {"trivial": ["/ping"] * n, "healthz": ["/healthz"] * n,
                 "cached": [search_path("bts compta Vannes")] * n,
                 "uncached": [search_path(q) for q in distinct_queries(n)]}[args.kind]
        for p in paths[:200]:
            await call(target, p, [])
        gc.collect()
        gc.disable()
        counting(True)
        for p in paths[200:]:
            await call(target, p, [])
        counting(False)
    print(f"{args.kind}: {args.n} requests counted")


if __name__ == "__main__":
    asyncio.run(main())
