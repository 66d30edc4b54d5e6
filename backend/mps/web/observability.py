"""What an operator sees: a request id on every request and log line, JSON logs, Prometheus metrics.

- Request id: taken from a well-formed `X-Request-Id` (a proxy's), else made here; sent back in the
  response and written on every log line of the request, so one visitor's trouble is found in the logs.
- Access log: one line per request on the `mps.access` logger with the route's template
  (/partage/{token}), never the path or query a visitor typed (sign-in and share links carry secrets).
- Logs are JSON lines in production, text in development (mps.lib.logs: light, read by each worker first).
- Metrics: requests, latency histogram, in-progress by route template, at /metrics for this machine or a
  bearer token (MPS_METRICS_TOKEN). Several workers share their counts through prometheus_client's
  multiprocess directory, which `mps serve` sets up.
mps.web.edge sets the request id, writes the access line and counts the metrics, in one pass per request.
"""
from __future__ import annotations

import hmac
import logging
import time

import msgspec
from litestar import get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers import BaseRouteHandler
from litestar.plugins.prometheus import PrometheusController
from litestar.response import Response
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.reminders.metrics import job_figures

from mps.lib.logs import REQUEST_ID, AccessRecord, JsonFormatter, RequestIdFilter, log_config  # noqa: F401 (their home before)
from mps.lib.logs import LineHandler, sole_json_handler
from mps.lib.net import is_loopback
from mps.lib.rounding import round_positive

access_log = logging.getLogger("mps.access")


def write_access_line(method: str, route: str, status: int, duration: float) -> None:
    """The request's line on `mps.access` (message « GET /route 200 1.23 ms », the same fields under `http`).

    Through the logger's filters and handlers, but not Logger.info(): it looked the caller up on the stack, made a
    full LogRecord and formatted the message from a dict, for every request (a fifth of a cheap request's cost
    as served). As `mps serve` logs (JSON lines, one handler), not even through them: the handler writes the line
    made here (mps.lib.logs.sole_json_handler), the bytes JsonFormatter.format() writes, from pieces encoded once."""
    if access_log.isEnabledFor(logging.INFO):
        ms = round_positive(duration * 1000, 2)  # round()'s float, without its decimal round trip
        figures = _MS_TEXT.get(ms)
        if figures is None:  # str() of a float writes its shortest decimal: worth a look-up, a few hundred recur
            figures = (str(ms), _JSON.encode(ms).decode())
            if len(_MS_TEXT) < 10_000:
                _MS_TEXT[ms] = figures
        handler = sole_json_handler(access_log)  # as served: the line written straight, the same bytes
        if handler is not None:
            handler.write_line(_json_line(handler, method, route, status, figures),
                               lambda: _record(method, route, status, ms, figures[0]))
        else:
            access_log.handle(_record(method, route, status, ms, figures[0]))


_MS_TEXT: dict[float, tuple[str, str]] = {}  # milliseconds (2 decimals) -> their text in the message, their JSON
_HEADS: dict[tuple, tuple[str, str]] = {}  # (method, route, status) -> the JSON line's pieces before each figure
_JSON = msgspec.json.Encoder()


def _record(method: str, route: str, status: int, ms: float, text: str) -> AccessRecord:
    http = {"method": method, "route": route, "status": status, "duration_ms": ms}
    return AccessRecord(access_log.name, f"{method} {route} {status} {text} ms", http)


def _json_line(handler: LineHandler, method: str, route: str, status: int, figures: tuple[str, str]) -> str:
    """The line the handler writes for the access record (JsonFormatter.format()'s, then its end): the text around
    the time, the duration and the request id is encoded once per method, route and status (encoding the line's
    dict cost a third of writing it)."""
    heads = _HEADS.get((method, route, status))
    if heads is None:
        message = _JSON.encode(f"{method} {route} {status} ").decode()[:-1]  # then the duration, « ms" »
        heads = (f',"level":"info","logger":{_JSON.encode(access_log.name).decode()},"message":{message}',
                 f'{{"method":{_JSON.encode(method).decode()},"route":{_JSON.encode(route).decode()},'
                 f'"status":{_JSON.encode(status).decode()},"duration_ms":')
        if len(_HEADS) < 10_000:  # a method is the client's word: a few are kept, not every one sent
            _HEADS[(method, route, status)] = heads
    text, number = figures
    return (f'{{"time":"{handler.formatter.stamp(time.time())}"{heads[0]}{text} ms","request_id":'
            f'{_JSON.encode(REQUEST_ID.get()).decode()},"http":{heads[1]}{number}}}}}{handler.terminator}')


RELAYED = ("x-forwarded-for", "forwarded", "x-real-ip")


def metrics_guard(settings):
    """/metrics for this machine (a local scraper or agent) or whoever holds MPS_METRICS_TOKEN; a 404 otherwise.

    A request relayed by a reverse proxy on this machine also comes from 127.0.0.1 when MPS_TRUSTED_PROXIES is
    not set: one carrying a proxy's forwarding header is a visitor's, not this machine's."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        client = connection.client.host if connection.client else None
        if is_loopback(client) and not any(h in connection.headers for h in RELAYED):
            return
        token = settings.metrics_token
        given = connection.headers.get("authorization", "")
        if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return
        raise NotFoundException()

    return guard


def metrics_controller(settings) -> type[PrometheusController]:
    class Metrics(PrometheusController):
        path = "/metrics"
        guards = [metrics_guard(settings)]
        include_in_schema = False

        @get()
        async def get(self, db: AsyncSession) -> Response:
            requests = await super().get.fn(self)
            return Response(requests.content + await job_metrics(db), headers=requests.headers)

    return Metrics


class _Figures:
    """A collector for one scrape: the jobs' and pushes' figures just read from the database."""

    def __init__(self, figures: dict[str, dict[str, int]] | None):
        self.figures = figures

    def collect(self):
        up = GaugeMetricFamily("mps_job_figures_up", "1 when the job and push figures below could be read")
        up.add_metric([], 1 if self.figures is not None else 0)
        yield up
        if self.figures is None:
            return
        for name, label, doc in (
                ("deliveries", "state", "Reminder deliveries by state (sending: claimed, not yet recorded)"),
                ("push_outcomes_24h", "outcome", "Push attempts of the last 24 hours by outcome"),
                ("jobs_waiting", "queue", "Jobs waiting in the distributed queue (procrastinate)")):
            family = GaugeMetricFamily(f"mps_{name}", doc, labels=[label])
            for key, count in sorted(self.figures[name].items()):
                family.add_metric([key], count)
            yield family


async def job_metrics(db: AsyncSession) -> bytes:
    """Prometheus text of the job queue and push figures; `mps_job_figures_up 0` when the database is away."""
    try:
        figures = await job_figures(db)
    except Exception:  # noqa: BLE001 - the request metrics must still be served during an outage
        logging.getLogger("mps.metrics").warning("job figures unavailable", exc_info=True)
        figures = None
    registry = CollectorRegistry()
    registry.register(_Figures(figures))
    return generate_latest(registry)
