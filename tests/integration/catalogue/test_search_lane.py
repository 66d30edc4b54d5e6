"""The public search's short lane (mps.domain.catalogue.web): the same answers as the route handler, headers
(security headers, request id, gzip) included; a bad value or another method takes the full path."""
from __future__ import annotations

from mps.domain.catalogue import api, web as lane

QUERIES = [{"q": "bts compta lille"}, {"q": "licence droit", "page": "2"}, {"famille": "BTS", "near": "50.63,3.06"},
           {"q": "but info", "q2": "x"}, {"q": "prepa", "page": "0"}, {"near": "abc"}, {}]


def _answers(client, headers: dict) -> list:
    out = []
    for params in QUERIES:
        api._cache.clear()  # each path makes its own answer
        r = client.get("/api/v1/formations", params=params, headers=headers)
        kept = [(k, v) for k, v in r.headers.multi_items() if k != "x-request-id"]
        out.append((r.status_code, kept, r.content, len(r.headers.get("x-request-id", ""))))  # (content: gunzipped)
    return out


def _lane_answers(monkeypatch) -> list[bytes]:
    taken, real = [], lane.search_answer

    def counted(catalogue, query_string):
        taken.append(query_string)
        return real(catalogue, query_string)
    monkeypatch.setattr(lane, "search_answer", counted)
    return taken


def test_the_lane_answers_what_the_handler_answers(app_client, monkeypatch):
    taken = _lane_answers(monkeypatch)
    for headers in ({}, {"accept-encoding": "gzip, br"}):
        taken.clear()
        by_lane = _answers(app_client, headers)
        assert len(taken) == len(QUERIES)
        monkeypatch.setattr(lane, "PATH", "/nowhere")  # the full path only
        by_handler = _answers(app_client, headers)
        monkeypatch.setattr(lane, "PATH", "/api/v1/formations")
        assert len(taken) == len(QUERIES)
        assert by_lane == by_handler
        statuses = [a[0] for a in by_lane]
        assert statuses == [200, 200, 200, 200, 400, 400, 200]
        assert all(a[3] == 32 for a in by_lane)  # the edge's request id
        assert all(("x-frame-options", "DENY") in a[1] and ("content-type", "application/json") in a[1]
                   for a in by_lane)
    assert ("content-encoding", "gzip") in by_lane[0][1] and ("vary", "Accept-Encoding") in by_lane[0][1]


def test_other_methods_and_paths_take_the_full_path(app_client, monkeypatch):
    taken = _lane_answers(monkeypatch)
    assert app_client.post("/api/v1/formations", json={}).status_code in (403, 405)
    assert app_client.get("/api/v1/formations/nope-nope").status_code == 404
    assert taken == []
