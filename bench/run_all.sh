#!/usr/bin/env bash
# The idle re-run of docs/benchmarks.md's top table: every bench one after the other, on a machine where nothing
# else runs (their figures are ratios measured within one run, or latencies that any other load would spoil).
#   bash bench/run_all.sh [OUTDIR]      # ≈ 25 min; each bench's output in OUTDIR (default var/bench/<time>)
# Needs what `bash infra/install.sh --bench` installs (wrk, valgrind, Chromium) and the local PostgreSQL and Redis
# (infra/services.sh starts them).
set -u
cd "$(dirname "$0")/.."
out=${1:-var/bench/$(date -u +%Y%m%d-%H%M)}
for tool in wrk valgrind /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: bash infra/install.sh --bench" >&2; exit 1; }
done
mkdir -p "$out"
step() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) :: $1" | tee -a "$out/index.txt"; }
git log --oneline -1 2>/dev/null | tee -a "$out/index.txt"
bash infra/services.sh >/dev/null
.venv/bin/mps migrate >/dev/null && .venv/bin/mps import >/dev/null
step throughput; .venv/bin/python bench/throughput.py --seconds 8 > "$out/throughput.txt" 2>&1
step search; .venv/bin/python bench/search.py > "$out/search.txt" 2>&1
step sync_pgbench
dropdb -h 127.0.0.1 -U postgres --if-exists mps_sync_bench && createdb -h 127.0.0.1 -U postgres mps_sync_bench
.venv/bin/python bench/sync_pgbench.py --db mps_sync_bench --seconds 20 --people 100 --port 9100 > "$out/sync.txt" 2>&1
step stages_search; .venv/bin/python bench/stages_search.py --port 9070 > "$out/stages.txt" 2>&1
step suggestions
cp var/mps.sqlite "$out/suggestions.sqlite"  # a copy: the bench's reads leave the app's database as it was
DATABASE_URL="sqlite+aiosqlite:///$(realpath "$out")/suggestions.sqlite" .venv/bin/python bench/suggestions.py > "$out/suggestions.txt" 2>&1
rm -f "$out/suggestions.sqlite"
step page_weight; .venv/bin/python bench/page_weight.py --port 9602 > "$out/page_weight.txt" 2>&1
step load_mix; .venv/bin/python bench/load_mix.py --seconds 30 --soak 600 --port 9150 > "$out/load_mix.txt" 2>&1
step throughput_again; .venv/bin/python bench/throughput.py --seconds 8 > "$out/throughput_again.txt" 2>&1
step done
