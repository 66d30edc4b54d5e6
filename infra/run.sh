#!/usr/bin/env bash
# One command for a newcomer: install, import the open data on first start, serve on http://127.0.0.1:8000
# (embedded default: SQLite file under var/ and an in-process job runner).
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/install.sh
exec .venv/bin/mps serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" "$@"
