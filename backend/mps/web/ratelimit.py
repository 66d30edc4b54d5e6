"""The app's rate limiter (mps.lib.ratelimit.RateLimiter), made from its settings on first use."""
from __future__ import annotations

from litestar import Litestar

from mps.lib.ratelimit import RateLimiter
from mps.web.state import state_of


def limiter_for(app: Litestar) -> RateLimiter:
    """The app's limiter, created on first use (no await in between: no race inside one worker)."""
    state = state_of(app)
    limiter = state.get("rate_limiter")
    if limiter is None:
        settings = state.settings
        limiter = state["rate_limiter"] = RateLimiter(settings.secret_key, settings.redis_url, settings.limits.key_prefix)
    return limiter
