"""Partner API rate limits: 100 calls a minute per token, and refused tokens per client address (a guesser gets
429 for any token once past the limit, a valid one too), then 429 with Retry-After, counted in this worker's
memory without Redis and in the real Redis when REDIS_URL is set (shared by every worker)."""
from __future__ import annotations

import dataclasses
import re
import uuid
from contextlib import contextmanager

import pytest
import redis

from tests.integration.accounts.fixtures import make_site, site_settings
from tests.integration.stages.partner_helpers import API, drop_organisation, make_partner
from tests.peer import peer

REDIS_URL = "redis://127.0.0.1:6379/0"
GUESSES_REDIS_URL = "redis://127.0.0.1:6379/5"


def exhaust(client, partner, other) -> None:
    """100 calls pass, the 101st is refused with a Retry-After within the minute; another token still passes."""
    answers = [client.get(API, headers=partner.headers).status_code for _ in range(100)]
    assert answers == [200] * 100
    refused = client.get(API, headers=partner.headers)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "100 appels" in refused.json()["detail"] and "réessayez dans" in refused.json()["detail"]  # « vous »
    assert client.post(API, json={}, headers=partner.headers).status_code == 429  # writes count too
    assert client.get(API, headers=other.headers).status_code == 200


def test_100_calls_a_minute_per_token_in_memory(site):
    partner, other = make_partner(site), make_partner(site, name="Autre plateforme")
    try:
        exhaust(site, partner, other)
    finally:
        drop_organisation(site, partner.org_id)
        drop_organisation(site, other.org_id)


@contextmanager
def site_counting_in(catalogue_db, smtp, tmp_path, redis_url: str | None, **limits):
    """A site of its own; with `redis_url`, its limits counted there under a fresh prefix, removed after."""
    prefix = f"mps:test:{uuid.uuid4().hex[:8]}"
    settings = dataclasses.replace(site_settings(catalogue_db, tmp_path, smtp.port, key_prefix=prefix, **limits),
                                   redis_url=redis_url)
    try:
        with make_site(settings) as client:
            client.smtp = smtp
            yield client, prefix
    finally:
        if redis_url:
            r = redis.Redis.from_url(redis_url)
            keys = list(r.scan_iter(f"{prefix}*"))
            if keys:
                r.delete(*keys)


@pytest.fixture
def redis_site(catalogue_db, smtp, tmp_path):
    with site_counting_in(catalogue_db, smtp, tmp_path, REDIS_URL) as site_and_prefix:
        yield site_and_prefix


def test_100_calls_a_minute_per_token_in_redis(redis_site):
    client, prefix = redis_site
    partner, other = make_partner(client), make_partner(client, name="Autre plateforme")
    try:
        exhaust(client, partner, other)
        keys = list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{prefix}*partner-token*"))
        assert len(keys) == 2  # one window per token, counted in Redis
        assert not any(partner.token.encode() in k for k in keys)  # keyed hashes only
    finally:
        drop_organisation(client, partner.org_id)
        drop_organisation(client, other.org_id)


ATTACKER, PARTNER_HOST = "203.0.113.66", "198.51.100.20"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def guesses_are_refused(client, partner) -> None:
    """3 refused tokens from one address, then 429 whatever is sent from there (the valid token too: no answer
    tells whether a token exists); the partner's own address still passes."""
    wrong_secret = partner.token[:-4] + ("AAAA" if not partner.token.endswith("AAAA") else "BBBB")
    guesses = [wrong_secret, "mpsp_00000000_" + "A" * 43, "pas-un-jeton"]
    with peer(client, ATTACKER):
        answers = [client.get(API, headers=bearer(t)) for t in guesses]
        assert [a.status_code for a in answers] == [401] * 3
        assert len({a.json()["detail"] for a in answers}) == 1  # one refusal for every kind of wrong token
        refused = [client.get(API, headers=bearer(t)) for t in (guesses[1], partner.token, guesses[0])]
        refused.append(client.post(API, json={}, headers=partner.headers))
    assert [r.status_code for r in refused] == [429] * 4
    assert all(1 <= int(r.headers["retry-after"]) <= 600 for r in refused)
    assert len({re.sub(r"\d+", "N", r.json()["detail"]) for r in refused}) == 1
    assert "adresse" in refused[0].json()["detail"]
    with peer(client, PARTNER_HOST):
        assert client.get(API, headers=partner.headers).status_code == 200


@pytest.mark.parametrize("counted_in", ["memory", "redis"])
def test_refused_tokens_are_limited_per_address(counted_in, catalogue_db, smtp, tmp_path):
    url = GUESSES_REDIS_URL if counted_in == "redis" else None
    with site_counting_in(catalogue_db, smtp, tmp_path, url, partner_token_failures=(3, 600)) as (client, prefix):
        partner = make_partner(client)
        try:
            guesses_are_refused(client, partner)
            if url:
                keys = list(redis.Redis.from_url(url).scan_iter(f"{prefix}*partner-refused*"))
                assert len(keys) == 2 and not any(ATTACKER.encode() in k for k in keys)  # an address each, hashed
        finally:
            drop_organisation(client, partner.org_id)
