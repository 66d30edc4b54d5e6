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


@contextlib.contextmanager
def served(port: int, workers: int = 1, database_url: str | None = None):
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "DATABASE_URL": database_url or f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}",
           "MPS_ENV": "production", "MPS_VAR_DIR": str(tmp)}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(port), "--workers", str(workers)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:  # (a worker still answering a busy machine's last requests)
            proc.kill()
            proc.wait(timeout=20)
