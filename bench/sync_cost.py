"""SQL statements and CPU of one POST /api/v1/sync of one operation, in process (every middleware, no HTTP).

    DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/mps_sync_bench REDIS_URL=redis://127.0.0.1:6379/0 \
        .venv/bin/python bench/sync_cost.py [--n 500] [--who signed|anon] [--since cursor|zero] [--profile] [--show]

The database must hold the shipped catalogue (`mps migrate && mps import`). --people students each favourite
--marks formations first; then n one-operation syncs (set_ambition on one of their formations, round robin),
each sending the cursor its device got last (--since zero: every answer is the full list, as a new device).
Prints statements per request (those sent through SQLAlchemy: the figure a regression test pins), round trips to
PostgreSQL (asyncpg's own count: BEGIN, COMMIT and what the app sends by the driver itself included) and the CPU of
this thread per request, cheapest batch of 50 (the machine is shared). --show prints one request's SQL;
--profile cProfile's top functions. The code before a change: PYTHONPATH=<checkout>/backend, same command.
Instructions per request, a figure the machine's load does not move (instructions = valgrind's « Collected » / n):

    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python bench/sync_cost.py --n 200 --callgrind
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import gc
import json
import os
import pstats
import random
import resource
import secrets
import time
import weakref
from datetime import datetime, timedelta, timezone

from sqlalchemy import event

BATCH = 50


class Sent:
    """What the requests sent to PostgreSQL, counted by asyncpg (each query a round trip) on every connection the
    pool opened (the sync lane keeps some between requests, mps.db.lent). SQLite: 0."""

    def __init__(self, engine):
        self.drivers = weakref.WeakSet()
        event.listen(engine, "connect", lambda _c, record: self.drivers.add(record.driver_connection))

    @property
    def count(self) -> int:
        return sum(getattr(getattr(d, "_protocol", None), "queries_count", 0) for d in self.drivers)


async def call(app, method: str, path: str, headers: list, body: bytes = b"") -> tuple[int, dict, bytes]:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), *headers], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 9500)}
    out = {"status": 0, "headers": [], "body": b""}
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"], out["headers"] = message["status"], message.get("headers", [])
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return out["status"], out["headers"], out["body"]


def cookies_of(headers) -> dict:
    found = {}
    for k, v in headers:
        if k.lower() == b"set-cookie":
            name, _, rest = v.decode("latin-1").partition("=")
            found[name] = rest.split(";", 1)[0]
    return found


async def signed_in_people(sessionmaker, n: int) -> list[str]:
    """n students with an account, each signed in on one browser: their session cookies' tokens."""
    from mps.db.models import Person, SignInSession
    from mps.web.sessions import _hash

    now, tokens = datetime.now(timezone.utc), []
    async with sessionmaker() as db:
        for _ in range(n):
            pid, token = secrets.token_hex(16), secrets.token_urlsafe(32)
            db.add(Person(id=pid, created_at=now, role="lyceen", email=f"bench-{pid}@exemple.fr"))
            await db.flush()
            db.add(SignInSession(token_hash=_hash(token), person_id=pid, provider="email", created_at=now,
                                 expires_at=now + timedelta(days=30)))
            tokens.append(token)
        await db.commit()
    return tokens


class Device:
    def __init__(self, cookies: dict, csrf: str, formations: list[str]):
        self.cookies, self.csrf, self.formations, self.cursor, self.n = cookies, csrf, formations, 0, 0

    def headers(self) -> list:
        cookie = "; ".join(f"{k}={v}" for k, v in {**self.cookies, "mps_csrftoken": self.csrf}.items())
        return [(b"cookie", cookie.encode()), (b"x-csrftoken", self.csrf.encode()),
                (b"content-type", b"application/json")]

    def body(self, kind: str, formation: str, value, since: bool) -> bytes:
        self.n += 1
        op = {"op_id": f"{secrets.token_hex(8)}-{self.n}", "device_id": "bench", "ts": int(time.time() * 1000),
              "kind": kind, "formation_id": formation, "value": value}
        return json.dumps({"since": self.cursor if since else 0, "ops": [op]}).encode()


