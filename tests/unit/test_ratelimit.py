"""Rate limiter: a key gets `limit` hits per window, in memory or shared through Redis."""
from __future__ import annotations

import uuid

import pytest
import redis.asyncio as redis

from mps.lib.ratelimit import MemoryBackend, RateLimiter, RedisBackend

REDIS_URL = "redis://127.0.0.1:6379/0"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def hits(limiter: RateLimiter, key: str, n: int, limit: int = 3, window_s: int = 60) -> list[bool]:
    return [await limiter.hit(key, limit, window_s) for _ in range(n)]


async def test_memory_allows_up_to_the_limit_then_refuses():
    assert await hits(RateLimiter(MemoryBackend()), "ip:1", 5) == [True, True, True, False, False]


async def test_memory_keys_are_counted_separately():
    limiter = RateLimiter(MemoryBackend())
    await hits(limiter, "ip:1", 3)
    assert await limiter.hit("ip:2", 3, 60)


async def test_memory_window_reopens_after_it_ends():
    clock = FakeClock()
    limiter = RateLimiter(MemoryBackend(clock=clock))
    assert await hits(limiter, "ip:1", 4) == [True, True, True, False]
    clock.now += 59
    assert not await limiter.hit("ip:1", 3, 60)
    clock.now += 1
    assert await limiter.hit("ip:1", 3, 60)


async def test_memory_stays_bounded_under_many_keys():
    clock = FakeClock()
    backend = MemoryBackend(clock=clock, max_keys=100)
    limiter = RateLimiter(backend)
    for i in range(1000):
        await limiter.hit(f"ip:{i}", 3, 60)
    assert len(backend._windows) <= 100


@pytest.fixture
async def redis_prefix():
    prefix = f"mps:test:{uuid.uuid4().hex[:8]}:"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    keys = [k async for k in client.scan_iter(f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


async def test_redis_counts_are_shared_between_workers(redis_prefix):
    worker_a, worker_b = RedisBackend(REDIS_URL, redis_prefix), RedisBackend(REDIS_URL, redis_prefix)
    a, b = RateLimiter(worker_a), RateLimiter(worker_b)
    assert await hits(a, "ip:1", 2) == [True, True]
    assert await hits(b, "ip:1", 2) == [True, False]
    await worker_a.close()
    await worker_b.close()


async def test_redis_window_expires_on_its_own(redis_prefix):
    backend = RedisBackend(REDIS_URL, redis_prefix)
    await RateLimiter(backend).hit("ip:1", 3, 600)
    ttl = await backend.client.ttl(f"{redis_prefix}ip:1")
    assert 0 < ttl <= 600  # never a counter that outlives its window
    await backend.close()


async def test_redis_down_still_limits_in_memory():
    limiter = RateLimiter(RedisBackend("redis://127.0.0.1:1/0"))
    assert await hits(limiter, "ip:1", 4) == [True, True, True, False]
