#!/usr/bin/env bash
# The whole test suite, on SQLite and on the local PostgreSQL server, with Redis and headless Chromium,
# then the front end's own tests (node's test runner, no browser): offline search against the golden
# corpus on the catalogue document the server sends to devices (`mps snapshot`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/install.sh --test
bash infra/services.sh
status=0
# install.sh --test installed Chromium and built the front end: here a missing one fails the browser tests
# (a developer's bare `pytest` skips them).
export MPS_BROWSER_TESTS_REQUIRED=1
.venv/bin/pytest -p no:cacheprovider "$@" || status=$?
if [ $# -eq 0 ]; then  # a subset of pytest asked for: no front-end run
  .venv/bin/mps snapshot --out var/test/catalogue-snapshot.json >/dev/null
  MPS_SNAPSHOT=var/test/catalogue-snapshot.json node --test frontend/tests/ || status=$?
fi
exit $status
