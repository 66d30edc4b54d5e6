"""Drill: one worker of `mps serve --workers 2` killed (SIGKILL) under load (issue 9).

    .venv/bin/python bench/worker_kill.py [--seconds 20]

wrk sends search and formation requests for `--seconds`; a quarter of the way in, one worker process is killed.
Prints what visitors saw (requests, socket errors, non-2xx answers), how long until uvicorn's supervisor had two
workers again, and whether the server is ready afterwards. Fresh SQLite copy of the shipped catalogue.
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import queries  # noqa: E402
from throughput import search_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "9660"))


def workers(supervisor: int) -> list[int]:
    """uvicorn's worker processes: the supervisor's children started by multiprocessing's spawn."""
    out = subprocess.run(["ps", "--ppid", str(supervisor), "-o", "pid=,args="], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines()
            if "multiprocessing" in line and "resource_tracker" not in line]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}", "MPS_ENV": "production",
           "MPS_VAR_DIR": str(tmp)}
    server = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(PORT), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(f"{base}/readyz", timeout=1).status == 200 and len(workers(server.pid)) == 2:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("server did not start")
        lua = tmp / "paths.lua"
        paths = [search_path(q) for q in queries()] + ["/formations/bts-services-comptabilite-et-gestion"] * 50
        lua.write_text("paths = {" + ",".join(f'"{p}"' for p in paths) + "}\ni = 0\nrequest = function()\n"
                       "  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
        result = {}
        load = threading.Thread(target=lambda: result.update(out=subprocess.run(
            ["wrk", "-t1", "-c32", f"-d{args.seconds}s", "--timeout", "5s", "-s", str(lua), base],
            capture_output=True, text=True).stdout))
        load.start()
        time.sleep(args.seconds / 4)
        before = workers(server.pid)
        victim = before[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        replaced = None
        while time.monotonic() - killed_at < args.seconds:
            now = workers(server.pid)
            if len(now) == 2 and victim not in now:
                replaced = time.monotonic() - killed_at
                break
            time.sleep(0.05)
        load.join()
        out = result["out"]
        ready = urllib.request.urlopen(f"{base}/readyz", timeout=5).status
    finally:
        server.terminate()
        server.wait(timeout=30)
    sent = re.search(r"(\d+) requests in", out).group(1)
    sockets = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    print(f"load: wrk 1 thread x 32 connections, {args.seconds} s, search and formation pages; "
          f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"worker {victim} killed with SIGKILL at {args.seconds / 4:.0f} s")
    print(f"requests sent              {sent}")
    print(f"socket errors              {sockets.group(1) if sockets else 'none'}")
    print(f"non-2xx answers            {non2xx.group(1) if non2xx else 0}")
    print("two workers again after    " + (f"{replaced:.1f} s" if replaced is not None else "not within the run"))
    print(f"/readyz afterwards         {ready}")


if __name__ == "__main__":
    main()
