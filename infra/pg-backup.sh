#!/usr/bin/env bash
# A consistent PostgreSQL backup of the app's database (pg_dump custom format: compressed, restorable
# table by table). Usage: infra/pg-backup.sh postgresql://user@host/db [file]  (default: mps-<UTC time>.dump)
# Run it from cron or the host's scheduler daily, keep 30 days off the database machine; see docs/deployment.md.
set -euo pipefail
url="${1:?postgresql:// URL of the database}"
url="${url/postgresql+asyncpg:/postgresql:}"  # DATABASE_URL's driver prefix means nothing to pg_dump
out="${2:-mps-$(date -u +%Y%m%dT%H%M%SZ).dump}"
pg_dump --format=custom --no-owner --no-privileges --file="$out.part" "$url"
mv "$out.part" "$out"  # never a half-written file under the final name
echo "$out"
