"""aes128gcm encryption of pushes (RFC 8291, by the `webpush` library), on every core for a large pass.

Each push costs one P-256 key pair, one ECDH and three HKDF (~130 µs of CPU): in the event loop it takes the
time the HTTP sends need. A pass of more than POOL_FROM pushes is encrypted in a process pool (one worker per
core), in slices of SLICE, while the event loop sends the slices already done: encryption and sending overlap
and use both cores. Smaller passes (and every test that does not ask for the pool) encrypt in the loop: no
process to start for a handful of reminders.

The pool is one per process and per VAPID key (made on first use, kept for the next passes, shut down by
close_pools()); its workers are started by a fork server, never forked from a process that runs threads.
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import AsyncIterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from webpush import WebPush
from webpush.types import WebPushKeys, WebPushSubscription

log = logging.getLogger("mps.reminders")
POOL_FROM = 128  # pushes in one call: fewer are encrypted in the event loop
SLICE = 32  # pushes per task sent to a worker: sending starts after the first slice, pickling stays small

Item = tuple[bytes, str, str]  # (plaintext, p256dh, auth) of one push
Result = bytes | ValueError  # the body, or why the subscription's keys could not be used

_worker_webpush: WebPush | None = None  # in a pool worker
_pools: dict[tuple[bytes, int], ProcessPoolExecutor] = {}


def make_webpush(private_pem: bytes, public_pem: bytes) -> WebPush:
    # ttl/subscriber only because the constructor wants them: only _encrypt is used (see sender.py).
    return WebPush(private_key=private_pem, public_key=public_pem, subscriber=None, ttl=0)


def encrypt_one(webpush: WebPush, plaintext: bytes, p256dh: str, auth: str) -> bytes:
    # Built without pydantic's validation (a tenth of the cost): the endpoint was checked when the device
    # subscribed, and keys that are not base64 nor a P-256 point raise ValueError in _encrypt all the same.
    subscription = WebPushSubscription.model_construct(
        endpoint="https://push.invalid/", keys=WebPushKeys.model_construct(p256dh=p256dh, auth=auth))
    return webpush._encrypt(plaintext, subscription)


def encrypt_slice(webpush: WebPush, items: Sequence[Item]) -> list[Result]:
    out: list[Result] = []
    for plaintext, p256dh, auth in items:
        try:
            out.append(encrypt_one(webpush, plaintext, p256dh, auth))
        except ValueError as exc:  # keys the browser gave that are not a P-256 point, not base64
            out.append(ValueError(type(exc).__name__))
    return out


def _start_worker(private_pem: bytes, public_pem: bytes) -> None:
    global _worker_webpush
    _worker_webpush = make_webpush(private_pem, public_pem)


def _worker_slice(items: Sequence[Item]) -> list[Result]:
    return encrypt_slice(_worker_webpush, items)


def _pool(private_pem: bytes, public_pem: bytes, workers: int) -> ProcessPoolExecutor:
    key = (public_pem, workers)
    if key not in _pools:
        _pools[key] = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"),
                                          initializer=_start_worker, initargs=(private_pem, public_pem))
    return _pools[key]


def close_pools() -> None:
    while _pools:
        _pools.popitem()[1].shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


async def encrypt_many(webpush: WebPush, private_pem: bytes, public_pem: bytes, items: Sequence[Item],
                       workers: int, pool_from: int = POOL_FROM) -> AsyncIterator[list[tuple[int, Result]]]:
    """(index, result) of every item, yielded a slice at a time as slices are done (not in order)."""
    if len(items) < pool_from or workers < 1:
        yield list(enumerate(encrypt_slice(webpush, items)))
        return
    loop = asyncio.get_running_loop()
    pool = _pool(private_pem, public_pem, workers)

    async def one(start: int) -> list[tuple[int, Result]]:
        part = items[start:start + SLICE]
        try:
            done = await loop.run_in_executor(pool, _worker_slice, part)
        except BrokenProcessPool:  # a worker killed (out of memory): this pass goes on in the loop
            log.error("reminders: encryption pool broken, encrypting in the event loop")
            _pools.pop((public_pem, workers), None)
            done = encrypt_slice(webpush, part)
        return list(enumerate(done, start))

    for finished in asyncio.as_completed([one(start) for start in range(0, len(items), SLICE)]):
        yield await finished
