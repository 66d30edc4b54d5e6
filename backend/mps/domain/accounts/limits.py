"""Rate limits on sign-in requests, per address and per IP.

Uses the shared limiter (mps.lib.ratelimit: memory by default, Redis when REDIS_URL is set);
until that module is present, a per-process fixed window with the same interface stands in.
"""
from __future__ import annotations

import time

from litestar import Request

# (limit, window in seconds); settings.extra may override them (tests, small deployments).
PER_ADDRESS = (5, 3600)
PER_IP = (30, 3600)


class _MemoryWindow:
    """Fallback: `await hit(key, limit, window_s)` is True while the key stays under its limit."""

    def __init__(self):
        self.counts: dict[str, tuple[int, float]] = {}

    async def hit(self, key: str, limit: int, window_s: int) -> bool:
        now = time.monotonic()
        count, start = self.counts.get(key, (0, now))
        if now - start >= window_s:
            count, start = 0, now
        self.counts[key] = (count + 1, start)
        return count + 1 <= limit


def _limiter(request: Request):
    try:
        from mps.lib.ratelimit import limiter_for
    except ImportError:
        state = request.app.state
        if not hasattr(state, "sign_in_limiter"):
            state.sign_in_limiter = _MemoryWindow()
        return state.sign_in_limiter
    return limiter_for(request.app)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def sign_in_allowed(request: Request, email: str) -> bool:
    extra = request.app.state.settings.extra
    per_address = extra.get("sign_in_per_address", PER_ADDRESS)
    per_ip = extra.get("sign_in_per_ip", PER_IP)
    limiter = _limiter(request)
    ok_address = await limiter.hit(f"sign-in:address:{email}", *per_address)
    ok_ip = await limiter.hit(f"sign-in:ip:{client_ip(request)}", *per_ip)
    return ok_address and ok_ip
