"""CPU cost of one request through the whole app (every middleware, hook and handler), in process, no HTTP.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite .venv/bin/python bench/request_cost.py [--n 2000]
        [--profile search|formation|formation_json|suggest|trivial] [--gzip]

The database must hold the shipped catalogue (`mps import`). Each kind of request is sent n times straight to
the ASGI app built by `create_app` (as `mps serve` does, production settings), one at a time, and the CPU time
of the process per request is taken over batches of 50, the cheapest batch kept: a figure that the machine's
load moves far less than a wall-clock rate.
The baseline is the trivial app of bench/throughput.py, measured the same way in the same run.
--profile prints cProfile's top functions for one kind: where a request's time goes.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_mix import PROFILES as MIX_PROFILES  # noqa: E402
from throughput import distinct_queries, search_path  # noqa: E402

PROFILES = [json.dumps(p, ensure_ascii=False).encode() for p in MIX_PROFILES]

BATCH = 50


async def call(app, path: str | tuple[str, bytes], headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """(status, body bytes) of one GET through the ASGI app; a (path, JSON body) pair is POSTed."""
    path, body = path if isinstance(path, tuple) else (path, None)
    raw_path, _, query = path.partition("?")
    if body is not None:
        headers = [*headers, (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "scheme": "http",
             "method": "GET" if body is None else "POST",
             "path": raw_path, "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), *headers], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 9500)}
    status, size = 0, 0

    async def receive():
        return {"type": "http.request", "body": body or b"", "more_body": False}

    async def send(message):
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


async def cost(app, paths: list[str], headers, profile: bool = False) -> tuple[float, int]:
    """(CPU µs per request, body bytes of the last answer) over the paths, after a warm-up.

    The paths are sent in batches of 50: the cheapest batch is the figure, the others carry the time other
    processes took from this one (cache misses, preemption) on a shared machine."""
    for p in paths[:20]:
        await call(app, p, headers)
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    best, size = float("inf"), 0
    for start in range(0, len(paths), BATCH):
        batch = paths[start:start + BATCH]
        started = time.process_time()
        for p in batch:
            status, size = await call(app, p, headers)
            if status != 200:
                raise SystemExit(f"{p}: {status}")
        best = min(best, (time.process_time() - started) / len(batch))
    if profiler:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return best * 1e6, size


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--profile", choices=["trivial", "healthz", "search", "formation", "formation_json", "suggest"])
    ap.add_argument("--gzip", action="store_true", help="send Accept-Encoding: gzip, as browsers do")
    args = ap.parse_args()
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    import logging

    from mps.asgi import create_app
    from mps.web.observability import log_config
    from trivial_app import app as trivial

    logging.config.dictConfig(log_config(json_lines=True, level="WARNING"))  # access lines off, as not to measure I/O
    app = create_app()
    headers = [(b"accept-encoding", b"gzip")] if args.gzip else []
    async with app.lifespan():
        cat = app.state.catalogue.current
        biggest = max(cat.formations.values(), key=lambda f: len(f.places))
        kinds = {
            "trivial": (trivial, ["/ping"] * args.n),
            "healthz": (app, ["/healthz"] * args.n),  # the app's cheapest route: the cost of its middleware stack
            "search": (app, [search_path(q) for q in distinct_queries(args.n)]),
            "formation": (app, [f"/formations/{biggest.id}"] * args.n),
            "formation_json": (app, [f"/api/v1/formations/{biggest.id}"] * args.n),
            # the profiles of bench/load_mix.py's opening-day mix, in turn
            "suggest": (app, [("/api/v1/suggestions", PROFILES[i % len(PROFILES)]) for i in range(args.n)]),
        }
        if args.profile:
            target, paths = kinds[args.profile]
            await cost(target, paths, headers, profile=True)
            return
        print(f"load average {os.getloadavg()[0]:.1f}; {args.n} requests of each kind, one at a time"
              f"{', Accept-Encoding: gzip' if args.gzip else ''}; formation: {biggest.id}, {len(biggest.places)} places")
        base = None
        for name, (target, paths) in kinds.items():
            us, size = await cost(target, paths, headers)
            base = base or us
            print(f"{name:16} {us:8.0f} µs CPU per request  {us / base:5.1f}× trivial  "
                  f"(1 core: {1e6 / us:7.0f} req/s; body {size:,} bytes)")


if __name__ == "__main__":
    import logging.config  # noqa: F401
    asyncio.run(main())
