"""The board search's short lane for an anonymous visitor (mps.domain.stages.web.search_lane), both databases: the
same answers as the route handler, headers (security headers, request id, gzip) included; a bad value, a cookie
or another method takes the full path."""
from __future__ import annotations

from mps.domain.stages.web import search_lane as lane
from tests.integration.stages.helpers import LILLE
from tests.integration.stages.test_api import offers  # noqa: F401 (fixture)

NEAR = f"{LILLE[0]},{LILLE[1]}"
QUERIES = [{"near": NEAR, "radius_km": "40"}, {"near": NEAR, "radius_km": "40", "secteur": "s25"},
           {"near": NEAR, "radius_km": "60", "niveau": "seconde", "periode": "semaine-1"},
           {"near": NEAR, "q": "mairie", "radius_km": "40"}, {"near": NEAR, "page": "2"},
           {"near": NEAR, "radius_km": "1000"}, {"near": "abc"}, {}, {"near": NEAR, "page": "0"}]


def _answers(client, headers: dict) -> list:
    out = []
    for params in QUERIES:
        client.cookies.clear()
        r = client.get("/api/v1/stages", params=params, headers=headers)
        kept = sorted((k, v) for k, v in r.headers.multi_items() if k != "x-request-id")
        out.append((r.status_code, kept, r.content, len(r.headers.get("x-request-id", ""))))  # (content: gunzipped)
    return out


def _taken(monkeypatch) -> list[bytes]:
    taken, real = [], lane.search_answer

    async def counted(app, query_string):
        body = await real(app, query_string)
        taken.append(query_string)
        return body
    monkeypatch.setattr(lane, "search_answer", counted)
    return taken


def test_the_lane_answers_what_the_handler_answers(site, offers, monkeypatch):  # noqa: F811
    taken = _taken(monkeypatch)
    for headers in ({}, {"accept-encoding": "gzip, br"}):
        taken.clear()
        by_lane = _answers(site, headers)
        assert len(taken) == 5  # the last four are bad values: the full path answers them
        monkeypatch.setattr(lane, "PATH", "/nowhere")  # the full path only
        by_handler = _answers(site, headers)
        monkeypatch.setattr(lane, "PATH", "/api/v1/stages")
        assert len(taken) == 5
        assert by_lane == by_handler
        assert [a[0] for a in by_lane] == [200] * 5 + [400] * 4
        # Not an empty page: this module's offers at least (other modules' offers may share the database).
        assert by_lane[0][2].count(b'"id"') >= 2 and by_lane[3][2].count(b'"id"') >= 1
        assert all(a[3] == 32 for a in by_lane)  # the edge's request id
        assert all(("x-frame-options", "DENY") in a[1] and ("content-type", "application/json") in a[1]
                   for a in by_lane[:5])
    assert ("content-encoding", "gzip") in by_lane[0][1] and ("vary", "Accept-Encoding") in by_lane[0][1]


def test_a_cookie_another_method_or_path_takes_the_full_path(site, offers, monkeypatch):  # noqa: F811
    taken = _taken(monkeypatch)
    site.cookies.clear()
    site.cookies.set("mps_anon", "anything")
    assert site.get("/api/v1/stages", params={"near": NEAR}).status_code == 200
    site.cookies.clear()
    assert site.get(f"/api/v1/stages/{offers[0]}").status_code == 200
    assert site.post("/api/v1/stages", json={}).status_code in (403, 405)
    assert taken == []
    assert site.get("/api/v1/stages", params={"near": NEAR}).status_code == 200 and len(taken) == 1
