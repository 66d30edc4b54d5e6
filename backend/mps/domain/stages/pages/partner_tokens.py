"""Pages where partner tokens are made: an employer for their own organisation (/stages/employeur/api), an
admin for any organisation (/stages/partenaires/…). A new token is shown on the answer to its creation only
(never stored, never cached), then only its prefix is listed."""
from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageOrganisation, StagePartnerToken
from mps.domain.accounts.web import page_person
from mps.domain.stages.organisations import EMPLOYER, organisation_of
from mps.domain.stages.partners import tokens
from mps.lib.errors import FieldError, NotFound
from mps.lib.validation import VISIBLE
from mps.web.forms import FormState, blank, state_from

ADMIN, EMPLOYER = "admin", EMPLOYER
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


class TokenIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    label: Annotated[str, msgspec.Meta(title="Nom du jeton", description="Par exemple le nom de la plateforme qui "
                                       "l'utilisera", min_length=1, max_length=100, pattern=VISIBLE,
                                       extra={"error": "Donnez un nom au jeton (100 caractères au plus)."})]


async def _employer_org(request: Request, db: AsyncSession) -> tuple[Person, StageOrganisation]:
    person = await page_person(request, db, EMPLOYER)
    org = await organisation_of(db, person.id)
    if org is None:
        raise NotFound("Décrivez d'abord votre organisation dans votre espace employeur.")
    return person, org


async def _admin_org(request: Request, db: AsyncSession, org_id: int) -> tuple[Person, StageOrganisation]:
    person = await page_person(request, db, ADMIN)
    org = await db.get(StageOrganisation, org_id)
    if org is None:
        raise NotFound("Cette organisation n'existe pas.")
    return person, org


async def _page(db: AsyncSession, org: StageOrganisation, base: str, *, form: FormState | None = None,
                new_token: str = "", done: str | None = None, status: int = 200) -> Template:
    return Template("stages/partner_tokens.html", status_code=status, headers=NO_STORE, context={
        "org": org, "base": base, "tokens": await tokens.tokens_of(db, org.id), "form": form or blank(TokenIn),
        "new_token": new_token, "done": done})


async def _create(request: Request, db: AsyncSession, person: Person, org: StageOrganisation, base: str) -> Template:
    form = state_from(await request.form(), TokenIn)
    if not form.errors:
        try:
            _, token = await tokens.create_token(db, org, person.id, form.data.label)
        except FieldError as exc:
            form.add_error(exc.field, exc.message)
        else:
            return await _page(db, org, base, new_token=token)
    return await _page(db, org, base, form=form, status=400)


class PartnerTokenPages(Controller):
    include_in_schema = False

    @get("/stages/employeur/api")
    async def mine(self, request: Request, db: AsyncSession) -> Template:
        _, org = await _employer_org(request, db)
        return await _page(db, org, "/stages/employeur/api", done=request.query_params.get("ok"))

    @post("/stages/employeur/api", status_code=200)
    async def create_mine(self, request: Request, db: AsyncSession) -> Template:
        person, org = await _employer_org(request, db)
        return await _create(request, db, person, org, "/stages/employeur/api")

    @post("/stages/employeur/api/{token_id:int}/revoquer")
    async def revoke_mine(self, request: Request, db: AsyncSession, token_id: int) -> Redirect:
        _, org = await _employer_org(request, db)
        await tokens.revoke_token(db, org.id, token_id)
        return Redirect("/stages/employeur/api?ok=revoque#statut-jetons", status_code=303)

    @get("/stages/partenaires")
    async def organisations(self, request: Request, db: AsyncSession) -> Template:
        await page_person(request, db, ADMIN)
        active = (select(StagePartnerToken.organisation_id, func.count().label("n"))
                  .where(StagePartnerToken.revoked_at.is_(None)).group_by(StagePartnerToken.organisation_id).subquery())
        rows = await db.execute(select(StageOrganisation, func.coalesce(active.c.n, 0))
                                .outerjoin(active, active.c.organisation_id == StageOrganisation.id)
                                .where(StageOrganisation.demo.is_(False)).order_by(StageOrganisation.name))
        return Template("stages/partner_organisations.html", context={"rows": rows.all()})

    @get("/stages/partenaires/{org_id:int}")
    async def theirs(self, request: Request, db: AsyncSession, org_id: int) -> Template:
        _, org = await _admin_org(request, db, org_id)
        return await _page(db, org, f"/stages/partenaires/{org.id}", done=request.query_params.get("ok"))

    @post("/stages/partenaires/{org_id:int}", status_code=200)
    async def create_theirs(self, request: Request, db: AsyncSession, org_id: int) -> Template:
        person, org = await _admin_org(request, db, org_id)
        return await _create(request, db, person, org, f"/stages/partenaires/{org.id}")

    @post("/stages/partenaires/{org_id:int}/{token_id:int}/revoquer")
    async def revoke_theirs(self, request: Request, db: AsyncSession, org_id: int, token_id: int) -> Redirect:
        _, org = await _admin_org(request, db, org_id)
        await tokens.revoke_token(db, org.id, token_id)
        return Redirect(f"/stages/partenaires/{org.id}?ok=revoque#statut-jetons", status_code=303)
