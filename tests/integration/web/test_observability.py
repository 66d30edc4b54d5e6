"""Request ids, access lines without secrets, JSON logs and Prometheus metrics by route template."""
from __future__ import annotations

import dataclasses
import json
import logging

import pytest
from litestar.testing import TestClient

from mps.asgi import create_app
from mps.web.observability import REQUEST_ID, JsonFormatter
from tests.conftest import settings_for
from tests.peer import peer


@pytest.fixture(scope="module")
def client(catalogue_db, tmp_path_factory):
    settings = dataclasses.replace(settings_for(catalogue_db, tmp_path_factory.mktemp("obs")), metrics_token="s3cret-scraper")
    with TestClient(app=create_app(settings), base_url="http://127.0.0.1:8000") as c:
        yield c


def test_every_response_carries_a_request_id_and_a_proxy_s_well_formed_one_is_kept(client):
    made = client.get("/healthz").headers["x-request-id"]
    assert len(made) == 32 and made != client.get("/healthz").headers["x-request-id"]
    assert client.get("/healthz", headers={"x-request-id": "edge-4f1c2a9b"}).headers["x-request-id"] == "edge-4f1c2a9b"
    for forged in ("ab" * 40, "abc\tdefghij", "short"):  # too long, a control character, too short: replaced
        assert client.get("/healthz", headers={"x-request-id": forged}).headers["x-request-id"] != forged


def test_the_access_line_names_the_route_template_never_the_typed_path_or_query(client, caplog):
    with caplog.at_level(logging.INFO, logger="mps.access"):
        r = client.get("/partage/TOKEN-SECRET-123?t=QUERY-SECRET")
    lines = [rec for rec in caplog.records if rec.name == "mps.access"]
    assert lines and lines[-1].http["route"] == "/partage/{token}"
    assert lines[-1].http["status"] == r.status_code and lines[-1].http["duration_ms"] >= 0
    rendered = JsonFormatter().format(lines[-1])
    assert "SECRET" not in rendered and json.loads(rendered)["http"]["method"] == "GET"


def test_json_log_lines_carry_the_request_id_and_hide_exception_text():
    token = REQUEST_ID.set("req-12345678")
    try:
        try:
            raise ValueError("eleve@exemple.fr typed this")
        except ValueError:
            record = logging.getLogger("mps.test").makeRecord(
                "mps.test", logging.ERROR, __file__, 1, "échec de %s", ("l'envoi",), exc_info=__import__("sys").exc_info())
        line = json.loads(JsonFormatter().format(record))
    finally:
        REQUEST_ID.reset(token)
    assert line["request_id"] == "req-12345678" and line["message"] == "échec de l'envoi"
    assert line["level"] == "error" and line["exception"] == "ValueError" and line["time"].endswith("Z")
    assert "exemple.fr" not in json.dumps(line)


def test_metrics_count_requests_by_route_template_for_this_machine_or_the_token(client):
    client.get("/formations/does-not-exist-1")
    client.get("/formations/does-not-exist-2")
    with peer(client, "127.0.0.1"):
        body = client.get("/metrics").text
    assert 'path="/formations/{formation_id}"' in body and "does-not-exist" not in body
    assert "mps_request_duration_seconds_bucket" in body
    assert "mps_job_figures_up 1.0" in body  # the job and push figures were read from the database too
    with peer(client, "127.0.0.1"):  # a visitor relayed by a reverse proxy on this machine, not trusted as such
        for header in ("x-forwarded-for", "forwarded", "x-real-ip"):
            assert client.get("/metrics", headers={header: "203.0.113.7"}).status_code == 404, header
    with peer(client, "203.0.113.7"):
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 404
        assert client.get("/metrics", headers={"authorization": "Bearer s3cret-scraper"}).status_code == 200
