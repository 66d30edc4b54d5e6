"""Timeline pages: /etapes (the student's steps and tasks, their calendar links) and the ICS feeds."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Response, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.family.service import open_link
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.timeline import feeds
from mps.domain.timeline.ics import calendar_of
from mps.domain.timeline.service import timeline_for
from mps.settings import Settings
from mps.web.links import page_origin

SAID = {"agenda": "Ton lien d'agenda est prêt : copie-le dans ton application d'agenda.",
        "desactive": "Ce lien d'agenda est désactivé : les agendas abonnés ne reçoivent plus tes étapes."}
# Feeds carry a secret in their URL: never cached by a proxy, never sent as a referrer, never indexed.
FEED_HEADERS = {"Cache-Control": "private, max-age=0, no-cache", "Referrer-Policy": "no-referrer",
                "X-Robots-Tag": "noindex", "Content-Disposition": 'inline; filename="monprojetsup.ics"'}
GONE = "Ce lien d'agenda n'existe pas ou a été désactivé. Crée un nouveau lien sur MonProjetSup, page « Tes étapes »."
# The family's feed: read by a parent (« vous »), who cannot make a new link themselves.
FAMILY_GONE = "Ce lien d'agenda n'existe pas ou a été désactivé. Demandez à l'élève un nouveau lien de partage."


def _ics(body: bytes) -> Response:
    return Response(body, media_type="text/calendar", headers=FEED_HEADERS)


def _gone(text: str = GONE) -> Response:
    return Response(text, status_code=404, media_type="text/plain", headers=FEED_HEADERS)


class TimelinePages(Controller):
    include_in_schema = False

    @get("/etapes")
    async def page(self, request: Request, catalogue: Catalogue, settings: Settings, db: AsyncSession) -> Template:
        pid = current_person_id(request)
        view = await timeline_for(db, pid, catalogue)
        origin = page_origin(request)
        links = [(f, feeds.feed_url(origin, settings.secret_key, f)) for f in await feeds.live_feeds(db, pid)] if pid else []
        return Template("timeline/index.html", context={
            "view": view, "feeds": links, "said": SAID.get(request.query_params.get("ok", ""), "")})

    @post("/etapes/agenda")
    async def create_feed(self, request: Request, db: AsyncSession) -> Redirect:
        await feeds.create_feed(db, await ensure_person(request, db))
        return Redirect("/etapes?ok=agenda#statut-agenda", status_code=303)

    @post("/etapes/agenda/{feed_id:str}/desactiver")
    async def revoke_feed(self, request: Request, db: AsyncSession, feed_id: str) -> Redirect:
        await feeds.revoke_feed(db, current_person_id(request) or "", feed_id)
        return Redirect("/etapes?ok=desactive#statut-agenda", status_code=303)

    @get("/agenda/{token:str}")
    async def feed(self, settings: Settings, db: AsyncSession, token: str) -> Response:
        feed = await feeds.open_feed(db, settings.secret_key, token.removesuffix(".ics"))
        if feed is None:
            return _gone()
        view = await timeline_for(db, feed.person_id)
        return _ics(calendar_of(view, "MonProjetSup – mes étapes"))

    @get("/partage/{token:str}/agenda.ics")
    async def family_feed(self, settings: Settings, db: AsyncSession, token: str) -> Response:
        """The family subscribes through their sharing link: revoking the link stops the feed too."""
        _state, link = await open_link(db, settings.secret_key, token)
        if link is None:
            return _gone(FAMILY_GONE)
        view = await timeline_for(db, link.person_id)
        return _ics(calendar_of(view, "MonProjetSup – étapes partagées"))