async def one_sync(app, dev: Device, kind: str, formation: str, value, since: bool) -> None:
    status, headers, body = await call(app, "POST", "/api/v1/sync", dev.headers(), dev.body(kind, formation, value, since))
    if status != 200:
        raise SystemExit(f"sync: {status} {body[:300]!r}")
    dev.cookies.update(cookies_of(headers))
    dev.cursor = json.loads(body)["cursor"]


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--people", type=int, default=20)
    ap.add_argument("--marks", type=int, default=10, help="formations each student favourites first")
    ap.add_argument("--who", choices=["signed", "anon"], default="signed")
    ap.add_argument("--since", choices=["cursor", "zero"], default="cursor")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the SQL of one request")
    ap.add_argument("--callgrind", action="store_true",
                    help="under valgrind --tool=callgrind --instr-atstart=no: count only the measured requests")
    args = ap.parse_args()
    os.environ.setdefault("MPS_ENV", "production")
    os.environ["MPS_JOBS"] = "off"
    import logging.config

    from mps.asgi import create_app
    from mps.settings import load_settings
    from mps.web.observability import log_config

    logging.config.dictConfig(log_config(json_lines=True, level="WARNING"))
    settings = load_settings()  # one client address here: the per-address limit of anonymous writes lifted
    settings = dataclasses.replace(settings, limits=dataclasses.replace(settings.limits, anon_write=(10**9, 600),
                                                                        anon_new=(10**9, 3600)))
    app = create_app(settings)
    statements: list[str] = []
    event.listen(app.state.engine.sync_engine, "before_cursor_execute",
                 lambda conn, cur, stmt, *a: statements.append(stmt))
    sent = Sent(app.state.engine.sync_engine)
    async with app.lifespan():
        cat = app.state.catalogue.current
        await app.state.suggestion_models.for_catalogue(cat)  # built in a thread at start-up: not measured with sync
        ids = sorted(cat.formations)
        rng = random.Random(7)
        status, headers, _ = await call(app, "GET", "/connexion", [])
        csrf = cookies_of(headers)["mps_csrftoken"]
        if args.who == "signed":
            tokens = await signed_in_people(app.state.sessionmaker, args.people)
            devs = [Device({"mps_session": t}, csrf, rng.sample(ids, args.marks)) for t in tokens]
        else:
            devs = [Device({}, csrf, rng.sample(ids, args.marks)) for _ in range(args.people)]
        since = args.since == "cursor"
        for dev in devs:
            for fid in dev.formations:
                await one_sync(app, dev, "add_favourite", fid, None, since)
        ambitions = ["plan_b", "realiste", "ambitieux"]
        work = [(devs[i % len(devs)], rng.choice(devs[i % len(devs)].formations), rng.choice(ambitions))
                for i in range(args.n)]
        statements.clear()
        before_first = sent.count
        await one_sync(app, *work[0][:1], "set_ambition", work[0][1], work[0][2], since)
        per_request, trips = len(statements), sent.count
        if args.show:
            print("\n".join(f"  {s.split(chr(10))[0][:150]}" for s in statements))
        profiler = cProfile.Profile(time.thread_time) if args.profile else None  # CPU, not waiting
        if profiler:
            profiler.enable()
        best, total, started_all = float("inf"), 0, time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_THREAD)
        statements.clear()
        if args.callgrind:  # as bench/request_instructions.py: the collector off, so no full collection lands by chance
            from request_instructions import counting
            gc.collect()
            gc.disable()
            counting(True)
        for start in range(0, len(work), BATCH):
            started = time.thread_time()
            for dev, fid, amb in work[start:start + BATCH]:
                await one_sync(app, dev, "set_ambition", fid, amb, since)
            best = min(best, (time.thread_time() - started) / len(work[start:start + BATCH]))
            total += len(work[start:start + BATCH])
        wall = (time.perf_counter() - started_all) / total
        if args.callgrind:
            counting(False)
            gc.enable()
        end = resource.getrusage(resource.RUSAGE_THREAD)
        user, system = (end.ru_utime - usage.ru_utime) / total, (end.ru_stime - usage.ru_stime) / total
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        print(f"load average {os.getloadavg()[0]:.1f}; {app.state.engine.dialect.name}; {args.who}, since={args.since}, "
              f"{args.people} students × {args.marks} marks; {total} one-op syncs, one at a time")
        print(f"statements per request: {per_request} (mean over the run {len(statements) / total:.2f}); round trips "
              f"{trips - before_first}; "
              f"CPU of this thread {best * 1e6:.0f} µs per request (cheapest batch; mean user {user * 1e6:.0f} µs + "
              f"system {system * 1e6:.0f} µs); wall {wall * 1e3:.2f} ms")


if __name__ == "__main__":
    asyncio.run(main())
