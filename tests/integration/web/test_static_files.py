"""The built front end as browsers get it: hashed files kept a year, the right content types, nothing
outside frontend/dist/static, and the service worker and manifest always revalidated."""
from __future__ import annotations

import json

import pytest

from tests.conftest import ROOT

MANIFEST = json.loads((ROOT / "frontend" / "dist" / "asset-manifest.json").read_text(encoding="utf-8"))


def _first(suffix: str) -> str:
    return next(url for url in MANIFEST.values() if url.endswith(suffix))


@pytest.mark.parametrize("suffix, media_type", [(".css", "text/css"), (".js", "text/javascript"),
                                                (".woff2", "font/woff2"), (".svg", "image/svg+xml"),
                                                (".png", "image/png")])
def test_hashed_files_are_served_with_their_type_and_kept_a_year(app_client, suffix, media_type):
    url = _first(suffix)
    r = app_client.get(url)
    assert r.status_code == 200 and r.content
    assert r.headers["content-type"].split(";")[0] == media_type
    cache = {part.strip() for part in r.headers["cache-control"].split(",")}
    assert {"public", "max-age=31536000", "immutable"} <= cache
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "attachment" not in r.headers.get("content-disposition", "")


@pytest.mark.parametrize("path", ["/static/../asset-manifest.json", "/static/%2e%2e/asset-manifest.json",
                                  "/static/..%2fsw.js", "/static/css/%2e%2e/%2e%2e/sw.js", "/static/nothing-here.css",
                                  "/static/css/", "/static//etc/passwd"])
def test_nothing_outside_the_static_folder_is_served(app_client, path):
    r = app_client.get(path)
    assert r.status_code == 404
    for secret in ("asset-manifest.json", "sw.js"):  # files of dist/, outside dist/static
        assert (ROOT / "frontend" / "dist" / secret).read_bytes()[:200] not in r.content


def test_the_service_worker_and_manifest_are_revalidated_every_time(app_client):
    sw = app_client.get("/sw.js")
    assert sw.status_code == 200 and sw.headers["cache-control"] == "no-cache"
    assert sw.headers["service-worker-allowed"] == "/" and sw.headers["content-type"].startswith("text/javascript")
    manifest = app_client.get("/manifest.webmanifest")
    assert manifest.status_code == 200 and manifest.headers["cache-control"] == "no-cache"
    assert manifest.headers["content-type"].startswith("application/manifest+json")
