"""What an operator sees: a request id on every request and log line, JSON logs, Prometheus metrics.

- Request id: taken from a well-formed `X-Request-Id` (a proxy's), else made here; sent back in the
  response and written on every log line of the request, so one visitor's trouble is found in the logs.
- Access log: one line per request on the `mps.access` logger with the route's template
  (/partage/{token}), never the path or query a visitor typed (sign-in and share links carry secrets).
- Logs are JSON lines in production (one object per line, what log collectors read), text in development.
- Metrics: requests, latency histogram, in-progress by route template, at /metrics for this machine or a
  bearer token (MPS_METRICS_TOKEN). Several workers share their counts through prometheus_client's
  multiprocess directory, which `mps serve` sets up.
mps.web.edge sets the request id, writes the access line and counts the metrics, in one pass per request.
"""
from __future__ import annotations

import hmac
import logging
import time
from contextvars import ContextVar

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

from mps.lib.net import is_loopback

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
access_log = logging.getLogger("mps.access")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and `http` for access lines.

    Written for every request (the access line): msgspec encodes it, and the time's text is made once a second."""

    _second, _stamp = -1, ""

    def format(self, record: logging.LogRecord) -> str:
        second = int(record.created)
        if second != self._second:  # times in UTC, as the Z says
            self._second, self._stamp = second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(second))
        line = {"time": f"{self._stamp}.{int(record.msecs):03d}Z",
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
                "request_id": REQUEST_ID.get()}
        if hasattr(record, "http"):
            line["http"] = record.http
        if record.exc_info:  # the exception's type only: its text may hold a visitor's input
            line["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return _JSON.encode(line).decode()


_JSON = msgspec.json.Encoder()


def log_config(json_lines: bool, level: str = "INFO") -> dict:
    """logging.dictConfig for `mps serve` (uvicorn applies it in every worker)."""
    formatter = {"()": JsonFormatter} if json_lines else {
        "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"main": formatter},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "main",
                                "filters": ["request_id"], "stream": "ext://sys.stdout"}},
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {"uvicorn": {"level": "WARNING"}, "uvicorn.access": {"level": "WARNING"}},
    }


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


def metrics_guard(settings):
    """/metrics for this machine (a local scraper or agent) or whoever holds MPS_METRICS_TOKEN; a 404 otherwise."""

    def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        client = connection.client.host if connection.client else None
        if is_loopback(client):
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
