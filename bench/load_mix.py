"""Opening-day load on this machine: the traffic mix on 2 workers over PostgreSQL and Redis, with wrk.

    .venv/bin/python bench/load_mix.py [--seconds 60] [--connections 100] [--soak 0] [--port 9080]
        [--devices N] [--cpu] [--per-class] [--mix-only]       (BENCH_REDIS_URL: another Redis database than 0)

1. Mix (issue 16): 40 % search API, 25 % formation pages, 15 % suggestions, 20 % sync of one operation,
   from anonymous devices (below) each behind its own address (X-Forwarded-For through a trusted proxy, as visitors
   arrive behind a load balancer), at --connections for --seconds: requests/s, latency p50/p95/p99, errors.
   Then which class makes the tail: server-side percentiles by route (the workers' access lines of the run);
   --per-class: the mix again as one wrk per class at once (each with its share of the connections), each
   class's latency as clients see it; --cpu: the workers' CPU time per request of each class alone, first.
2. Sync alone against pgbench's simple-update on the same PostgreSQL with the same number of clients, in the
   same run: the ratio is the figure (target ≥ 25 %).
3. --soak N: the mix for N seconds, the server processes' memory at the start and end (target ≤ 10 % growth).
Each device's syncs edit its own 5 favourites and send the cursor of its last answer as `since`, as the PWA does
(frontend/static/js/lib/sync-core.js): without it every answer carried all of the device's marks, which grew
through a soak. Devices: 200, or 2,000 with --soak. Without an account a device's address may write 300 times per 10 minutes
(settings.limits.anon_write); the mix's ~300 syncs/s over 200 addresses pass that within minutes, which no
student does, so a soak spreads them over a population of devices that each stays under it.
wrk and pgbench come from Debian's packages; the load generator shares the machine's 2 cores with the server.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import queries  # noqa: E402
from serve_tmp import wait_for_workers  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PG = "postgresql://postgres@127.0.0.1:5432"
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")  # another db when several benches share it
PROFILES = [
    {"classe": "terminale", "bac": "Générale", "specialites": ["Mathématiques", "Physique-Chimie (PC)"],
     "interets": ["ci7"], "villes": [{"nom": "Lyon (69)", "lat": 45.76, "lon": 4.84}], "moyenne": 13.5},
    {"classe": "premiere", "bac": "STMG", "interets": ["ci21"], "villes": [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}]},
    {"classe": "terminale", "bac": "Générale", "specialites": ["Sciences Economiques et Sociales (SES)",
     "Histoire-Géographie, Géopolitique et Sciences politiques (HGGSP)"], "duree": "longue"},
    {"classe": "terminale", "bac": "STI2D", "alternance": "tres_interesse", "villes": [{"nom": "Nantes (44)", "lat": 47.22, "lon": -1.55}]},
]


def psql(db: str, *sql: str) -> None:
    subprocess.run(["psql", "-q", f"{PG}/{db}", *[a for s in sql for a in ("-c", s)]], check=True)


def start_server(db: str, port: int, workers: int, var: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"postgresql+asyncpg://postgres@127.0.0.1:5432/{db}", "REDIS_URL": REDIS,
           "MPS_VAR_DIR": str(var), "MPS_TRUSTED_PROXIES": "127.0.0.1", "MPS_JOBS": "off"}
    env.pop("MPS_ENV", None)
    since = (var / "serve.log").stat().st_size if (var / "serve.log").exists() else 0
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=open(var / "serve.log", "ab"), stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                wait_for_workers(var / "serve.log", workers, proc, since=since)
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError((var / "serve.log").read_text()[-2000:])


def devices(base: str, n: int, formation: str) -> list[dict]:
    """n anonymous devices, each with its address, CSRF token and anonymous id (made by a first sync)."""
    out = []
    for i in range(n):
        xff = f"10.{i // 250}.{i % 250}.7"
        with httpx.Client(headers={"x-forwarded-for": xff}, timeout=60) as c:
            c.get(base + "/")
            token = c.cookies["mps_csrftoken"]
            op = {"op_id": uuid.uuid4().hex, "device_id": f"bench-{i}", "ts": int(time.time() * 1000),
                  "kind": "add_favourite", "formation_id": formation}
            r = c.post(base + "/api/v1/sync", json={"ops": [op]}, headers={"x-csrftoken": token})
            assert r.status_code == 200, r.text
            cookie = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
            out.append({"xff": xff, "csrf": token, "cookie": cookie, "device": f"bench-{i}"})
    return out


def lua_script(mix: dict, devs: list[dict], formations: list[str], searches: list[str]) -> str:
    def lua(strings: list[str]) -> str:  # a Lua table of long strings: UTF-8 as is, no escaping to get wrong
        assert not any("]==]" in v for v in strings)
        return "{" + ", ".join(f"[==[{v}]==]" for v in strings) + "}"

    bodies = [json.dumps(p, ensure_ascii=False) for p in PROFILES]
    return f"""
