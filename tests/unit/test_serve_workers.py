"""`mps serve --workers N`: a starting worker gets time to answer uvicorn's health check.

uvicorn's supervisor pings each worker from its start and kills one silent for `timeout_worker_healthcheck`
seconds (5 by default). A worker reads the log configuration first, and the formatter's module came with the
web layer's imports (2 s of CPU without bytecode files): on a busy machine the workers were killed and started
again in a loop, one of two serving (issue 14's load bench under load: 39 req/s). That `mps serve` gives uvicorn a longer time:
test_serve_proxy_headers.py (its fixture catches uvicorn.run's arguments)."""
from __future__ import annotations

import subprocess
import sys

from mps.lib.logs import log_config


def test_the_log_configuration_a_worker_reads_first_is_light():
    classes = [f["()"] for part in ("formatters", "filters") for f in log_config(json_lines=True)[part].values()
               if "()" in f]
    assert classes and {c.__module__ for c in classes} == {"mps.lib.logs"}
    loaded = subprocess.run([sys.executable, "-c", "import sys, mps.lib.logs; print(' '.join(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert not {m.split(".")[0] for m in loaded} & {"sqlalchemy", "litestar", "mps.web", "prometheus_client"}
    assert not [m for m in loaded if m.startswith(("mps.web", "mps.db", "mps.domain"))]

