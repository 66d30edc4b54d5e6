#!/usr/bin/env bash
# Installs everything the app and its tests need, from the package registries only:
# Python deps in .venv, the front-end build (npm), with --test the browser for browser tests, and with --bench
# the browser and the load and instruction counters bench/ drives (wrk, valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
# WeasyPrint (« Mes vœux » as PDF) draws text with pango; checked again below with `import weasyprint`.
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || need_apt+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
case "${1:-}" in --test|--bench) [ -x /usr/bin/chromium ] || need_apt+=(chromium) ;; esac
if [ "${1:-}" = "--bench" ]; then
  command -v wrk >/dev/null || need_apt+=(wrk)
  command -v valgrind >/dev/null || need_apt+=(valgrind)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> apt: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

echo "==> Python dependencies (.venv)"
[ -x .venv/bin/python ] || python3.11 -m venv .venv 2>/dev/null || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
.venv/bin/python -c "import weasyprint" || { echo "WeasyPrint cannot load pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0" >&2; exit 1; }

echo "==> Front-end build (npm)"
( cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build )
