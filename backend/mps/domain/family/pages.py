"""Family sharing pages: the student manages links (/famille); the family opens one (/partage/<token>)."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import TOO_MANY_MAILS, page_person, typed_mail_allowed
from mps.domain.accounts.mail import send_mail
from mps.domain.accounts.roles import normalise_email
from mps.domain.family import service
from mps.domain.family.schemas import LinkIn
from mps.domain.family.service import DURATIONS, LinkState
from mps.domain.catalogue.index import Catalogue
from mps.domain.favourites.overview import overview
from mps.domain.plan.service import SHARED, warning_labels, plan_doc
from mps.domain.timeline.service import timeline_for
from mps.domain.vocabulary import AMBITION_LABELS
from mps.lib.validation import fields
from mps.settings import Settings
from mps.web.forms import FormState, blank, read_form
from mps.web.links import mail_origin, page_origin

# The token is in the URL: never cached, never sent as a referrer, never indexed.
PRIVATE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
CLOSED = {LinkState.UNKNOWN: "Ce lien de partage n'existe pas. Vérifiez qu'il a été copié en entier.",
          LinkState.REVOKED: "L'élève a désactivé ce lien de partage. Demandez-lui un nouveau lien si besoin.",
          LinkState.EXPIRED: "Ce lien de partage a expiré. Demandez à l'élève un nouveau lien."}


def invitation_text(url: str, label: str) -> str:
    return ("Bonjour,\n\nUn·e lycéen·ne partage avec vous son projet d'orientation sur MonProjetSup"
            f"{' (' + label + ')' if label else ''} : profil, formations favorites et équilibre de ses choix.\n\n"
            f"Pour le consulter (lecture seule) :\n{url}\n\nCe lien peut être désactivé à tout moment par l'élève.\n\n"
            "— MonProjetSup, service public d'orientation\n")


class FamilyPages(Controller):
    include_in_schema = False

    async def _page(self, request, db, settings, person, form: FormState, *, status=200):
        links = [(link, service.state_of(link).value, service.link_url(page_origin(request), settings.secret_key, link))
                 for link in await service.links_of(db, person.id)]
        return Template("family/manage.html", status_code=status, context={
            "links": links, "durations": list(DURATIONS.items()), "form": form, "ok": request.query_params.get("ok")})

    @get("/famille")
    async def manage(self, request: Request, db: AsyncSession, settings: Settings) -> Template:
        person = await page_person(request, db, "lyceen")
        return await self._page(request, db, settings, person, blank(LinkIn, {"days": "30"}))

    @post("/famille", status_code=200)
    async def create(self, request: Request, settings: Settings, db: AsyncSession) -> Template | Redirect:
        person = await page_person(request, db, "lyceen")
        form = await read_form(request, LinkIn)  # the same LinkIn as POST /api/v1/me/family-links
        email = normalise_email(form.data.email) if form.data and form.data.email else None
        if form.data and form.data.email and email is None:
            form.add_error("email", fields(LinkIn)["email"].error)
        elif email and not await typed_mail_allowed(request, person.id):
            form.add_error("email", TOO_MANY_MAILS)
            return await self._page(request, db, settings, person, form, status=429)
        if form.errors:
            return await self._page(request, db, settings, person, form, status=400)
        link = await service.create_link(db, person, form.data.label.strip(), form.data.days, email)
        if email:
            await send_mail(settings, email, "Un projet d'orientation partagé avec vous",
                            invitation_text(service.link_url(mail_origin(request), settings.secret_key, link), link.label))
        return Redirect(f"/famille?ok={'invite' if email else 'cree'}#statut-liens", status_code=303)

    @post("/famille/{link_id:str}/revoquer")
    async def revoke(self, request: Request, db: AsyncSession, link_id: str) -> Redirect:
        person = await page_person(request, db, "lyceen")
        await service.revoke(db, person.id, link_id)
        return Redirect("/famille?ok=revoque#statut-liens", status_code=303)

    @get("/partage/{token:str}")
    async def view(self, catalogue: Catalogue, settings: Settings, db: AsyncSession, token: str) -> Template:
        state, link = await service.open_link(db, settings.secret_key, token)
        if link is None:
            return Template("family/closed.html", status_code=404, headers=PRIVATE_HEADERS,
                            context={"reason": CLOSED[state]})
        ov = await overview(db, catalogue, link.person_id, with_moyenne=False)
        plan = await plan_doc(db, catalogue, link.person_id, viewer=SHARED)
        return Template("family/view.html", headers=PRIVATE_HEADERS, context={
            "ov": ov, "link": link, "ambitions": AMBITION_LABELS, "timeline": await timeline_for(db, link.person_id),
            "token": token, "plan": plan, "plan_labels": warning_labels()})
