"""One small Web Push sender: `webpush` encrypts (aes128gcm, RFC 8291), we sign VAPID and aiohttp sends.

It wraps the library's pitfalls: its `get()` keeps the options it is given as the instance's new defaults,
treats ttl=0 as "keep the previous one" and defaults to TTL 0 (a phone offline at that moment never gets the
reminder), sets no Urgency nor Topic, does not check size, forces a mailto: `sub` and signs a JWT whose `aud`
drops the push service's port. So we take only its encryption and set everything else on every call: an
explicit TTL, Urgency, Topic (a Topic replaces an older reminder still queued for the device), plaintext
≤ 3 KB, and a VAPID JWT (RFC 8292) with the origin as `aud` and a mailto: or https: `sub`, kept per push
service for an hour (one ES256 signature per service and hour instead of one per message; RFC 8292 lets a
token be reused until it expires). A large pass is encrypted on every core (encryption.py) while this process
sends.

Sending goes through one aiohttp session (`push_session()`): its connector keeps a pool of keep-alive
connections per push service origin (host, port, TLS), bounded per origin and in all. httpx was measured
sending fewer pushes per second the more were in flight (docs/benchmarks.md, issue 12); aiohttp holds its
rate at 64 in flight.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import aiohttp
import jwt
from webpush import WebPush

from mps.db.types import as_utc
from mps.domain.reminders import encryption
from mps.domain.reminders.keys import VapidKeys, check_subject
from mps.domain.reminders.public_net import PublicOnlyResolver
from mps.lib.text import digits_only

MAX_PLAINTEXT = 3 * 1024  # RFC 8291 allows ~4 KB in one record; some push services refuse less
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
URGENCIES = ("very-low", "low", "normal", "high")
JWT_LIFETIME = 12 * 3600  # RFC 8292: at most 24 h
JWT_REUSE = 3600  # a token is reused for an hour, so it always has 11 h left
PER_ORIGIN = 64  # keep-alive connections to one push service (FCM, Mozilla, Apple, ...)
MAX_CONNECTIONS = 256
TIMEOUT = aiohttp.ClientTimeout(total=10.0, connect=5.0)  # a stuck push service must not hold a pass


def push_session(timeout: aiohttp.ClientTimeout = TIMEOUT, per_origin: int = PER_ORIGIN,
                 allow_local: bool = False) -> aiohttp.ClientSession:
    """The HTTP session pushes go through (create it inside the event loop that uses it; close() after).

    Its connector pools keep-alive connections per origin: at most `per_origin` requests in flight to one push
    service (the others wait for a connection), MAX_CONNECTIONS in all. Host names resolving outside the public
    internet are refused unless `allow_local` (development, tests: public_net.py)."""
    connector = aiohttp.TCPConnector(limit=MAX_CONNECTIONS, limit_per_host=per_origin, keepalive_timeout=60,
                                     ttl_dns_cache=300, resolver=None if allow_local else PublicOnlyResolver())
    # No cookie jar (push services set none worth keeping); no auto-decompression: answers have no body we read.
    return aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar(),
                                 auto_decompress=False)


class PayloadTooLarge(ValueError):
    pass


@dataclass(frozen=True)
class Target:
    """Where a push goes: the subscription the browser gave (PushSubscription.toJSON())."""
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True)
class PushOptions:
    ttl: int  # seconds the push service keeps the message for a device that is offline
    urgency: str = "normal"
    topic: str | None = None  # replaces an older message with the same topic still queued

    def __post_init__(self):
        if self.ttl < 0 or self.urgency not in URGENCIES:
            raise ValueError(f"bad push options {self}")
        if self.topic is not None and not (0 < len(self.topic) <= 32 and _is_base64url(self.topic)):
            raise ValueError("a Topic is 1 to 32 characters of the base64url alphabet (RFC 8030)")


def topic_for(key: str) -> str:
    """A Topic header value for a reminder key: 32 base64url characters, the same for every occurrence."""
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode()).digest()).decode()[:32]


def _is_base64url(text: str) -> bool:
    return _BASE64URL.fullmatch(text) is not None


@dataclass(frozen=True)
class Attempt:
    """What one POST to the push service gave."""
    outcome: str  # sent | gone | too_large | rate_limited | server_error | timeout | network | refused
    http_status: int | None = None
    retry_after: float | None = None  # seconds, from a 429 or 503
    detail: str = ""

    @property
    def retryable(self) -> bool:
        return self.outcome in ("rate_limited", "server_error", "timeout", "network")


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if digits_only(value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    when = as_utc(when)  # an HTTP date without zone is GMT
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def classify(status: int, headers) -> Attempt:
    if status in (200, 201, 202):
        return Attempt("sent", status)
    if status in (404, 410):
        return Attempt("gone", status, detail="abonnement expiré ou désinscrit")
    if status == 413:
        return Attempt("too_large", status, detail="message trop gros pour le service de notification")
    if status == 429:
        return Attempt("rate_limited", status, parse_retry_after(headers.get("retry-after")))
    if status >= 500:
        return Attempt("server_error", status, parse_retry_after(headers.get("retry-after")))
    return Attempt("refused", status, detail=f"refusé ({status})")


@dataclass
class PushSender:
    keys: VapidKeys
    subject: str  # mailto: or https:, checked
    client: aiohttp.ClientSession  # push_session()
    workers: int = field(default_factory=encryption.default_workers)  # encryption processes for a large pass
    pool_from: int = encryption.POOL_FROM  # pushes in one encrypt_many(): fewer are encrypted in this process
    clock: Callable[[], float] = time.time  # for the VAPID token's expiry
    _webpush: WebPush = field(init=False, repr=False)
    _jwt_cache: dict = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self):
        check_subject(self.subject)
        self._webpush = encryption.make_webpush(self.keys.private_pem, self.keys.public_pem)

    def _authorization(self, endpoint: str) -> str:
        """One signed token per audience, reused while it has more than JWT_LIFETIME - JWT_REUSE left."""
        audience = "/".join(endpoint.split("/", 3)[:3])  # the origin, port included (RFC 8292)
        now = self.clock()
        cached = self._jwt_cache.get(audience)
        if cached is None or cached[0] - now < JWT_LIFETIME - JWT_REUSE:
            token = jwt.encode({"aud": audience, "exp": int(now) + JWT_LIFETIME, "sub": self.subject},
                               key=self.keys.private_pem, algorithm="ES256")
            cached = (now + JWT_LIFETIME, f"vapid t={token}, k={self.keys.application_server_key}")
            self._jwt_cache[audience] = cached
        return cached[1]

    def headers(self, target: Target, options: PushOptions) -> dict[str, str]:
        headers = {
            "TTL": str(options.ttl),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "Authorization": self._authorization(target.endpoint),
            "Urgency": options.urgency,
        }
        if options.topic:
            headers["Topic"] = options.topic
        return headers

    def build(self, target: Target, plaintext: bytes, options: PushOptions) -> tuple[bytes, dict[str, str]]:
        """The encrypted body and the headers of one push (no I/O)."""
        if len(plaintext) > MAX_PLAINTEXT:
            raise PayloadTooLarge(f"{len(plaintext)} octets > {MAX_PLAINTEXT}")
        body = encryption.encrypt_one(self._webpush, plaintext, target.p256dh, target.auth)
        return body, self.headers(target, options)

    async def encrypt_many(self, items: Sequence[tuple[Target, bytes]]
                           ) -> AsyncIterator[list[tuple[int, bytes | Attempt]]]:
        """The bodies of many pushes, a slice at a time as they are done (on every core for a large pass):
        (index in items, body), or (index, the Attempt that says why it cannot be sent)."""
        refused: list[tuple[int, bytes | Attempt]] = []
        indexes, work = [], []
        for index, (target, plaintext) in enumerate(items):
            if len(plaintext) > MAX_PLAINTEXT:
                refused.append((index, Attempt("too_large", None, detail=f"{len(plaintext)} octets > {MAX_PLAINTEXT}")))
            else:
                indexes.append(index)
                work.append((plaintext, target.p256dh, target.auth))
        if refused:
            yield refused
        async for done in encryption.encrypt_many(self._webpush, self.keys.private_pem, self.keys.public_pem,
                                                  work, self.workers, self.pool_from):
            yield [(indexes[i], _unreadable(r) if isinstance(r, ValueError) else r) for i, r in done]

    async def send(self, target: Target, plaintext: bytes, options: PushOptions, body: bytes | None = None) -> Attempt:
        """One POST (of `body` when it was encrypted already); never raises for what the push service or the
        network does."""
        try:
            if body is None:
                body, headers = self.build(target, plaintext, options)
            else:
                headers = self.headers(target, options)
        except PayloadTooLarge as exc:
            return Attempt("too_large", None, detail=str(exc))
        except ValueError as exc:  # keys the browser gave that are not a P-256 point, a bad endpoint
            return _unreadable(exc)
        try:
            # Never redirected: a push service does not redirect, and a redirect could lead to our own network.
            async with self.client.post(target.endpoint, data=body, headers=headers, allow_redirects=False) as response:
                await response.read()  # the connection goes back to the pool only once the body is read
                return classify(response.status, response.headers)
        except asyncio.TimeoutError:
            return Attempt("timeout", None, detail="pas de réponse à temps")
        except (aiohttp.ClientError, OSError) as exc:
            return Attempt("network", None, detail=type(exc).__name__)


def _unreadable(exc: ValueError) -> Attempt:
    name = exc.args[0] if type(exc) is ValueError and exc.args else type(exc).__name__
    return Attempt("refused", None, detail=f"abonnement illisible : {name}")


@dataclass(frozen=True)
class RetryPolicy:
    """Retries within one delivery (5xx, timeouts, 429); a longer wait is left to a later pass."""
    attempts: int = 3
    backoff: float = 1.0  # seconds before the 2nd attempt, doubled after each
    max_inline_wait: float = 30.0  # a Retry-After longer than this defers the delivery instead of sleeping


@dataclass(frozen=True)
class Delivery:
    attempts: list[Attempt]
    defer_for: float | None = None  # seconds: try again in a later pass

    @property
    def last(self) -> Attempt:
        return self.attempts[-1]


async def deliver(sender: PushSender, target: Target, plaintext: bytes, options: PushOptions,
                  policy: RetryPolicy = RetryPolicy(), sleep=asyncio.sleep, body: bytes | None = None) -> Delivery:
    """Send with retries: 5xx and timeouts with exponential backoff, 429 after its Retry-After. Every attempt
    posts the same `body` (encrypted once, here or by encrypt_many())."""
    attempts: list[Attempt] = []
    wait = policy.backoff
    for number in range(1, policy.attempts + 1):
        if body is None:
            try:
                body = sender.build(target, plaintext, options)[0]
            except PayloadTooLarge as exc:
                return Delivery([Attempt("too_large", None, detail=str(exc))])
            except ValueError as exc:
                return Delivery([_unreadable(exc)])
        attempt = await sender.send(target, plaintext, options, body)
        attempts.append(attempt)
        if not attempt.retryable:
            return Delivery(attempts)
        pause = attempt.retry_after if attempt.retry_after is not None else wait
        if pause > policy.max_inline_wait:
            return Delivery(attempts, defer_for=pause)
        if number == policy.attempts:
            return Delivery(attempts, defer_for=max(pause, 60.0))
        await sleep(pause)
        wait *= 2
    raise AssertionError("unreachable")
