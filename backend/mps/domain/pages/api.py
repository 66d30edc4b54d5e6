"""Health checks for load balancers and scripts: liveness (/healthz) and readiness (/readyz)."""
from __future__ import annotations

import asyncio

from litestar import Controller, Request, get
from litestar.response import Response
from sqlalchemy import text

from mps.domain.catalogue.schemas import Health
from mps.web.outage import DATABASE, RETRY_AFTER_S, is_database_outage
from mps.web.security import PUBLIC_READ_ONLY

READY_TIMEOUT_S = 2.0


class HealthApi(Controller):
    tags = ["service"]
    opt = PUBLIC_READ_ONLY  # GET only, polled by load balancers without a cookie

    # The state from the request: a parameter `state: AppState` was a new AppState, converted by msgspec from the
    # app's dict, on every probe (about 20k instructions of a probe's 356k).
    @get("/healthz", summary="En vie ? (le processus répond et tient un catalogue ; la base n'est pas consultée)")
    async def healthz(self, request: Request) -> Response[Health]:
        cat = request.app.state.catalogue.current
        if cat is None:
            return Response(Health(status="starting"), status_code=503, headers={"Retry-After": "5"})
        return Response(Health(status="ok", catalogue_version=cat.version))

    @get("/readyz", summary="Prêt à recevoir du trafic ? (catalogue chargé et base de données joignable)")
    async def readyz(self, request: Request) -> Response[Health]:
        state = request.app.state
        cat = state.catalogue.current
        if cat is None:
            return Response(Health(status="starting"), status_code=503, headers={"Retry-After": "5"})
        try:
            async with asyncio.timeout(READY_TIMEOUT_S):
                async with state.engine.connect() as conn:
                    await conn.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure to reach the database means: not ready
            if not (is_database_outage(exc) or isinstance(exc, TimeoutError)):
                raise
            DATABASE.failed(exc)
            return Response(Health(status="database_unreachable", catalogue_version=cat.version, database="down"),
                            status_code=503, headers={"Retry-After": str(RETRY_AFTER_S)})
        return Response(Health(status="ok", catalogue_version=cat.version, database="ok"))
