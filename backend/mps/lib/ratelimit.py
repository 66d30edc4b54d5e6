"""Shared rate limits: fixed windows counted by the `limits` library, in Redis when REDIS_URL is set (shared
by every worker and host), else in this worker's memory.

    allowed = await limiter.hit("avis", client_address, limit=5, window_s=600)

The app's limiter is `mps.web.ratelimit.limiter_for(app)` (lib/ knows nothing of the app).

Keys are keyed hashes (HMAC with the secret key): Redis never holds an e-mail or an IP address.
Redis is a help here, never a point of failure: each call gives up after TIMEOUT_S, and once Redis cannot be
reached the limiter counts in this worker's memory for RETRY_S seconds before trying it again. One log line
says Redis went away and one that it is back, whatever the number of requests in between.
Why not Litestar's RateLimitMiddleware: it limits requests per route and client, and cannot count sign-in
links per e-mail address (a form field), nor fall back to memory when its Redis store fails.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import math
import time

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage
from limits.aio.strategies import FixedWindowRateLimiter

log = logging.getLogger(__name__)

TIMEOUT_S = 0.25  # a frozen Redis costs at most this, once per RETRY_S per worker
RETRY_S = 15.0


class RateLimiter:
    def __init__(self, secret: str, redis_url: str | None = None, prefix: str = "mps:rl", clock=time.monotonic):
        self._secret, self._clock = secret.encode(), clock
        self._memory = FixedWindowRateLimiter(MemoryStorage())
        self._redis = None
        if redis_url:
            storage = RedisStorage(redis_url, implementation="redispy", key_prefix=prefix, wrap_exceptions=True,
                                   socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S)
            self._redis = FixedWindowRateLimiter(storage)
        self._retry_at: float | None = None  # set while Redis is considered away

    @property
    def redis_away(self) -> bool:
        return self._retry_at is not None

    def _key(self, kind: str, value: str) -> str:
        return kind + ":" + hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()[:32]

    async def hit(self, kind: str, value: str, limit: int, window_s: int, cost: int = 1) -> bool:
        """Count one hit of `value` (an address, an IP) under `kind`; True while at most `limit` per window.

        `cost=0` only asks (nothing counted): for limits on failures, checked before the attempt and
        counted after a failed one (wrong class codes)."""
        item, key = RateLimitItemPerSecond(limit, window_s), self._key(kind, value)
        if self._redis is not None and (self._retry_at is None or self._clock() >= self._retry_at):
            try:
                allowed = await self._redis.hit(item, key, cost=cost)
            except Exception as exc:  # noqa: BLE001 - any Redis failure: count in memory for a while
                if self._retry_at is None:
                    log.warning("Redis unreachable for rate limits, counting per worker for now: %s",
                                type(exc).__name__)
                self._retry_at = self._clock() + RETRY_S
            else:
                if self._retry_at is not None:
                    log.warning("Redis reachable again for rate limits")
                    self._retry_at = None
                return allowed
        return await self._memory.hit(item, key, cost=cost)

    async def retry_after(self, kind: str, value: str, limit: int, window_s: int) -> int:
        """Seconds until the window of `value` under `kind` starts again: a refusal's Retry-After header."""
        item, key = RateLimitItemPerSecond(limit, window_s), self._key(kind, value)
        limiter = self._redis if self._redis is not None and self._retry_at is None else self._memory
        try:
            reset_at = (await limiter.get_window_stats(item, key))[0]
        except Exception:  # noqa: BLE001 - Redis went away in between: the whole window is a safe answer
            return window_s
        return min(window_s, max(1, math.ceil(reset_at - time.time())))

