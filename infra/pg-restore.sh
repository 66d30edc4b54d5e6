#!/usr/bin/env bash
# Restores a backup made by infra/pg-backup.sh into an EMPTY database (create it first), then
# `mps migrate` brings it to the code's schema. Usage: infra/pg-restore.sh file postgresql://user@host/newdb
# Restoring into a fresh database and switching DATABASE_URL keeps the damaged one for inspection.
set -euo pipefail
file="${1:?backup file}"
url="${2:?postgresql:// URL of an empty database}"
url="${url/postgresql+asyncpg:/postgresql:}"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
