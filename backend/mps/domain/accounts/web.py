"""Guards for pages and API routes that need an account (and sometimes a role)."""
from __future__ import annotations

from urllib.parse import quote

from litestar import Request
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.response import Redirect
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.accounts.service import signed_in_person


class SignInRequired(Exception):
    """Raised by page guards; answered with a redirect to the sign-in page (see asgi HANDLERS)."""


def sign_in_redirect(request: Request) -> Redirect:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"/connexion?next={quote(target, safe='')}", status_code=303)


async def page_person(request: Request, db: AsyncSession, *roles: str) -> Person:
    """The signed-in person for a page; not signed in -> sign-in page; wrong role -> 404."""
    person = await signed_in_person(request, db)
    if person is None:
        raise SignInRequired()
    if roles and person.role not in roles:
        raise NotFoundException(detail="Cette page n'existe pas pour ton compte.")
    return person


async def api_person(request: Request, db: AsyncSession, *roles: str) -> Person:
    """The signed-in person for an API call; not signed in -> 401; wrong role -> 404."""
    person = await signed_in_person(request, db)
    if person is None:
        raise NotAuthorizedException(detail="Connecte-toi pour accéder à cette ressource.")
    if roles and person.role not in roles:
        raise NotFoundException(detail="Ressource introuvable.")
    return person


def sign_in_required_handler(request: Request, exc: SignInRequired) -> Redirect:
    return sign_in_redirect(request)
