"""Full import of the shipped open data into a fresh SQLite (or DATABASE_URL) database: time and peak memory.

    .venv/bin/python bench/import_catalogue.py
"""
from __future__ import annotations

import asyncio
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from mps.db.engine import make_engine
from mps.db.migrate import upgrade
from mps.etl.runner import ImportFiles, run_import

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    url = os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}"
    upgrade(url)

    async def go():
        engine = make_engine(url)
        started = time.perf_counter()
        report = await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), tmp, log=lambda *_: None)
        await engine.dispose()
        return report, time.perf_counter() - started

    report, seconds = asyncio.run(go())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database        {url.split(':')[0]}")
    print(f"rows            {sum(report.counts.values())} ({', '.join(f'{k} {v}' for k, v in report.counts.items())})")
    print(f"rejected rows   {report.rejects}")
    print(f"import time     {seconds:.1f} s (target <= 60 s)")
    print(f"peak memory     {peak_mb:.0f} MB (target <= 400 MB)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
