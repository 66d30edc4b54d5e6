"""Sync of one-operation batches over HTTP against pgbench's simple-update, same PostgreSQL, same clients, one run.

    .venv/bin/python bench/sync_pgbench.py [--clients 32] [--seconds 20] [--people 200] [--since cursor|zero]
        [--db mps_sync_bench] [--port 9100]

`mps serve --workers 2` on PostgreSQL (--db: a database already holding the catalogue, else a new one filled at
start) and Redis. --people students with an account, each signed in (a session row, as after the e-mail link)
and with --marks favourites; then wrk (--clients connections) sends POST /api/v1/sync with one set_ambition
operation on one of the student's formations, each device sending the cursor of its last answer as `since` (the
X-Request-Id it sent comes back and names the device; --since zero: every answer is the full list). Then
`pgbench -N` (simple-update) with the same number of clients on a scratch database of the same server. Prints
both rates and their ratio (issue 16: ≥ 25 %). wrk, pgbench and PostgreSQL share the machine's cores.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_mix import PG, pgbench, psql, run_wrk, start_server  # noqa: E402
from sync_cost import signed_in_people  # noqa: E402


def lua_script(devs: list[dict], since: bool) -> str:
    rows = ", ".join("{cookie = [==[%s]==], formations = {%s}}" % (d["cookie"], ", ".join(f'"{f}"' for f in d["formations"]))
                     for d in devs)
    return f"""
local devs = {{{rows}}}
local csrf = [==[{devs[0]["csrf"]}]==]
local since = {"true" if since else "false"}
local cursors, counter, tid, threads = {{}}, 0, 0, 0
local ambitions = {{"plan_b", "realiste", "ambitieux"}}
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) math.randomseed(os.time() + tid * 7919) end
function request()
  counter = counter + 1
  local i = math.random(#devs)
  local d = devs[i]
  local body = '{{"since": ' .. (since and (cursors[i] or 0) or 0) .. ', "ops": [{{"op_id": "w' .. tid .. '-' .. counter ..
    '-' .. math.random(1e9) .. '", "device_id": "bench", "ts": ' .. (os.time() * 1000 + counter) ..
    ', "kind": "set_ambition", "formation_id": "' .. d.formations[math.random(#d.formations)] ..
    '", "value": "' .. ambitions[math.random(3)] .. '"}}]}}'
  return wrk.format("POST", "/api/v1/sync", {{["Content-Type"] = "application/json", ["Cookie"] = d.cookie,
    ["X-CSRFToken"] = csrf, ["X-Request-Id"] = "dev" .. i .. "x" .. counter}}, body)
end
function response(status, headers, body)
  if status ~= 200 then io.stderr:write(status .. " " .. body:sub(1, 200) .. "\\n"); return end
  local i = tonumber((headers["x-request-id"] or ""):match("^dev(%d+)x"))
  local cursor = tonumber(body:match('"cursor":(%d+)'))
  if i and cursor and cursor > (cursors[i] or 0) then cursors[i] = cursor end
end
"""


async def people(db: str, n: int) -> list[str]:
    from mps.db.engine import make_engine, make_sessionmaker

    engine = make_engine(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{db}")
    try:
        return await signed_in_people(make_sessionmaker(engine), n)
    finally:
        await engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--people", type=int, default=200)
    ap.add_argument("--marks", type=int, default=10)
    ap.add_argument("--since", choices=["cursor", "zero"], default="cursor")
    ap.add_argument("--db", help="a database holding the catalogue already (kept); default: a new one")
    ap.add_argument("--port", type=int, default=9100)
    args = ap.parse_args()

    db = args.db or f"mps_syncbench_{os.getpid()}"
    if not args.db:
        psql("postgres", f"CREATE DATABASE {db}")
    tmp = Path(tempfile.mkdtemp())
    server = start_server(db, args.port, 2, tmp)
    base = f"http://127.0.0.1:{args.port}"
    try:
        ids = [f["id"] for q in ("bts", "licence", "but") for f in
               httpx.get(base + "/api/v1/formations", params={"q": q, "limit": 50}).json()["items"]]
        with httpx.Client(timeout=60) as c:
            c.get(base + "/connexion")
            csrf = c.cookies["mps_csrftoken"]
        rng, devs = random.Random(16), []
        with httpx.Client(timeout=60, headers={"x-csrftoken": csrf}) as c:
            for token in asyncio.run(people(db, args.people)):
                cookie = f"mps_session={token}; mps_csrftoken={csrf}"
                formations = rng.sample(ids, args.marks)
                ops = [{"op_id": secrets.token_hex(8), "device_id": "bench", "ts": int(time.time() * 1000),
                        "kind": "add_favourite", "formation_id": f} for f in formations]
                r = c.post(base + "/api/v1/sync", json={"ops": ops}, headers={"cookie": cookie})
                assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
                devs.append({"cookie": cookie, "csrf": csrf, "formations": formations})
        script = tmp / "sync.lua"
        script.write_text(lua_script(devs, args.since == "cursor"))
        run_wrk(base, script, args.clients, 3)  # warm-up: connections, prepared statements
        load_before = os.getloadavg()[0]
        s = run_wrk(base, script, args.clients, args.seconds)
        tps = pgbench(args.clients, args.seconds)
        print(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after; {os.cpu_count()} cores shared "
              f"by server, PostgreSQL, wrk and pgbench; {args.people} signed-in students × {args.marks} marks, "
              f"since={args.since}")
        print(f"sync of one operation, {args.clients} clients, {args.seconds} s: {s['rps']:.0f} req/s "
              f"(p50 {s['p50_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms, errors {s['errors']})")
        print(f"pgbench simple-update (-N), {args.clients} clients: {tps:.0f} tps")
        print(f"ratio {s['rps'] / tps:.1%} (target ≥ 25 %)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.db:
            psql("postgres", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    main()
