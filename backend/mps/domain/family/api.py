"""Family sharing API: the student's links, and the read-only view behind a link."""
from __future__ import annotations

from litestar import Controller, Request, delete, get, post
from litestar.exceptions import NotFoundException, TooManyRequestsException
from litestar.response import Response
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import FamilyLink
from mps.domain.accounts.web import TOO_MANY_MAILS, api_person, typed_mail_allowed
from mps.domain.accounts.mail import send_mail
from mps.domain.accounts.roles import normalise_email
from mps.domain.catalogue.index import Catalogue
from mps.domain.family import service
from mps.domain.family.pages import CLOSED, PRIVATE_HEADERS, invitation_text
from mps.domain.family.schemas import FamilyView, LinkIn, LinkOut, ProfileLine
from mps.domain.favourites.overview import overview
from mps.domain.plan.service import SHARED, plan_doc
from mps.domain.timeline.schemas import shared_timeline
from mps.domain.timeline.service import timeline_for
from mps.settings import Settings
from mps.web.errors import field_error
from mps.web.links import mail_origin, page_origin


def link_out(request: Request, settings, link: FamilyLink) -> LinkOut:
    return LinkOut(id=link.id, label=link.label, url=service.link_url(page_origin(request), settings.secret_key, link), email=link.email,
                   state=service.state_of(link).value, created_at=link.created_at, expires_at=link.expires_at,
                   last_used_at=link.last_used_at)


class FamilyApi(Controller):
    path = "/api/v1"
    tags = ["famille"]

    @get("/me/family-links", summary="Mes liens de partage famille")
    async def links(self, request: Request, settings: Settings, db: AsyncSession) -> list[LinkOut]:
        person = await api_person(request, db, "lyceen")
        return [link_out(request, settings, link) for link in await service.links_of(db, person.id)]

    @post("/me/family-links", summary="Créer un lien de partage (et inviter par e-mail)")
    async def create(self, request: Request, settings: Settings, db: AsyncSession, data: LinkIn) -> LinkOut:
        person = await api_person(request, db, "lyceen")
        email = normalise_email(data.email) if data.email else None
        if data.email and email is None:
            raise field_error("email", "adresse e-mail invalide")
        if email and not await typed_mail_allowed(request, person.id):
            raise TooManyRequestsException(detail=TOO_MANY_MAILS, extra=[{"key": "email", "message": TOO_MANY_MAILS}])
        link = await service.create_link(db, person, data.label.strip(), data.days, email)
        if email:
            await send_mail(settings, email, "Un projet d'orientation partagé avec vous",
                            invitation_text(service.link_url(mail_origin(request), settings.secret_key, link), link.label))
        return link_out(request, settings, link)

    @delete("/me/family-links/{link_id:str}", summary="Désactiver un lien de partage")
    async def revoke(self, request: Request, db: AsyncSession, link_id: str) -> None:
        person = await api_person(request, db, "lyceen")
        await service.revoke(db, person.id, link_id)

    @get("/family/{token:str}", summary="Vue famille (lecture seule) derrière un lien de partage")
    async def view(self, catalogue: Catalogue, settings: Settings, db: AsyncSession,
                   token: str) -> Response[FamilyView]:
        state, link = await service.open_link(db, settings.secret_key, token)
        if link is None:
            raise NotFoundException(detail=CLOSED[state], headers=PRIVATE_HEADERS)
        ov = await overview(db, catalogue, link.person_id, with_moyenne=False)
        doc = FamilyView(profile=[ProfileLine(a, b) for a, b in ov.lines], completeness=ov.completeness,
                         favourites=ov.favourites, timeline=shared_timeline(await timeline_for(db, link.person_id)),
                         expires_at=link.expires_at, plan=await plan_doc(db, catalogue, link.person_id, viewer=SHARED))
        return Response(doc, headers=PRIVATE_HEADERS)
