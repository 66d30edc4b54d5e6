"""Drill: PostgreSQL stopped for `--down` seconds while visitors keep coming, then restarted (issue 16).

    .venv/bin/python bench/database_restart.py [--down 10] [--pg-port 9621] [--port 9661]

A PostgreSQL cluster of our own (tests/throwaway.py: initdb + pg_ctl, never the shared 5432) behind `mps serve`
(which migrates and imports the shipped catalogue at its first start). A poller asks every 0.1 s for `/readyz`,
a catalogue search and a stage board page, before, during and after the outage. Prints what each answered during
the outage, how long pg_ctl took to bring PostgreSQL back, and how long after that `/readyz` and the stage board
answered 200 again. Stops by itself; results in docs/operations.md.
"""
from __future__ import annotations

import argparse
import collections
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_tmp import served  # noqa: E402
from tests.throwaway import ThrowawayPostgres  # noqa: E402

PATHS = {"readyz": "/readyz", "search": "/api/v1/formations?q=bts", "board": "/stages?autour=Lyon&rayon=20"}


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0  # no answer at all


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--down", type=float, default=10, help="seconds PostgreSQL stays stopped")
    ap.add_argument("--pg-port", type=int, default=9621)
    ap.add_argument("--port", type=int, default=9661)
    args = ap.parse_args()
    log: list[tuple[float, str, int]] = []
    stop = threading.Event()
    with ThrowawayPostgres(args.pg_port) as pg, served(args.port, database_url=pg.url) as base:
        def poll() -> None:
            while not stop.is_set():
                for name, path in PATHS.items():
                    log.append((time.monotonic(), name, status(base + path)))
                time.sleep(0.1)
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(2)
        down_at = time.monotonic()
        pg.stop()
        time.sleep(args.down)
        restart_at = time.monotonic()
        pg.start()
        up_at = time.monotonic()
        deadline = up_at + 120
        back: dict[str, float] = {}
        while len(back) < len(PATHS) and time.monotonic() < deadline:
            time.sleep(0.05)
            for when, name, code in list(log):
                if when >= up_at and code == 200 and name not in back:
                    back[name] = when - up_at
        time.sleep(1)
        stop.set()
        poller.join(timeout=10)
    during = collections.defaultdict(collections.Counter)
    for when, name, code in log:
        if down_at <= when < up_at:
            during[name][code] += 1
    print(f"PostgreSQL stopped {args.down:.0f} s; pg_ctl start took {up_at - restart_at:.1f} s")
    for name in PATHS:
        seen = ", ".join(f"{code or 'no answer'}: {n}" for code, n in sorted(during[name].items()))
        again = f"{back[name]:.2f} s" if name in back else "not within 120 s"
        print(f"{name:7} during the outage {seen or '-'}; 200 again {again} after PostgreSQL was up")


if __name__ == "__main__":
    main()
