"""Account API: who is signed in on this browser."""
from __future__ import annotations

import msgspec
from litestar import Controller, Request, get
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.service import signed_in_person


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
