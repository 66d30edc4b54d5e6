"""Every suggestions answer of the reference profiles and of bench/suggestions.py's 500 profiles, as JSON lines:
the equality check of an engine change meant to make it cheaper without changing any result.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite .venv/bin/python bench/suggestions_answers.py > /tmp/new.jsonl
    # the engine before: PYTHONPATH=<git archive of the commit>/backend, same command > /tmp/old.jsonl
    cmp /tmp/old.jsonl /tmp/new.jsonl   # same ordered suggestions, scores, places and explanations

One line per profile: its set and number, then the answer exactly as POST /api/v1/suggestions encodes it
(limit 20), and again with limit 5 and 2 places per item (other cut-offs of the same ranking).
"""
from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suggestions import (HELDOUT2_PROFILES, HELDOUT3_PROFILES, HELDOUT4_PROFILES, HELDOUT5_PROFILES,  # noqa: E402
                         HELDOUT6_PROFILES, HELDOUT7_PROFILES, HELDOUT8_PROFILES, HELDOUT9_PROFILES, HELDOUT_PROFILES, TUNING6T_PROFILES, TUNING8T_PROFILES, TUNING_PROFILES, SuggestionsResponse, decode_profile, load_referential, measure_inputs, msgspec, suggest)


def main() -> None:
    cat, model, _, bodies = asyncio.run(measure_inputs(500))
    ref = load_referential()
    sets = {"tuning": TUNING_PROFILES, "heldout": HELDOUT_PROFILES, "heldout2": HELDOUT2_PROFILES,
            "heldout3": HELDOUT3_PROFILES, "heldout4": HELDOUT4_PROFILES,
            "heldout5": HELDOUT5_PROFILES, "heldout6": HELDOUT6_PROFILES, "heldout7": HELDOUT7_PROFILES,
            "heldout8": HELDOUT8_PROFILES, "heldout9": HELDOUT9_PROFILES,
            "tuning6t": TUNING6T_PROFILES, "tuning8t": TUNING8T_PROFILES}
    cases = [(name, k, case["profile"]) for name, profiles in sets.items() for k, case in enumerate(profiles)]
    cases += [("bench", k, body) for k, body in enumerate(bodies)]
    out = sys.stdout.buffer
    for name, k, data in cases:
        profile = decode_profile(data, ref, model.metiers)
        full = msgspec.json.encode(SuggestionsResponse(suggest(model, cat, profile, limit=20)))
        short = msgspec.json.encode(SuggestionsResponse(suggest(model, cat, profile, limit=5, places_per_item=2)))
        out.write(json.dumps([name, k]).encode() + b"\t" + full + b"\t" + short + b"\n")


if __name__ == "__main__":
    main()
