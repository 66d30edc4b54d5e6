"""Partner API (/api/v1/partner/stages/offers): platforms and associations create, update, delete and list
the offers of their organisation by their own `remote_id`, with a bearer token (web/partner_auth.py).

Answers: 201 created, 200, 204 deleted; 401 without a valid token, 400 a token in the address, 404 an unknown
remote_id (another organisation's included), 409 a remote_id already used, 400 a refused offer naming the
field, 429 over 100 calls a minute (Retry-After)."""
from __future__ import annotations

import re

import msgspec
from litestar import Controller, Request, Response, delete, get, post, put
from litestar.exceptions import ValidationException
from litestar.openapi.spec import Components, SecurityScheme
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOffer, StageOrganisation
from mps.domain.catalogue.index import Catalogue
from mps.domain.stages.board import Board, load_board
from mps.domain.stages.partners import offers
from mps.domain.stages.web.partner_auth import partner_guard
from mps.domain.stages.partners.schemas import (PartnerOfferIn, PartnerOfferList, PartnerOfferOut, PartnerOfferUpdate,
                                                RemoteId)
from mps.domain.stages.presenters import offer_out
from mps.domain.stages.schemas import UAI
from mps.lib.errors import FieldError
from mps.lib.validation import NOT_VISIBLE, ecma_form, field_of, fields, french, invisible_refused, sentence
from mps.web.errors import http_error

SCHEME = "jetonPartenaire"
SECURITY_SCHEME = SecurityScheme(
    type="http", scheme="bearer", bearer_format="mpsp_…",
    description="Jeton de partenaire d'une organisation, créé dans l'espace employeur (« API partenaires ») : "
                "en-tête « Authorization: Bearer <jeton> », jamais dans l'adresse. 100 appels par minute.")


def unprocessable(request: Request, exc: Exception) -> Response:
    """A refused offer: 400 naming the field with the site's own French sentence (the app's rule for bad input)."""
    first = next((e for e in (getattr(exc, "extra", None) or []) if isinstance(e, dict)), {})
    if isinstance(exc, FieldError):
        field, message = exc.field, exc.message
    elif "source" not in first:  # the edge's own sentence (« contient un caractère non permis »), not msgspec's:
        return http_error(request, exc)  # the field's sentence (« 5 à 120 caractères ») would not say what is wrong
    else:
        raw = str(first.get("message") or "")
        path, raw = field_of(raw)  # « Object missing required field `remote_id` » names no key
        field = re.split(r"[.\[]", path or str(first.get("key") or ""), maxsplit=1)[0]
        info = fields(PartnerOfferIn).get(field)
        message = info.error if info and info.error else sentence(french(raw or "données invalides"))
        if invisible_refused(raw):  # as every form and body says it (mps.lib.validation.field_message)
            message = sentence(NOT_VISIBLE)
    error = ValidationException(detail=str(FieldError(field or "données", message)),
                                extra=[{"key": field or "données", "message": message}])
    return http_error(request, error)


def conflict(request: Request, exc: offers.RemoteIdTaken) -> Response:
    return Response({"status_code": 409, "detail": "Votre organisation a déjà une offre avec cet identifiant : "
                                                  "modifiez-la (PUT) ou choisissez un autre remote_id.",
                     "extra": {"id": exc.offer_id} if exc.offer_id else {}}, status_code=409)


def document_partner_api(app) -> None:
    """Start-up hook: the bearer scheme the partner operations name, the sector codes an offer takes (the document
    said « Secteur d'activité », a free text of 8 characters: a partner could not know « s24 »), and the UAI rule of
    reserved_uais (Litestar leaves out the constraints of a list's items)."""
    document = app.openapi_schema
    document.components = document.components or Components()
    document.components.security_schemes = {**(document.components.security_schemes or {}), SCHEME: SECURITY_SCHEME}
    sectors = load_board(app.state.settings.paths.data_dir).sectors
    for name in ("PartnerOfferIn", "PartnerOfferUpdate"):
        properties = (document.components.schemas or {})[name].properties
        field = properties["secteur"]
        field.pattern, field.enum = None, list(sectors)
        field.description = "Code du secteur : " + " ; ".join(f"{code} {label}" for code, label in sectors.items())
        properties["reserved_uais"].items.pattern = ecma_form(UAI)


async def _out(db: AsyncSession, board: Board, org: StageOrganisation, offer: StageOffer) -> PartnerOfferOut:
    base = await offer_out(db, board, offer, org)
    return PartnerOfferOut(**msgspec.structs.asdict(base), remote_id=offer.remote_id or "",
                           url=f"/stages/offres/{offer.id}")


class PartnerApi(Controller):
    path = "/api/v1/partner/stages/offers"
    tags = ["partenaires"]
    guards = [partner_guard]
    security = [{SCHEME: []}]
    exception_handlers = {ValidationException: unprocessable, FieldError: unprocessable,
                          offers.RemoteIdTaken: conflict}

    async def _org(self, request: Request, db: AsyncSession) -> StageOrganisation:
        return await db.get(StageOrganisation, request.state.partner_org_id)

    @get("", summary="Lister les offres de votre organisation publiées par l'API", responses=None)
    async def list_offers(self, request: Request, db: AsyncSession, stage_board: Board,
                          page: int = Parameter(default=1, ge=1, le=10_000, description="page de 100 offres")
                          ) -> PartnerOfferList:
        org = await self._org(request, db)
        total, rows = await offers.listed(db, org.id, page)
        return PartnerOfferList(total=total, items=[await _out(db, stage_board, org, o) for o in rows], page=page,
                                page_size=offers.PAGE_SIZE)

    @get("/{remote_id:str}", summary="Une offre, par son identifiant chez vous", responses=None)
    async def one(self, request: Request, db: AsyncSession, stage_board: Board, remote_id: str) -> PartnerOfferOut:
        org = await self._org(request, db)
        return await _out(db, stage_board, org, await offers.by_remote_id(db, org.id, remote_id))

    @post("", summary="Créer une offre (publiée, ou en attente de validation pour une nouvelle organisation)",
          status_code=201, responses=None)
    async def create(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                     data: PartnerOfferIn) -> Response[PartnerOfferOut]:
        org = await self._org(request, db)
        offer = await offers.create(db, stage_board, catalogue.geocoder, org, data.remote_id, data)
        body = await _out(db, stage_board, org, offer)
        return Response(body, status_code=201,
                        headers={"Location": f"{self.path}/{offer.remote_id}"})

    @put("/{remote_id:str}", summary="Remplacer le contenu d'une offre", responses=None)
    async def update(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                     remote_id: str, data: PartnerOfferUpdate) -> PartnerOfferOut:
        if data.remote_id is not None and data.remote_id != remote_id:
            raise FieldError("remote_id", "Le remote_id du document n'est pas celui de l'adresse : il ne se change pas "
                                          "(supprimez l'offre et créez-la avec le nouvel identifiant).")
        org = await self._org(request, db)
        offer = await offers.update(db, stage_board, catalogue.geocoder, org, remote_id, data)
        return await _out(db, stage_board, org, offer)

    @delete("/{remote_id:str}", summary="Retirer une offre (fermée ; l'identifiant redevient libre)", responses=None)
    async def remove(self, request: Request, db: AsyncSession, remote_id: str) -> None:
        await offers.withdraw(db, request.state.partner_org_id, remote_id)


__all__ = ["PartnerApi", "RemoteId", "document_partner_api"]
