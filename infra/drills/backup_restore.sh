#!/usr/bin/env bash
# Drill: back up a live database, restore it into a new one, and check that both hold the same rows
# and that the app serves from the restored one. Prints each step's duration; results in docs/operations.md.
# Usage: bash infra/drills/backup_restore.sh   (needs the local PostgreSQL, as the test suite does)
set -euo pipefail
cd "$(dirname "$0")/../.."
PG=postgresql://postgres@127.0.0.1:5432
src=mps_drill_src_$$ dst=mps_drill_dst_$$ tmp=$(mktemp -d)
trap 'psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $src WITH (FORCE)" -c "DROP DATABASE IF EXISTS $dst WITH (FORCE)"; rm -rf "$tmp"' EXIT
psql -q "$PG/postgres" -c "CREATE DATABASE $src" -c "CREATE DATABASE $dst"
t() { date +%s.%N; }
s=$(t); DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/$src" MPS_VAR_DIR="$tmp" .venv/bin/mps migrate >/dev/null
DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/$src" MPS_VAR_DIR="$tmp" .venv/bin/mps import >/dev/null
printf 'database with the catalogue: %.1f s\n' "$(echo "$(t) - $s" | bc)"
s=$(t); dump=$(bash infra/pg-backup.sh "$PG/$src" "$tmp/mps.dump")
printf 'backup: %.1f s, %s\n' "$(echo "$(t) - $s" | bc)" "$(du -h "$dump" | cut -f1)"
s=$(t); bash infra/pg-restore.sh "$dump" "$PG/$dst"
printf 'restore: %.1f s\n' "$(echo "$(t) - $s" | bc)"
count() { psql -At "$PG/$1" -c "SELECT count(*) FROM formations" -c "SELECT count(*) FROM places" -c "SELECT count(*) FROM alembic_version"; }
a=$(count "$src"); b=$(count "$dst")
[ "$a" = "$b" ] || { echo "MISMATCH: $a vs $b"; exit 1; }
echo "same rows in both (formations, places, migration heads): $(echo $a | tr '\n' ' ')"
DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:5432/$dst" MPS_VAR_DIR="$tmp" .venv/bin/mps migrate >/dev/null && echo "mps migrate on the restored database: up to date"
