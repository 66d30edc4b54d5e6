"""Home, data sources, legal pages, the offline page and the offline shell."""
from __future__ import annotations

from litestar import Controller, Request, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.identity.web import current_person_id
from mps.domain.pages.statement import french_date, statement
from mps.domain.timeline.service import timeline_for
from mps.etl.datasets import DATASETS
from mps.web.state import AppState


LEGAL_PAGES = {"/mentions-legales": "pages/mentions_legales.html", "/confidentialite": "pages/confidentialite.html"}


class GeneralPages(Controller):
    include_in_schema = False

    @get("/")
    async def home(self, request: Request, state: AppState, db: AsyncSession) -> Template:
        cat = state.catalogue.current  # None during the very first import: the page still answers
        pid = current_person_id(request)  # a first visit costs no query: nothing to say yet
        next_view = await timeline_for(db, pid) if pid else None
        return Template("pages/home.html", context={"cat": cat, "next_view": next_view})

    @get("/sources")
    async def sources(self, state: AppState) -> Template:
        cat = state.catalogue.current
        return Template("pages/sources.html", context={"datasets": DATASETS, "cat": cat})

    @get(list(LEGAL_PAGES))
    async def legal(self, request: Request) -> Template:
        return Template(LEGAL_PAGES[request.url.path])

    @get("/accessibilite")
    async def accessibility(self) -> Template:
        return Template("pages/accessibilite.html", context={"s": statement(), "french_date": french_date})

    @get("/hors-ligne")
    async def offline(self) -> Template:
        return Template("offline.html")

    @get("/hors-ligne/app")
    async def offline_shell(self) -> Template:
        """The shell the service worker precaches and serves for catalogue and favourites pages when the
        network is gone; js/offline.js renders their content from IndexedDB (templates/offline/).
        Same for everyone (no personal data): the content comes from the device's own storage."""
        return Template("offline/app.html", headers={"Cache-Control": "no-cache"})

