"""Partner tokens: shown once, kept as a SHA-256, named by a prefix, revocable. No Request here.

A token is `mpsp_` + 8 hex characters (the prefix, stored in clear to find the row and to name the token in
lists) + `_` + 43 URL-safe characters (256 random bits). A hash of a secret that long cannot be reversed or
guessed, so a plain SHA-256 suffices (no slow password hash); it is compared in constant time.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageOrganisation, StagePartnerToken
from mps.domain.stages.now import now_utc
from mps.lib.errors import FieldError, NotFound

START = "mpsp_"
PREFIX_LEN = len(START) + 8
TOKEN = re.compile(r"^mpsp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$")
LOOKS_LIKE_TOKEN = re.compile(r"mpsp_[0-9a-f]{8}_")
MAX_ACTIVE = 10  # tokens not revoked per organisation: one per platform is the rule, a few during a rotation
LAST_USED_STEP = timedelta(minutes=1)  # last_used_at written at most once a minute per token


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret() -> tuple[str, str]:
    """(token, prefix)."""
    prefix = START + secrets.token_hex(4)
    return f"{prefix}_{secrets.token_urlsafe(32)}", prefix


async def create_token(db: AsyncSession, org: StageOrganisation, created_by: str | None,
                       label: str) -> tuple[StagePartnerToken, str]:
    """A new token of `org`: the row, and the token itself, which is never seen again."""
    label = " ".join(label.split())[:100]
    if not label:
        raise FieldError("label", "Donnez un nom au jeton, par exemple celui de la plateforme qui l'utilise.")
    active = await tokens_of(db, org.id, active_only=True)
    if len(active) >= MAX_ACTIVE:
        raise FieldError("label", f"Votre organisation a déjà {MAX_ACTIVE} jetons actifs : révoquez ceux qui ne "
                                  "servent plus avant d'en créer un autre.")
    token, prefix = new_secret()
    row = StagePartnerToken(organisation_id=org.id, prefix=prefix, token_hash=digest(token), label=label,
                            created_by=created_by, created_at=now_utc())
    db.add(row)
    await db.flush()
    return row, token


async def tokens_of(db: AsyncSession, org_id: int, active_only: bool = False) -> list[StagePartnerToken]:
    query = select(StagePartnerToken).where(StagePartnerToken.organisation_id == org_id)
    if active_only:
        query = query.where(StagePartnerToken.revoked_at.is_(None))
    rows = await db.execute(query.order_by(StagePartnerToken.revoked_at.is_not(None), StagePartnerToken.created_at.desc()))
    return list(rows.scalars())


async def revoke_token(db: AsyncSession, org_id: int, token_id: int) -> StagePartnerToken:
    row = await db.get(StagePartnerToken, token_id)
    if row is None or row.organisation_id != org_id:
        raise NotFound("Ce jeton n'existe pas ou n'est pas celui de cette organisation.")
    if row.revoked_at is None:
        row.revoked_at = now_utc()
    return row


async def authenticate(db: AsyncSession, token: str, now: datetime | None = None) -> StagePartnerToken | None:
    """The live token `token` is, or None (malformed, unknown, wrong secret, revoked)."""
    if not TOKEN.match(token):
        return None
    row = (await db.execute(select(StagePartnerToken)
                            .where(StagePartnerToken.prefix == token[:PREFIX_LEN]))).scalar_one_or_none()
    if row is None or not hmac.compare_digest(row.token_hash, digest(token)) or row.revoked_at is not None:
        return None
    now = now or now_utc()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_STEP:
        row.last_used_at = now
    return row