local mix = {{{', '.join(f'{{"{k}", {v}}}' for k, v in mix.items())}}}
local devs = {{{', '.join('{' + ', '.join(f'{k} = [==[{v}]==]' for k, v in d.items()) + '}' for d in devs)}}}
local formations = {lua(formations)}
local searches = {lua(searches)}
local profiles = {lua(bodies)}
local counter, tid = 0, 0
local statuses, cursors = {{}}, {{}}
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1
  if status >= 400 and (statuses[status] or 0) <= 2 then io.stderr:write(status .. " " .. body:sub(1, 200) .. "\\n") end
  -- a sync's answer: its device (named by the X-Request-Id it sent, which comes back) keeps the cursor, as the PWA does
  local i = status == 200 and tonumber((headers["x-request-id"] or ""):match("^sync%-(%d+)%-"))
  local cursor = i and tonumber(body:match('"cursor":(%d+)'))
  if cursor and cursor > (cursors[i] or 0) then cursors[i] = cursor end
end
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) math.randomseed(os.time() + tid * 7919) end
local function pick(t) return t[math.random(#t)] end
function request()
  counter = counter + 1
  local r, acc = math.random(100), 0
  local kind = mix[#mix][1]
  for _, m in ipairs(mix) do acc = acc + m[2]; if r <= acc then kind = m[1]; break end end
  local i = math.random(#devs)
  local d = devs[i]
  local h = {{["X-Forwarded-For"] = d.xff}}
  if kind == "search" then
    return wrk.format("GET", "/api/v1/formations?q=" .. pick(searches), h)
  elseif kind == "page" then
    return wrk.format("GET", "/formations/" .. pick(formations), h)
  elseif kind == "suggest" then
    h["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/suggestions", h, pick(profiles))
  end
  h["Content-Type"] = "application/json"; h["Cookie"] = d.cookie; h["X-CSRFToken"] = d.csrf
  h["X-Request-Id"] = "sync-" .. i .. "-" .. tid .. "-" .. counter
  local amb = pick({{"plan_b", "realiste", "ambitieux"}})
  -- a student edits their own few favourites (5 per device), sending the cursor of their last answer
  local formation = formations[(i * 7 + math.random(5)) % #formations + 1]
  local body = '{{"since": ' .. (cursors[i] or 0) .. ', "ops": [{{"op_id": "w' .. tid .. '-' .. counter .. '-' ..
    math.random(1e9) .. '", "device_id": "' .. d.device .. '", "ts": ' .. (os.time() * 1000 + counter) ..
    ', "kind": "set_ambition", "formation_id": "' .. formation .. '", "value": "' .. amb .. '"}}]}}'
  return wrk.format("POST", "/api/v1/sync", h, body)
end
"""


def run_wrk(base: str, script: Path, connections: int, seconds: int, threads: int = 2) -> dict:
    done = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                           "-s", str(script), base], capture_output=True, text=True, check=True)
    out = done.stdout
    if ".lua:" in done.stderr:  # wrk measures GET / when its script does not load: never report that
        raise SystemExit(f"wrk could not load {script}: {done.stderr.strip()}")
    if done.stderr.strip():  # the first answers of each error status (response() in the script)
        print("  errors seen:", " | ".join(sorted(set(done.stderr.strip().splitlines()))[:6]))

    def ms(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:Non-2xx or 3xx responses|Socket errors:.*?timeout)\D+(\d+)", out))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": ms("50"),
            "p90_ms": ms("90"), "p99_ms": ms("99"), "errors": errors + (sum(map(int, socket.groups())) if socket else 0)}


def route_times(log: Path, start: int) -> dict[str, list[float]]:
    """Server-side durations in ms by route template, from the access lines the workers wrote past byte `start`
    (from the request's first byte read by the app to its last byte sent: not the wait before the app reads it)."""
    out: dict[str, list[float]] = {}
    with log.open("rb") as f:
        f.seek(start)
        for line in f:
            try:
                http = json.loads(line)["http"]
            except (ValueError, KeyError):
                continue
            out.setdefault(f"{http['method']} {http['route']}", []).append(http["duration_ms"])
    return out


def print_route_times(times: dict[str, list[float]]) -> None:
    def pct(values: list[float], q: float) -> float:
        return values[min(len(values) - 1, int(q * len(values)))]

    for route, values in sorted(times.items(), key=lambda kv: -len(kv[1])):
        values.sort()
        print(f"  server side, {route:42} {len(values):6} requests: p50 {pct(values, .5):7.1f} ms, "
              f"p90 {pct(values, .9):7.1f} ms, p99 {pct(values, .99):7.1f} ms")


def per_class(base: str, scripts: dict[str, Path], mix: dict[str, int], connections: int, seconds: int) -> None:
    """The mix as one wrk per class at the same time, each with its share of the connections: every class's
    own latency as clients see it, under the load of all the others (request shares then follow latency)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(mix)) as pool:
        runs = {kind: pool.submit(run_wrk, base, scripts[kind], max(1, connections * share // 100), seconds, 1)
                for kind, share in mix.items()}
    for kind, run in runs.items():
        m = run.result()
        print(f"  client side, {kind:7} ({mix[kind]:2} % of connections): {m['rps']:6.0f} req/s, p50 {m['p50_ms']:7.1f} ms, "
              f"p90 {m['p90_ms']:7.1f} ms, p99 {m['p99_ms']:7.1f} ms, errors {m['errors']}")


def cpu_seconds(proc: subprocess.Popen) -> float:
    """CPU time (user + system) used so far by the server's worker processes."""
    total = 0
    for pid in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        except (OSError, IndexError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def cpu_per_request(server: subprocess.Popen, base: str, scripts: dict[str, Path], kinds, seconds: int = 10) -> None:
    """Each class alone at 20 connections: the workers' CPU time per request, a figure the machine's load
    moves far less than latency (wrk's and PostgreSQL's own CPU are not counted)."""
    for kind in kinds:
        before = cpu_seconds(server)
        m = run_wrk(base, scripts[kind], 20, seconds)
        used = cpu_seconds(server) - before
        print(f"  server CPU, {kind:7}: {used / (m['rps'] * seconds) * 1000:6.2f} ms per request "
              f"({m['rps'] * seconds:.0f} requests alone at 20 connections)")


def pgbench(clients: int, seconds: int) -> float:
    db = f"mps_pgbench_{os.getpid()}"
    psql("postgres", f"CREATE DATABASE {db}")
    try:
        subprocess.run(["pgbench", "-q", "-i", "-s", "10", f"{PG}/{db}"], check=True, capture_output=True)
        out = subprocess.run(["pgbench", "-n", "-b", "simple-update", "-c", str(clients), "-j", "2", "-T", str(seconds),
                              f"{PG}/{db}"], check=True, capture_output=True, text=True).stdout
        return float(re.search(r"tps = ([\d.]+)", out).group(1))
    finally:
        psql("postgres", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def rss_mb(proc: subprocess.Popen) -> float:
    """Resident memory of the server and its worker processes."""
    pids = [proc.pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                         text=True).stdout.split()]
    total = 0
    for pid in pids:
        try:
            total += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1))
        except (OSError, AttributeError):
            pass
    return total / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--connections", type=int, default=100)
    ap.add_argument("--sync-clients", type=int, default=32, help="clients of the sync vs pgbench comparison")
    ap.add_argument("--soak", type=int, default=0, help="seconds of mixed load for the memory check (600: 10 min)")
    ap.add_argument("--port", type=int, default=9080)
    ap.add_argument("--per-class", action="store_true",
                    help="then the mix again as one wrk per class at once: each class's latency under the others' load")
    ap.add_argument("--mix-only", action="store_true", help="skip sync against pgbench")
    ap.add_argument("--devices", type=int, help="anonymous devices, each behind its address (200; 2,000 with --soak)")
    ap.add_argument("--cpu", action="store_true", help="first the workers' CPU time per request of each class alone")
    args = ap.parse_args()

    db = f"mps_load_{os.getpid()}"
    psql("postgres", f"CREATE DATABASE {db}")
    tmp = Path(tempfile.mkdtemp())
    server = start_server(db, args.port, 2, tmp)
    base = f"http://127.0.0.1:{args.port}"
    try:
        items = httpx.get(base + "/api/v1/formations", params={"q": "bts", "limit": 50}).json()["items"]
        items += httpx.get(base + "/api/v1/formations", params={"q": "licence", "limit": 50}).json()["items"]
        formations = [f["id"] for f in items]
        searches = [urllib.parse.quote(q) for q in queries(500)]
        devs = devices(base, args.devices or (2000 if args.soak else 200), formations[0])
        scripts, shares = {}, {"search": 40, "page": 25, "suggest": 15, "sync": 20}
        for name, mix in {"mix": shares, **{kind: {kind: 100} for kind in shares}}.items():
            scripts[name] = tmp / f"{name}.lua"
            scripts[name].write_text(lua_script(mix, devs, formations, searches))

        print(f"Load on this machine ({os.cpu_count()} cores, wrk on the same cores), 2 workers, PostgreSQL + Redis; "
              f"load average {os.getloadavg()[0]:.1f} before the run")
        run_wrk(base, scripts["mix"], 20, 5)  # warm-up: connections, caches of the first requests
        if args.cpu:
            cpu_per_request(server, base, scripts, shares)
        log_start = (tmp / "serve.log").stat().st_size
        m = run_wrk(base, scripts["mix"], args.connections, args.seconds)
        print(f"mix 40/25/15/20, {args.connections} connections, {args.seconds} s: {m['rps']:.0f} req/s, "
              f"p50 {m['p50_ms']:.1f} ms, p90 {m['p90_ms']:.1f} ms, p99 {m['p99_ms']:.1f} ms, errors {m['errors']}"
              f"  (target p99 ≤ 200 ms, 0 errors)")
        print_route_times(route_times(tmp / "serve.log", log_start))
        if args.per_class:
            per_class(base, scripts, shares, args.connections, args.seconds)
        if args.mix_only:
            return
        s = run_wrk(base, scripts["sync"], args.sync_clients, 20)
        tps = pgbench(args.sync_clients, 20)
        print(f"sync of one operation, {args.sync_clients} clients: {s['rps']:.0f} req/s (p99 {s['p99_ms']:.1f} ms, "
              f"errors {s['errors']}); pgbench simple-update, same clients: {tps:.0f} tps; "
              f"ratio {s['rps'] / tps:.0%} (target ≥ 25 %)")
        if args.soak:
            before = rss_mb(server)
            soak = run_wrk(base, scripts["mix"], args.connections, args.soak)
            after = rss_mb(server)
            print(f"soak {args.soak} s: {soak['rps']:.0f} req/s, p99 {soak['p99_ms']:.1f} ms, errors {soak['errors']}; "
                  f"memory {before:.0f} MB -> {after:.0f} MB ({after / before - 1:+.1%}, target ≤ +10 %)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        psql("postgres", f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


if __name__ == "__main__":
    main()
