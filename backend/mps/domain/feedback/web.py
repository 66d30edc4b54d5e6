"""The feedback area's web helpers: the rate limit on sending an opinion, and the dependency its controller
declares (`feedback_engine`, the Piccolo engine the opinions are stored with)."""
from __future__ import annotations

from litestar import Request
from litestar.di import Provide
from piccolo.engine.base import Engine

from mps.admin.db import piccolo_engine
from mps.domain.feedback.service import RATE_LIMIT
from mps.settings import Settings
from mps.web.ratelimit import limiter_for


async def within_rate_limit(request: Request) -> bool:
    """True while this sender (its address, through trusted proxies only) may still send an opinion."""
    sender = request.client.host if request.client else ""
    return await limiter_for(request.app).hit("avis", sender, *RATE_LIMIT)


def provide_feedback_engine(settings: Settings) -> Engine:
    return piccolo_engine(settings.database.url)


DEPENDENCIES = {"feedback_engine": Provide(provide_feedback_engine, sync_to_thread=False)}
