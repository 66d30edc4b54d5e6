"""Instructions per suggestions answer (rank, explain, encode), counted by valgrind's callgrind: a figure the
machine's load does not move, for comparing two versions of the engine.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite valgrind --tool=callgrind --instr-atstart=no \\
        --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/suggestion_instructions.py [--n 300]
    # then: instructions per answer = the « Collected » figure valgrind prints / n
    # the engine before: PYTHONPATH=<git archive of the commit>/backend (data/ linked beside it), same command

The work of bench/suggestions.py's latency figure (one_request: decode and check the profile, suggest() with
its explanations, encode the JSON) over its varied profiles (fixed seed), after 50 answers of warm-up; the
garbage collector is off while counting (see bench/request_instructions.py).
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from request_instructions import counting  # noqa: E402
from suggestions import load_referential, measure_inputs, one_request  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    args = ap.parse_args()
    cat, model, _, bodies = asyncio.run(measure_inputs(args.n + 50))
    ref = load_referential()
    for body in bodies[:50]:
        one_request(model, cat, ref, body)
    gc.collect()
    gc.disable()
    counting(True)
    for body in bodies[50:]:
        one_request(model, cat, ref, body)
    counting(False)
    print(f"suggestions: {args.n} answers counted")


if __name__ == "__main__":
    main()
