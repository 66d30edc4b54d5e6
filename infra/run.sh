#!/usr/bin/env bash
# One command for a newcomer: install, import the open data on first start, serve on http://127.0.0.1:8000
# (embedded default: SQLite file under var/ and an in-process job runner).
# On this machine only (127.0.0.1), it asks for development (the local mail outbox at /dev/outbox) unless
# MPS_ENV says otherwise; `mps serve` itself defaults to production and refuses development elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/install.sh
HOST="${HOST:-127.0.0.1}"
if [ -z "${MPS_ENV:-}" ] && [[ "$HOST" == 127.* || "$HOST" == "::1" || "$HOST" == "localhost" ]]; then
  export MPS_ENV=development
fi
exec .venv/bin/mps serve --host "$HOST" --port "${PORT:-8000}" "$@"
