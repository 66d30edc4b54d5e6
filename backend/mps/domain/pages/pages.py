"""Home, data sources, legal pages, offline page and health check."""
from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Response, Template

from mps.domain.catalogue.schemas import Health
from mps.etl.datasets import DATASETS
from mps.web.state import AppState


LEGAL_PAGES = {"/mentions-legales": "pages/mentions_legales.html", "/accessibilite": "pages/accessibilite.html",
               "/confidentialite": "pages/confidentialite.html"}


class GeneralPages(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, state: AppState) -> Template:
        cat = state.catalogue.current  # None during the very first import: the page still answers
        return Template("pages/home.html", context={"cat": cat})

    @get("/sources")
    async def sources(self, state: AppState) -> Template:
        cat = state.catalogue.current
        return Template("pages/sources.html", context={"datasets": DATASETS, "cat": cat})

    @get(list(LEGAL_PAGES))
    async def legal(self, request: Request) -> Template:
        return Template(LEGAL_PAGES[request.url.path])

    @get("/hors-ligne")
    async def offline(self) -> Template:
        return Template("offline.html")


class Health_(Controller):
    @get("/healthz", tags=["service"], summary="Prêt à servir ?")
    async def healthz(self, state: AppState) -> Response[Health]:
        cat = state.catalogue.current
        if cat is None:
            return Response(Health(status="starting"), status_code=503, headers={"Retry-After": "5"})
        return Response(Health(status="ok", catalogue_version=cat.version))
