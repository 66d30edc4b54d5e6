"""Front-end build output (frontend/dist/): hashed asset URLs and the routes that serve them.

``frontend/build.mjs`` writes into ``dist_dir``:

* ``static/…`` content-hashed files (CSS, JS, fonts, SVG, PNG),
* ``asset-manifest.json`` mapping logical names to URLs, e.g.
  ``{"css/dsfr.css": "/static/css/dsfr.0123456789.css"}``,
* ``sw.js`` (the service worker) and ``manifest.webmanifest``.

Templates call the Jinja global ``asset("css/dsfr.css")``, backed by :func:`asset_url`.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from litestar import get
from litestar.datastructures import CacheControlHeader
from litestar.exceptions import NotFoundException
from litestar.response import File
from litestar.static_files import create_static_files_router

__all__ = [
    "AssetManifestError",
    "UnknownAssetError",
    "asset_routes",
    "asset_url",
    "load_asset_manifest",
]

BUILD_HINT = "build the front end first: cd frontend && npm ci && npm run build"

# Names under /static/ carry a content hash: a browser keeps them for a year without asking again.
IMMUTABLE = CacheControlHeader(public=True, max_age=31536000, immutable=True)


class AssetManifestError(RuntimeError):
    """dist/asset-manifest.json is missing or malformed."""


class UnknownAssetError(LookupError):
    """A template asked for an asset the build did not produce."""


def load_asset_manifest(dist_dir: Path) -> dict[str, str]:
    """Read ``dist_dir/asset-manifest.json``: logical name -> URL under /static/."""
    path = Path(dist_dir) / "asset-manifest.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise AssetManifestError(f"{path} not found: {BUILD_HINT}") from exc
    except (OSError, ValueError) as exc:
        raise AssetManifestError(f"{path} is unreadable ({exc}): {BUILD_HINT}") from exc
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise AssetManifestError(f"{path} must be a JSON object of strings: {BUILD_HINT}")
    return data


def asset_url(manifest: Mapping[str, str], name: str) -> str:
    """The hashed URL of a logical asset name, e.g. ``css/dsfr.css`` -> ``/static/css/dsfr.<hash>.css``."""
    try:
        return manifest[name]
    except KeyError:
        known = ", ".join(sorted(k for k in manifest if "/" in k and not k.startswith("dsfr/"))[:12])
        raise UnknownAssetError(
            f"unknown asset {name!r}: not in asset-manifest.json (known: {known}…). "
            f"Add the file under frontend/static/ and rebuild ({BUILD_HINT})."
        ) from None


def asset_routes(dist_dir: Path) -> list:
    """Route handlers for the built front end (left out of the OpenAPI schema).

    * ``/static/{path}``: files of dist/static (Litestar's static files router),
      ``Cache-Control: public, max-age=31536000, immutable`` (names carry a content hash); 404 for
      anything outside dist/static.
    * ``GET /sw.js``: the service worker, ``Cache-Control: no-cache``, ``Service-Worker-Allowed: /``.
    * ``GET /manifest.webmanifest``: ``application/manifest+json``.
    """
    dist_root = Path(dist_dir).resolve()
    static_root = dist_root / "static"

    # Litestar's static files router: content types, HEAD, ranges, and no path outside dist/static.
    static_files = create_static_files_router(path="/static", directories=[static_root], cache_control=IMMUTABLE,
                                              name="mps-static", include_in_schema=False,
                                              opt={"skip_session": True})  # who is signed in never matters here

    @get("/sw.js", include_in_schema=False, sync_to_thread=False, name="mps-service-worker")
    def service_worker() -> File:
        target = dist_root / "sw.js"
        if not target.is_file():
            raise NotFoundException()
        return File(
            target,
            filename="sw.js",
            media_type="text/javascript",
            content_disposition_type="inline",
            headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/", "X-Content-Type-Options": "nosniff"},
        )

    @get("/manifest.webmanifest", include_in_schema=False, sync_to_thread=False, name="mps-webmanifest")
    def web_manifest() -> File:
        target = dist_root / "manifest.webmanifest"
        if not target.is_file():
            raise NotFoundException()
        return File(
            target,
            filename="manifest.webmanifest",
            media_type="application/manifest+json",
            content_disposition_type="inline",
            headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
        )

    return [static_files, service_worker, web_manifest]
