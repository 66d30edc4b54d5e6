"""The health check, for load balancers and `mps serve` scripts."""
from __future__ import annotations

from litestar import Controller, get
from litestar.response import Response

from mps.domain.catalogue.schemas import Health
from mps.web.state import AppState


class HealthApi(Controller):
    @get("/healthz", tags=["service"], summary="Prêt à servir ?")
    async def healthz(self, state: AppState) -> Response[Health]:
        cat = state.catalogue.current
        if cat is None:
            return Response(Health(status="starting"), status_code=503, headers={"Retry-After": "5"})
        return Response(Health(status="ok", catalogue_version=cat.version))
