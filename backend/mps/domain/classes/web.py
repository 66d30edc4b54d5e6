"""Request helpers of the classes area: a class code typed by a student, with wrong guesses rate-limited."""
from __future__ import annotations

import segno
from litestar import Request
from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import SchoolClass
from mps.domain.classes import service
from mps.web.ratelimit import limiter_for

# Wrong codes allowed per hour, per student and per client address: settings.limits (RateLimits).
UNKNOWN_CODE = ("Ce code ne correspond à aucune classe. Vérifie-le (8 caractères, sans 0, O, 1, I ni L), "
                "ou demande le code actuel à ton professeur.")
TOO_MANY = ("Trop de codes erronés depuis une heure : attends un peu, ou demande à ton professeur le lien "
            "ou le QR code de la classe.")


def expired_code(cls: SchoolClass) -> str:
    return (f"Ce code était celui de l'année {cls.school_year} : il ne marche plus. "
            "Demande le code de cette année à ton professeur.")


async def class_from_code(request: Request, db: AsyncSession, person_id: str, code: str,
                          ) -> tuple[SchoolClass | None, str | None]:
    """The class a student's code opens, or why not (a French sentence); `too_many(message)` tells a 429."""
    allowed = request.app.state.settings.limits
    limits = [("class-code:person", person_id, allowed.class_code_per_person),
              ("class-code:ip", request.client.host if request.client else "", allowed.class_code_per_address)]
    limiter = limiter_for(request.app)
    for kind, who, (limit, window) in limits:
        if not await limiter.hit(kind, who, limit, window, cost=0):
            return None, TOO_MANY
    cls = await service.class_for_code(db, code)
    if cls is None:
        for kind, who, (limit, window) in limits:
            await limiter.hit(kind, who, limit, window)
        return None, UNKNOWN_CODE
    if service.code_expired(cls):
        return None, expired_code(cls)
    return cls, None


def too_many(message: str | None) -> bool:
    return message == TOO_MANY


def join_qr_svg(url: str) -> Markup:
    """The join link as a QR code, inline SVG (no image request; CSP-safe: no script, no style attribute)."""
    svg = segno.make(url, error="m").svg_inline(scale=1, omitsize=True, svgclass="mps-qr", lineclass=None)
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR code du lien pour rejoindre la classe" ', 1))
