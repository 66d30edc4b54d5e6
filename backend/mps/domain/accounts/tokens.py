"""Magic sign-in links: signed with itsdangerous, valid 15 minutes, usable once.

The token carries the address, a random nonce and where to go next. Using it records the nonce in
used_login_tokens (primary key): a second use, from any worker, hits the unique constraint.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import UsedLoginToken
from mps.lib.urls import local_path

LINK_MAX_AGE = 15 * 60
_SALT = "magic-link"


class LinkError(Exception):
    """Why a link cannot be used, in words for the person holding it."""


@dataclass(frozen=True)
class LinkClaim:
    email: str
    nonce: str
    next_url: str
    role: str


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def make_link_token(secret_key: str, email: str, next_url: str = "/compte", role: str = "lyceen") -> str:
    return _serializer(secret_key).dumps({"e": email, "n": secrets.token_urlsafe(18), "x": next_url, "r": role})


def read_link_token(secret_key: str, token: str, max_age: int = LINK_MAX_AGE) -> LinkClaim:
    try:
        data = _serializer(secret_key).loads(token, max_age=max_age)
    except SignatureExpired:
        raise LinkError("Ce lien a expiré : il n'est valable que 15 minutes. Demande un nouveau lien.") from None
    except BadSignature:
        raise LinkError("Ce lien de connexion n'est pas valide. Vérifie que tu l'as copié en entier.") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in "enxr"):
        raise LinkError("Ce lien de connexion n'est pas valide.")
    return LinkClaim(email=data["e"], nonce=data["n"], next_url=safe_next(data["x"]), role=data["r"])


async def spend(db: AsyncSession, claim: LinkClaim) -> None:
    """Mark the link used; raises LinkError when it already was."""
    now = datetime.now(timezone.utc)
    try:
        async with db.begin_nested():
            db.add(UsedLoginToken(nonce=claim.nonce, used_at=now))
    except IntegrityError:
        raise LinkError("Ce lien a déjà servi. Pour te reconnecter, demande un nouveau lien.") from None
    # Nonces older than a link's life can no longer be replayed anyway: keep the table small.
    await db.execute(delete(UsedLoginToken).where(UsedLoginToken.used_at < now - timedelta(days=1)))


def safe_next(url: str | None) -> str:
    """Only a local path: a sign-in link must never send someone to another site."""
    return local_path(url) or "/compte"
