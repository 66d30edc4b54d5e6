"""Rate limiter: `limit` hits per window and key, in memory or shared through Redis; a Redis that stops or
freezes never fails a request and is logged once per outage, not once per call."""
from __future__ import annotations

import logging
import uuid

import pytest
import redis.asyncio as redis

from mps.lib.ratelimit import RETRY_S, RateLimiter
from tests.throwaway import ThrowawayRedis

REDIS_URL = "redis://127.0.0.1:6379/0"
OWN_PORT = 9411


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def hits(limiter: RateLimiter, value: str, n: int, limit: int = 3, window_s: int = 60) -> list[bool]:
    return [await limiter.hit("test", value, limit, window_s) for _ in range(n)]


async def test_memory_allows_up_to_the_limit_then_refuses():
    assert await hits(RateLimiter("s"), "ip:1", 5) == [True, True, True, False, False]


async def test_keys_are_counted_separately():
    limiter = RateLimiter("s")
    await hits(limiter, "ip:1", 3)
    assert await limiter.hit("test", "ip:2", 3, 60)
    assert await limiter.hit("other", "ip:1", 3, 60)


@pytest.fixture
async def prefix():
    prefix = f"mps:test:{uuid.uuid4().hex[:8]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = [k async for k in client.scan_iter(f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_redis_counts_are_shared_between_workers(prefix):
    a, b = RateLimiter("s", REDIS_URL, prefix), RateLimiter("s", REDIS_URL, prefix)
    assert await hits(a, "ip:1", 2) == [True, True]
    assert await hits(b, "ip:1", 2) == [True, False]


async def test_redis_holds_no_address_and_windows_expire(prefix):
    await RateLimiter("s", REDIS_URL, prefix).hit("sign-in:address", "eleve@exemple.fr", 3, 600)
    client = redis.Redis.from_url(REDIS_URL)
    keys = [k async for k in client.scan_iter(f"{prefix}*")]
    assert keys and not any(b"exemple" in k for k in keys)
    ttls = [await client.ttl(k) for k in keys]
    assert all(0 < ttl <= 600 for ttl in ttls)  # never a counter that outlives its window
    await client.aclose()


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
async def test_redis_outage_counts_in_memory_and_logs_once(outage, caplog):
    clock = FakeClock()
    with ThrowawayRedis(OWN_PORT) as own:
        limiter = RateLimiter("s", own.url, clock=clock)
        assert await hits(limiter, "ip:1", 2) == [True, True]
        own.stop() if outage == "stopped" else own.freeze()
        with caplog.at_level(logging.WARNING, logger="mps.lib.ratelimit"):
            # Still limited (per worker, from zero), never an exception, whatever the number of calls.
            assert await hits(limiter, "ip:9", 40) == [True] * 3 + [False] * 37
            clock.now += RETRY_S + 1  # Redis tried again once, still away: no new line
            assert await hits(limiter, "ip:8", 5) == [True] * 3 + [False] * 2
        assert len(caplog.records) == 1
        assert caplog.records[0].getMessage().startswith("Redis unreachable for rate limits")
        if outage == "stopped":
            own.start()
        else:
            own.thaw()
        # Back: the next try after RETRY_S goes to Redis again. A loaded machine can make the fresh server's first
        # answer outlast TIMEOUT_S; the limiter then waits RETRY_S more, as a worker would, so allow a few tries.
        with caplog.at_level(logging.WARNING, logger="mps.lib.ratelimit"):
            for attempt in range(5):
                clock.now += RETRY_S + 1
                assert await limiter.hit("test", f"ip:7.{attempt}", 3, 60)
                if not limiter.redis_away:
                    break
        assert not limiter.redis_away
        assert caplog.records[-1].getMessage() == "Redis reachable again for rate limits"


async def test_retry_after_says_when_the_window_starts_again(prefix):
    for limiter in (RateLimiter("s"), RateLimiter("s", REDIS_URL, prefix)):
        await hits(limiter, "token:1", 4, limit=3, window_s=60)
        assert 1 <= await limiter.retry_after("test", "token:1", 3, 60) <= 60
