"""Shared rate limiter: fixed windows counted in Redis when REDIS_URL is set, else in this worker's memory.

    allowed = await limiter_for(request.app).hit(f"avis:{client_key}", limit=5, window_s=600)

A window starts at the first hit of a key and lasts window_s seconds; hits past `limit` are refused
until it ends. The memory backend counts per worker process (fine for the embedded single-process
default); Redis counts across workers. If Redis cannot be reached, the limiter falls back to memory
for that call rather than turning every request into an error.
"""
from __future__ import annotations

import logging
import time
from typing import Protocol

log = logging.getLogger(__name__)


class Backend(Protocol):
    async def incr(self, key: str, window_s: int) -> int: ...


class MemoryBackend:
    """Per-process counters; expired windows are swept as new keys arrive, so memory stays bounded."""

    def __init__(self, clock=time.monotonic, max_keys: int = 100_000):
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (window end, count)
        self._clock, self._max_keys = clock, max_keys

    async def incr(self, key: str, window_s: int) -> int:
        now = self._clock()
        end, count = self._windows.get(key, (0.0, 0))
        if end <= now:
            end, count = now + window_s, 0
            if len(self._windows) >= self._max_keys:
                self._sweep(now)
        self._windows[key] = (end, count + 1)
        return count + 1

    def _sweep(self, now: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if v[0] > now}
        if len(self._windows) >= self._max_keys:  # still full of live windows: forget the oldest half
            for k in sorted(self._windows, key=lambda k: self._windows[k][0])[: self._max_keys // 2]:
                del self._windows[k]


# INCR then EXPIRE on the first hit, in one atomic step: a crash in between cannot leave a key that never expires.
_INCR_EXPIRE = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""


class RedisBackend:
    def __init__(self, url: str, prefix: str = "mps:rl:"):
        import redis.asyncio as redis

        self.prefix = prefix
        self.client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._script = self.client.register_script(_INCR_EXPIRE)

    async def incr(self, key: str, window_s: int) -> int:
        return int(await self._script(keys=[self.prefix + key], args=[window_s]))

    async def close(self) -> None:
        await self.client.aclose()


class RateLimiter:
    def __init__(self, backend: Backend | None = None):
        self.backend = backend or MemoryBackend()
        self._fallback = self.backend if isinstance(self.backend, MemoryBackend) else MemoryBackend()

    @classmethod
    def from_settings(cls, settings, prefix: str = "mps:rl:") -> RateLimiter:
        return cls(RedisBackend(settings.redis_url, prefix) if settings.redis_url else MemoryBackend())

    async def hit(self, key: str, limit: int, window_s: int) -> bool:
        """Count one hit on `key`; True if it is allowed (at most `limit` hits per window)."""
        try:
            count = await self.backend.incr(key, window_s)
        except Exception as exc:  # noqa: BLE001 - Redis down: keep limiting, per worker
            log.warning("rate limiter backend unavailable, counting in memory: %s", exc)
            count = await self._fallback.incr(key, window_s)
        return count <= limit


def limiter_for(app) -> RateLimiter:
    """The app's limiter, created on first use (no await in between: no race inside one worker)."""
    limiter = app.state.get("rate_limiter")
    if limiter is None:
        limiter = app.state["rate_limiter"] = RateLimiter.from_settings(app.state.settings)
    return limiter
