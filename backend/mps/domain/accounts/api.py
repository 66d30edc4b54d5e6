"""Account API: who is signed in on this browser."""
from __future__ import annotations

import msgspec
from litestar import Controller, Request, delete, get
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import sign_out, signed_in_person
from mps.domain.identity.web import current_person_id
from mps.settings import Settings
from mps.web.errors import field_error


class Me(msgspec.Struct):
    signed_in: bool
    role: str | None = None
    email: str | None = None


class AccountApi(Controller):
    path = "/api/v1/me"
    tags = ["compte"]

    @get("", summary="Compte connecté sur ce navigateur")
    async def me(self, request: Request, db: AsyncSession) -> Me:
        person = await signed_in_person(request, db)
        if person is None:
            return Me(signed_in=False)
        return Me(signed_in=True, role=person.role, email=person.email)

    @delete("", summary="Supprimer mon compte et toutes mes données",
            description="Irréversible : profil, favoris, liens famille, classes. Paramètre confirm=true obligatoire.")
    async def erase(self, request: Request, db: AsyncSession, settings: Settings, confirm: bool = Parameter(  # noqa: B008
            default=False, required=True, schema_extra={"enum": [True]},
            description="true : je confirme, la suppression est définitive")) -> None:
        from mps.domain.privacy.service import erase_account

        if not confirm:
            raise field_error("confirm", "confirm=true est obligatoire : la suppression est définitive")
        if pid := current_person_id(request):
            await erase_account(db, settings, pid)
        await sign_out(request, db)
