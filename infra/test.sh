#!/usr/bin/env bash
# The whole test suite, on SQLite and on the local PostgreSQL server, with Redis and headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/install.sh --test
bash infra/services.sh
exec .venv/bin/pytest -p no:cacheprovider "$@"
