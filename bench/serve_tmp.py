"""Start `mps serve` on a fresh database for a benchmark; a context manager that stops it afterwards."""
from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READY_LINE = b"catalogue version"  # each worker's startup logs it (mps.web.catalogue_store) before it accepts


def wait_for_workers(log: Path, workers: int, proc: subprocess.Popen, seconds: float = 600, since: int = 0) -> None:
    """Until every worker has started: the first answer comes from the first worker up, and a load begun then
    opens all its keep-alive connections on that one worker (half the rate, twice the latency, for the whole
    run). Counts the workers' startup lines in the server's log, from byte `since` (where this server began)."""
    deadline = time.monotonic() + seconds
    while log.read_bytes()[since:].count(READY_LINE) < workers:
        if time.monotonic() > deadline or proc.poll() is not None:
            raise RuntimeError(f"{workers} workers did not start: " + log.read_text(errors="replace")[-2000:])
        time.sleep(0.2)
    time.sleep(1)  # the line comes just before the worker's startup ends


@contextlib.contextmanager
def served(port: int, workers: int = 1, database_url: str | None = None):
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "DATABASE_URL": database_url or f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}",
           "MPS_ENV": "production", "MPS_VAR_DIR": str(tmp)}
    log = tmp / "serve.log"
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 600  # the first import takes minutes on a busy machine
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.5)
        wait_for_workers(log, workers, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # (a worker still answering a busy machine's last requests)
            proc.kill()
            proc.wait(timeout=20)
