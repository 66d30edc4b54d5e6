"""What an operator sees: a request id on every request and log line, JSON logs, Prometheus metrics.

- Request id: taken from a well-formed `X-Request-Id` (a proxy's), else made here; sent back in the
  response and written on every log line of the request, so one visitor's trouble is found in the logs.
- Access log: one line per request on the `mps.access` logger with the route's template
  (/partage/{token}), never the path or query a visitor typed (sign-in and share links carry secrets).
- Logs are JSON lines in production (one object per line, what log collectors read), text in development.
- Metrics: Litestar's Prometheus middleware (requests, latency histogram, in-progress) by route template,
  at /metrics for this machine or a bearer token (MPS_METRICS_TOKEN). Several workers share their counts
  through prometheus_client's multiprocess directory, which `mps serve` sets up.
"""
from __future__ import annotations

import hmac
import json
import logging
import random
import re
import time
from contextvars import ContextVar

from litestar import get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers import BaseRouteHandler
from litestar import Request
from litestar.enums import ScopeType
from litestar.plugins.prometheus import PrometheusConfig, PrometheusController, PrometheusMiddleware
from litestar.response import Response
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.reminders.metrics import job_figures

from mps.lib.net import is_loopback

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
_GOOD_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
access_log = logging.getLogger("mps.access")


def route_template(scope) -> str:
    """/favoris/{formation_id}, not the path typed; "-" when no route matched."""
    return scope.get("path_template") or "-"


def request_id_middleware(app):
    """ASGI middleware, outermost after the proxies: request id in, out, and in the logs; the access line."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        # Unique, not secret: 128 bits from the process's PRNG (reseeded after fork) cost no system call, uuid4 did.
        rid = given if _GOOD_ID.fullmatch(given) else f"{random.getrandbits(128):032x}"
        token = REQUEST_ID.set(rid)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await app(scope, receive, send_with_id)
        finally:
            http = {"method": scope["method"], "route": route_template(scope), "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2)}
            access_log.info("%(method)s %(route)s %(status)s %(duration_ms)s ms", http, extra={"http": http})
            REQUEST_ID.reset(token)

    return middleware


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and `http` for access lines."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
                "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
                "request_id": REQUEST_ID.get()}
        if hasattr(record, "http"):
            line["http"] = record.http
        if record.exc_info:  # the exception's type only: its text may hold a visitor's input
            line["exception"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(line, ensure_ascii=False)


JsonFormatter.converter = time.gmtime  # times in UTC, as the Z says


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


class _RouteMetrics(PrometheusMiddleware):
    """Litestar's Prometheus middleware, labelled by route template without first building the request's
    URL object, which group_path then ignores (a tenth of the middleware stack's time on every request)."""

    def _get_default_labels(self, request: Request) -> dict[str, str | int | float]:
        return {"method": request.method if request.scope["type"] == ScopeType.HTTP else request.scope["type"],
                "path": request.scope["path_template"], "status_code": 200, "app_name": self._config.app_name}


def prometheus_config() -> PrometheusConfig:
    # Route templates as labels (group_path): ids in paths would make one series per formation or token.
    return PrometheusConfig(app_name="mps", prefix="mps", group_path=True, exclude=[r"^/metrics$"],
                            middleware_class=_RouteMetrics)


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
