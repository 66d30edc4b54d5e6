"""The offline shell: a page the service worker precaches and serves for catalogue and favourites pages
when the network is gone; js/offline.js renders the content from IndexedDB (templates/offline/)."""
from __future__ import annotations

from litestar import Controller, get
from litestar.response import Template


class OfflinePages(Controller):
    include_in_schema = False

    @get("/hors-ligne/app")
    async def shell(self) -> Template:
        # Same for everyone (no personal data): the content comes from the device's own storage.
        return Template("offline/app.html", headers={"Cache-Control": "no-cache"})
