"""Regenerate the search golden corpus (tests/data/search_golden.json) from the server's search.

    .venv/bin/python bench/search_golden.py            # writes the file (after an intended change of search)
    .venv/bin/python bench/search_golden.py --check    # says how many cases the current search changes

Both searches are checked against the file: pytest (tests/integration/catalogue/test_search_golden.py)
and node (frontend/tests/search.test.js, run by infra/test.sh on `mps snapshot`'s document).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from queries import queries  # noqa: E402

from mps.etl.memory import catalogue_from_files  # noqa: E402
from mps.etl.runner import ImportFiles  # noqa: E402
from tests.integration.catalogue.golden import GOLDEN, corpus  # noqa: E402


def main() -> None:
    cases = corpus(catalogue_from_files(ImportFiles.from_data_dir(ROOT / "data")), queries)
    if "--check" in sys.argv:
        old = json.loads(GOLDEN.read_text(encoding="utf-8"))
        changed = sum(a != b for a, b in zip(old, cases)) + abs(len(old) - len(cases))
        print(f"{len(cases)} cases, {changed} differ from {GOLDEN.name}")
        return
    lines = ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases)  # one case per line: readable diffs
    GOLDEN.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{len(cases)} cases written to {GOLDEN}")


if __name__ == "__main__":
    main()
