"""Uncached search, the code before and after a change served side by side and loaded in turn: an A/B that a
busy machine moves less than two runs of bench/throughput.py minutes apart.

    .venv/bin/python bench/search_ab.py --before <git archive of the commit>/backend --copy-of /tmp/mps_bench.sqlite \
        [--rounds 6] [--seconds 5] [--port 9150]

Both apps run `mps serve --workers 2` at once (the one not loaded waits idle), each on its own copy of the
database; wrk loads one then the other, `rounds` times, each run with queries never sent before to either
(bench/throughput.py's distinct queries). Prints each run's rate and the after/before ratio of the sums.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_tmp import served  # noqa: E402
from throughput import distinct_queries, search_path, wrk  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, required=True, help="the backend/ directory of the code before")
    ap.add_argument("--copy-of", type=Path, required=True, help="an SQLite file holding the import")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "9650")))
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    urls = {}
    with ExitStack() as stack:
        for i, side in enumerate(("before", "after")):
            db = Path(tempfile.mkdtemp()) / "bench.sqlite"
            shutil.copyfile(args.copy_of, db)
            if side == "before":
                os.environ["PYTHONPATH"] = str(args.before)
            urls[side] = stack.enter_context(served(args.port + i, workers=2, database_url=f"sqlite+aiosqlite:///{db}"))
            os.environ.pop("PYTHONPATH", None)
        queries = [search_path(q) for q in distinct_queries(15000 * 2 * args.rounds)]
        per_run = len(queries) // (2 * args.rounds)
        totals = {"before": 0.0, "after": 0.0}
        for r in range(args.rounds):
            for k, side in enumerate(("before", "after") if r % 2 == 0 else ("after", "before")):
                start = (2 * r + k) * per_run
                rate, _, sent = wrk(urls[side], queries[start:start + per_run], args.seconds, 32)
                totals[side] += rate
                print(f"round {r + 1} {side:6} {rate:8.0f} req/s" + ("  (!! queries repeated)" if sent > per_run else ""))
    print(f"after / before: {totals['after'] / totals['before']:.3f}   load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
