"""The one pass every request crosses (mps.web.edge): a refused request is logged and counted with its status,
and the read-only catalogue API passes the session middleware without Litestar's per-request warning."""
from __future__ import annotations

import logging
import warnings

import pytest
from litestar.testing import TestClient

from mps.asgi import create_app
from tests.conftest import settings_for
from tests.peer import peer


@pytest.fixture(scope="module")
def client(catalogue_db, tmp_path_factory):
    with TestClient(app=create_app(settings_for(catalogue_db, tmp_path_factory.mktemp("edge"))),
                    base_url="http://127.0.0.1:8000") as c:
        yield c


def test_a_hostile_query_is_logged_and_counted_with_its_400(client, caplog):
    with caplog.at_level(logging.INFO, logger="mps.access"):
        r = client.get("/api/v1/formations", params={"q": "bts\x00compta"})
    assert r.status_code == 400
    line = [rec for rec in caplog.records if rec.name == "mps.access"][-1]
    assert line.http == {**line.http, "route": "/api/v1/formations", "status": 400}
    with peer(client, "127.0.0.1"):
        body = client.get("/metrics").text
    assert 'mps_requests_total{app_name="mps",method="GET",path="/api/v1/formations",status_code="400"}' in body
    assert "mps_requests_in_progress" in body and 'path="/metrics"' not in body


def test_every_answer_carries_a_request_id_and_the_security_headers(client):
    made = set()
    for path in ("/api/v1/formations?q=bts", "/api/v1/formations?q=a%00b", "/nowhere-at-all", "/api/v1/formations?q=but"):
        r = client.get(path)
        assert r.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff", path
        if r.status_code == 200:
            rid = r.headers["x-request-id"]
            assert len(rid) == 32 and rid == rid.lower() and int(rid, 16) >= 0  # 128 random bits in hex
            made.add(rid)
    assert len(made) == 2


def test_the_catalogue_api_skips_the_session_without_a_deprecation_warning(client):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert client.get("/api/v1/formations?q=bts+compta").status_code == 200
        assert client.get("/api/v1/formations/nope-nope").status_code == 404


def test_each_request_is_counted_once_with_its_duration(client):
    from prometheus_client import REGISTRY
    labels = {"method": "GET", "path": "/api/v1/formations", "status_code": "200", "app_name": "mps"}

    def values():
        read = lambda name, **more: REGISTRY.get_sample_value(name, {**labels, **more}) or 0.0  # noqa: E731
        return (read("mps_requests_total"), read("mps_request_duration_seconds_count"),
                read("mps_request_duration_seconds_bucket", le="+Inf"), read("mps_request_duration_seconds_sum"),
                read("mps_request_duration_seconds_bucket", le="10.0"), read("mps_requests_in_progress"))

    before = values()
    for q in ("bts", "licence droit", "but info"):
        assert client.get("/api/v1/formations", params={"q": q}).status_code == 200
    after = values()
    assert [a - b for a, b in zip(after[:3], before[:3])] == [3, 3, 3]
    assert after[3] > before[3] and after[4] - before[4] == 3  # each well under 10 s: in that bucket too
    assert after[5] == before[5] == 0  # none in progress once answered
