"""CPU, SQL statements and instructions per board search, through the whole app (every middleware, hook and
handler; no HTTP), on a database holding the stage board's 100,000 bench offers: load-independent figures.

    DATABASE_URL=sqlite+aiosqlite:////tmp/board.sqlite .venv/bin/python bench/stage_request_cost.py --prepare
    DATABASE_URL=... .venv/bin/python bench/stage_request_cost.py [--n 1000] [--profile]
    DATABASE_URL=... valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python bench/stage_request_cost.py --n 300 --callgrind
    # instructions per search = the « Collected » figure valgrind prints / n; the code before:
    # PYTHONPATH=<git archive of the commit>/backend (the rest of the tree linked), same command

--prepare migrates the (empty) database and writes the offers as bench/stages_search.py does (same seed). The
searches are the bench's opening-day ones (stages_search.queries, every one distinct), anonymous, sent one at a
time to the ASGI app built by create_app (production settings); 200 warm it up, then n are counted: process CPU
per search (SQLite runs in the process; on PostgreSQL also the CPU of this database's backends, read from /proc:
the server must run on this machine), statements per search, and with
--words only the keyword searches (q=), with
--profile cProfile's top functions on thread time, with --callgrind valgrind's instructions (switched on and off
around the counted searches; the 60-s word, count and cell refreshes are kept out of that window, where a slow
valgrind run would redo them by chance; the garbage collector is off while counting).
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import logging.config
import os
import pstats
import random
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from request_cost import call  # noqa: E402
from stages_search import prepare, queries  # noqa: E402


def counting(on: bool) -> None:
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], check=True,
                   capture_output=True)
    time.sleep(3)  # idle, no instructions: the switch has taken effect before the next step


async def backends_cpu(url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends connected to this database (/proc), 0 for SQLite."""
    if not url.startswith("postgresql"):
        return 0.0
    import asyncpg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        pids = [r[0] for r in await conn.fetch("SELECT pid FROM pg_stat_activity WHERE datname = $1 "
                                                "AND pid <> pg_backend_pid()", name)]
    finally:
        await conn.close()
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


async def board_queries(url: str, n: int, words: bool = False) -> list[str]:
    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.stages import demo
    from mps.domain.stages.board import load_board

    board = load_board(ROOT / "data")
    engine = make_engine(url)
    async with make_sessionmaker(engine)() as db:
        anchors = await demo.anchors(db, board, 100_000, random.Random(14))  # as prepare() drew them
    await engine.dispose()
    found = queries(anchors, random.Random(8), n * 6 if words else n, board)
    return ["/api/v1/stages?" + urllib.parse.urlencode(q) for q in found if "q" in q or not words][:n]


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--prepare", action="store_true")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--callgrind", action="store_true")
    ap.add_argument("--words", action="store_true", help="only the keyword searches (q=, a sixth of the mix)")
    args = ap.parse_args()
    url = os.environ["DATABASE_URL"]
    if args.prepare:
        import tempfile

        from mps.admin.migrate import ensure_admin_schema
        from mps.db.migrate import upgrade
        upgrade(url)
        ensure_admin_schema(url)
        await prepare(url, Path(tempfile.mkdtemp()), 100_000, random.Random(14))
        return
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    from sqlalchemy import event

    from mps.asgi import create_app
    from mps.domain.stages import nearest, search
    from mps.db import driver as sent_by_driver
    if not hasattr(sent_by_driver, "sent"):  # older code (an A/B run on a git archive)
        try:
            from mps.domain.stages import sent_by_driver
        except ImportError:  # older still: every statement went through SQLAlchemy
            from types import SimpleNamespace
            sent_by_driver = SimpleNamespace(sent=0)
    from mps.web.observability import log_config
    from mps.web.state import state_of

    logging.config.dictConfig(log_config(json_lines=True, level="WARNING"))
    paths = await board_queries(url, args.n + 200, args.words)
    app = create_app()
    if args.callgrind:
        search.Vocabulary.TTL = nearest.COUNTS_TTL = 1e9
        try:  # (the box's cells, from 0c42e53 on)
            from mps.domain.stages import density
            density.TTL = 1e9
        except ImportError:
            pass
    statements = 0

    def count(*_):
        nonlocal statements
        statements += 1
    event.listen(state_of(app).engine.sync_engine, "before_cursor_execute", count)
    async with app.lifespan():
        for p in paths[:200]:
            status, _ = await call(app, p, [])
            if status != 200:
                raise SystemExit(f"{p}: {status}")
        gc.collect()
        gc.disable()
        statements = 0
        if args.callgrind:
            counting(True)
        profiler = cProfile.Profile(time.thread_time) if args.profile else None
        if profiler:
            profiler.enable()
        backend = await backends_cpu(url)
        statements -= sent_by_driver.sent  # (the search's own statements bypass SQLAlchemy's events)
        cpu = time.process_time()
        for p in paths[200:]:
            await call(app, p, [])
        cpu = time.process_time() - cpu
        statements += sent_by_driver.sent
        backend = await backends_cpu(url) - backend
        if profiler:
            profiler.disable()
        if args.callgrind:
            counting(False)
    pg = f" + {backend * 1000 / args.n:.3f} ms (PostgreSQL backends)" if url.startswith("postgresql") else ""
    print(f"{args.n} searches: CPU {cpu * 1000 / args.n:.3f} ms per search (this process){pg}, "
          f"{statements / args.n:.2f} statements per search (load average {os.getloadavg()[0]:.1f})")
    if profiler:
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(40)


if __name__ == "__main__":
    asyncio.run(main())
