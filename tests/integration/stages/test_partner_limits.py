"""Partner API rate limit: 100 calls a minute per token, then 429 with Retry-After, counted in this worker's
memory without Redis and in the real Redis when REDIS_URL is set (shared by every worker)."""
from __future__ import annotations

import dataclasses
import uuid

import pytest
import redis

from tests.integration.accounts.fixtures import make_site, site_settings
from tests.integration.stages.partner_helpers import API, drop_organisation, make_partner

REDIS_URL = "redis://127.0.0.1:6379/0"


def exhaust(client, partner, other) -> None:
    """100 calls pass, the 101st is refused with a Retry-After within the minute; another token still passes."""
    answers = [client.get(API, headers=partner.headers).status_code for _ in range(100)]
    assert answers == [200] * 100
    refused = client.get(API, headers=partner.headers)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "100 appels" in refused.json()["detail"]
    assert client.post(API, json={}, headers=partner.headers).status_code == 429  # writes count too
    assert client.get(API, headers=other.headers).status_code == 200


def test_100_calls_a_minute_per_token_in_memory(site):
    partner, other = make_partner(site), make_partner(site, name="Autre plateforme")
    try:
        exhaust(site, partner, other)
    finally:
        drop_organisation(site, partner.org_id)
        drop_organisation(site, other.org_id)


@pytest.fixture
def redis_site(catalogue_db, smtp, tmp_path):
    prefix = f"mps:test:{uuid.uuid4().hex[:8]}"
    settings = dataclasses.replace(site_settings(catalogue_db, tmp_path, smtp.port, key_prefix=prefix),
                                   redis_url=REDIS_URL)
    with make_site(settings) as client:
        client.smtp = smtp
        yield client, prefix
    r = redis.Redis.from_url(REDIS_URL)
    keys = list(r.scan_iter(f"{prefix}*"))
    if keys:
        r.delete(*keys)


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
