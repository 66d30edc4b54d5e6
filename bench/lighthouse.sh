#!/usr/bin/env bash
# Lighthouse (npm devDependency of frontend/, Debian Chromium) on home, search, a formation page and
# favourites, against `mps serve` on a fresh SQLite database. Prints the four category scores.
#   bench/lighthouse.sh [port]        (default 8172; needs `cd frontend && npm ci && npm run build`)
# Targets (issue 5): performance >= 95, accessibility 100, best practices 100.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8172}"
TMP="$(mktemp -d)"
export CHROME_PATH=/usr/bin/chromium
DATABASE_URL="sqlite+aiosqlite:///$TMP/lh.sqlite" MPS_VAR_DIR="$TMP" MPS_ENV=production \
  .venv/bin/mps serve --port "$PORT" >"$TMP/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
LH=frontend/node_modules/.bin/lighthouse
printf '%-45s %5s %5s %5s %5s\n' page perf a11y bp seo
for path in / "/recherche?q=bts+compta+lille" /formations/but-informatique /favoris; do
  out="$TMP/report.json"
  "$LH" "http://127.0.0.1:$PORT$path" --quiet --output=json --output-path="$out" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking" >/dev/null 2>&1 || true
  node -e '
    const r = require(process.argv[1]); const c = r.categories; const s = (k) => Math.round(c[k].score * 100);
    const fails = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary").map((a) => a.id);
    console.log(process.argv[2].padEnd(45), String(s("performance")).padStart(5), String(s("accessibility")).padStart(5),
      String(s("best-practices")).padStart(5), String(s("seo")).padStart(5), fails.length ? "  failing: " + fails.join(", ") : "");
  ' "$out" "$path"
done
