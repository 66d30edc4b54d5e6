"""Instructions per request through the whole app, counted by valgrind's callgrind: a figure the load does not move.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/request_instructions.py uncached [--n 1000]
    # then: instructions per request = the « Collected » figure valgrind prints / n
    # the code before: PYTHONPATH=<git archive of the commit>/backend (the rest of the tree linked), same command

Same app and requests as bench/request_cost.py (kinds: trivial, healthz, cached, uncached search, formation page); 200 requests
warm it up, then callgrind counts only the n measured ones (switched on and off with callgrind_control). The
garbage collector is off while counting: one full collection of the catalogue's objects is worth ~100 M
instructions and lands in one run or another by chance. Without --as-served the access lines (INFO) are not
written and the metrics stay in memory: `mps serve` with 2 workers writes one JSON line per request and its
metrics to files (~30 µs more per request, measured on 1 Dec).
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import logging.config
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from request_cost import call  # noqa: E402
from throughput import distinct_queries, search_path  # noqa: E402


def counting(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["trivial", "healthz", "cached", "uncached", "formation"])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--as-served", action="store_true", help="as `mps serve --workers 2` runs it: the access lines "
                    "written (JSON, to /dev/null) and the metrics in prometheus_client's multiprocess files")
    args = ap.parse_args()
    if args.as_served:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp()
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    from mps.asgi import create_app
    from mps.web.observability import log_config
    from trivial_app import app as trivial

    config = log_config(json_lines=True, level="INFO" if args.as_served else "WARNING")
    config["handlers"]["stdout"]["stream"] = open(os.devnull, "w")  # noqa: SIM115 (the process's whole life)
    logging.config.dictConfig(config)
    app = create_app()
    n = args.n + 200
    async with app.lifespan():
        target = trivial if args.kind == "trivial" else app
        biggest = max(app.state.catalogue.current.formations.values(), key=lambda f: len(f.places))
        paths = {"formation": [f"/formations/{biggest.id}"] * n,  # as bench/throughput.py: 487 places, HTML
                 "trivial": ["/ping"] * n, "healthz": ["/healthz"] * n,
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
