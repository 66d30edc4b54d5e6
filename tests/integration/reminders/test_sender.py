"""The Web Push sender against a local push service that decrypts (RFC 8291) and checks VAPID (RFC 8292)."""
from __future__ import annotations

import json

import aiohttp
import pytest

from mps.domain.reminders.sender import (MAX_PLAINTEXT, PushOptions, PushSender, RetryPolicy, Target, deliver,
                                         parse_retry_after, push_session, topic_for)
from mps.lib.errors import UserFacingError


def target(device) -> Target:
    return Target(device.endpoint, device.p256dh, device.auth_b64)


@pytest.fixture
async def client():
    async with push_session(aiohttp.ClientTimeout(total=0.5)) as c:
        yield c


async def test_message_decrypts_with_vapid_ttl_urgency_topic(push_service, vapid_keys, client):
    device = push_service.device()
    sender = PushSender(vapid_keys, "mailto:contact@monprojetsup.fr", client)
    doc = {"title": "Vœux Parcoursup", "body": "Plus que 3 jours pour formuler tes vœux.", "url": "/calendrier"}
    attempt = await sender.send(target(device), json.dumps(doc).encode(),
                                PushOptions(ttl=3600, urgency="high", topic=topic_for("parcoursup-voeux")))
    assert attempt.outcome == "sent" and attempt.http_status == 201, push_service.errors
    [got] = device.received
    assert got.doc == doc
    assert got.headers["ttl"] == "3600" and got.headers["urgency"] == "high"
    assert got.headers["topic"] == topic_for("parcoursup-voeux") and len(got.headers["topic"]) == 32
    assert got.headers["content-encoding"] == "aes128gcm"
    assert got.claims["sub"] == "mailto:contact@monprojetsup.fr"
    assert got.claims["aud"] == f"http://127.0.0.1:{push_service.port}"


async def test_options_are_per_call_never_inherited(push_service, vapid_keys, client):
    """webpush's get() keeps options as instance defaults and ignores ttl=0: ours never leak between calls."""
    device = push_service.device()
    sender = PushSender(vapid_keys, "mailto:contact@monprojetsup.fr", client)
    await sender.send(target(device), b'{"n":1}', PushOptions(ttl=86400, urgency="high", topic="abc"))
    await sender.send(target(device), b'{"n":2}', PushOptions(ttl=0))
    first, second = device.received
    assert first.headers["ttl"] == "86400"
    assert second.headers["ttl"] == "0" and second.headers["urgency"] == "normal" and "topic" not in second.headers


async def test_https_subject_is_kept(push_service, vapid_keys, client):
    device = push_service.device()
    sender = PushSender(vapid_keys, "https://monprojetsup.example.fr", client)
    assert (await sender.send(target(device), b"{}", PushOptions(ttl=60))).outcome == "sent"
    assert device.received[0].claims["sub"] == "https://monprojetsup.example.fr"


@pytest.mark.parametrize("subject", ["mailto:admin@localhost", "contact@monprojetsup.fr", "https://localhost",
                                     "mailto:", "http://monprojetsup.fr"])
def test_subject_must_be_real(vapid_keys, subject):
    with pytest.raises(UserFacingError):
        PushSender(vapid_keys, subject, None)


async def test_plaintext_over_3_kb_is_not_sent(push_service, vapid_keys, client):
    device = push_service.device()
    sender = PushSender(vapid_keys, "mailto:contact@monprojetsup.fr", client)
    attempt = await sender.send(target(device), b"x" * (MAX_PLAINTEXT + 1), PushOptions(ttl=60))
    assert attempt.outcome == "too_large" and device.hits == 0
    assert (await sender.send(target(device), b"x" * MAX_PLAINTEXT, PushOptions(ttl=60))).outcome == "sent"


@pytest.mark.parametrize("status,outcome", [(404, "gone"), (410, "gone"), (413, "too_large"), (400, "refused"),
                                            (403, "refused"), (500, "server_error"), (429, "rate_limited")])
async def test_statuses_are_classified(push_service, vapid_keys, client, status, outcome):
    device = push_service.device()
    device.answers([(status, {})])
    attempt = await PushSender(vapid_keys, "mailto:a@monprojetsup.fr", client).send(
        target(device), b"{}", PushOptions(ttl=60))
    assert (attempt.outcome, attempt.http_status) == (outcome, status)


async def test_500_and_timeouts_are_retried_with_backoff(push_service, vapid_keys, client):
    device = push_service.device()
    device.answers([(500, {}), (201, {}, 2.0), (201, {})])  # an error, then no answer within the timeout
    pauses = []

    async def sleep(seconds):
        pauses.append(seconds)

    result = await deliver(PushSender(vapid_keys, "mailto:a@monprojetsup.fr", client), target(device), b'{"a":1}',
                           PushOptions(ttl=60), RetryPolicy(attempts=3, backoff=0.25), sleep=sleep)
    assert [a.outcome for a in result.attempts] == ["server_error", "timeout", "sent"]
    assert pauses == [0.25, 0.5]
    assert device.received[-1].doc == {"a": 1}


async def test_429_waits_for_retry_after(push_service, vapid_keys, client):
    device = push_service.device()
    device.answers([(429, {"Retry-After": "7"})])
    pauses = []

    async def sleep(seconds):
        pauses.append(seconds)

    result = await deliver(PushSender(vapid_keys, "mailto:a@monprojetsup.fr", client), target(device), b"{}",
                           PushOptions(ttl=60), RetryPolicy(attempts=3, backoff=0.1), sleep=sleep)
    assert [a.outcome for a in result.attempts] == ["rate_limited", "sent"] and pauses == [7.0]


async def test_long_retry_after_defers_instead_of_sleeping(push_service, vapid_keys, client):
    device = push_service.device()
    device.answers([(429, {"Retry-After": "3600"})])
    result = await deliver(PushSender(vapid_keys, "mailto:a@monprojetsup.fr", client), target(device), b"{}",
                           PushOptions(ttl=60), RetryPolicy(max_inline_wait=30))
    assert result.last.outcome == "rate_limited" and result.defer_for == 3600 and device.hits == 1


def test_retry_after_http_date():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("120") == 120.0 and parse_retry_after("soon") is None


async def test_unreadable_subscription_keys_are_refused_not_raised(vapid_keys, client):
    attempt = await PushSender(vapid_keys, "mailto:a@monprojetsup.fr", client).send(
        Target("https://push.example.net/x", "bm90IGEga2V5", "AAAAAAAAAAAAAAAAAAAAAA"), b"{}", PushOptions(ttl=60))
    assert attempt.outcome == "refused"
