"""JSON API of the catalogue under /api/v1 (documented in /schema/openapi.json)."""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.response import Redirect
from litestar.exceptions import NotFoundException, ValidationException
from litestar.openapi.spec import Operation, Parameter as OpenAPIParameter, Schema
from litestar.openapi.spec.enums import OpenAPIType

from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.moved import moved_path
from mps.domain.catalogue.params import parse_near, parse_page, search_params
from mps.domain.catalogue.presenters import formation_detail, formation_item_json, place_detail
from mps.domain.catalogue.snapshot import encoded_snapshot
from mps.domain.catalogue.schemas import FormationDetail, PlaceDetail, SearchResponse
from mps.lib.geo import distance_km
from mps.lib.lru import LRU
from mps.web.compression import GZIP_LEVEL
from mps.web.deps import provide_catalogue
from mps.web.lanes import first_values
from mps.web.security import PUBLIC_READ_ONLY

PAGE_SIZE = 20
PLACES_PER_ITEM = 20
_ENCODER = msgspec.json.Encoder()
SEARCH_CACHE_SIZE = 2048
_cache = LRU(SEARCH_CACHE_SIZE)  # encoded answers by (catalogue version, query string): popular searches cost nothing


def search_answer(catalogue: Catalogue, query_string: bytes) -> bytes:
    """The search's JSON for a raw query string, from the cache of encoded answers or made and kept; raises
    FieldError (400, naming the field) on a bad value. The handler's and the short lane's (catalogue/web.py)."""
    key = (catalogue.version, query_string)
    cached = _cache.get(key)
    if cached is None:
        query = first_values(query_string)
        params = search_params(catalogue, query)
        cached = _ENCODER.encode(search_document(catalogue, params, parse_page(query.get("page"))))
        _cache.put(key, cached)
    return cached


def search_document(cat, params, page: int) -> SearchResponse:
    """The page of results, places as ready JSON (msgspec.Raw): encode it with msgspec."""
    result = cat.search.search(params)
    start = (page - 1) * PAGE_SIZE
    items = [formation_item_json(cat, hit.formation_id, len(hit.places), hit.places[:PLACES_PER_ITEM])
             for hit in result.hits[start:start + PAGE_SIZE]]  # each a FormationItem's JSON
    return SearchResponse(len(result.hits), page, PAGE_SIZE, items)


def _query(name: str, description: str | None = None) -> OpenAPIParameter:
    schema = Schema(one_of=[Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.NULL)], description=description)
    return OpenAPIParameter(name=name, param_in="query", schema=schema, description=description, required=False)


SEARCH_QUERY = [
    _query("q", "mots libres : « bts compta lille », « fac droit paris »"),
    _query("famille", "type de formation, code ou nom (BTS, Licence, DN_MADE, Cycle_preparatoire… ; "
                      "familles Parcoursup comprises)"),
    _query("selective", "true/false"), _query("apprentissage", "true/false"),
    _query("statut", "public, prive (tout le privé) ou sous_contrat (privé sous contrat d'association) ; "
                     "un mot de la requête le dit aussi : « bts public lyon », « école de commerce privée »"),
    _query("departement", "code ou nom du département"), _query("academie"), _query("region"),
    _query("near", "latitude,longitude"), _query("radius_km", "rayon autour de near, en km"),
    _query("page", "page de 20 formations, à partir de 1"),
]


@dataclass
class SearchOperation(Operation):
    """The search's query parameters, documented in the OpenAPI document though the handler reads them itself."""

    def __post_init__(self) -> None:
        self.parameters = [*(self.parameters or []), *SEARCH_QUERY]


class CatalogueApi(Controller):
    path = "/api/v1"
    tags = ["catalogue"]
    # Read-only, GET only, no cookie read: partner platforms and the service worker call it without a CSRF cookie,
    # and minting a token or looking a session up there only costs time.
    opt = PUBLIC_READ_ONLY

    # The query string is read by search_params() (errors in French, naming the field), not by Litestar:
    # parameters declared on the handler were parsed and validated on every request for nothing.
    @get("/formations", summary="Rechercher des formations", responses=None, operation_class=SearchOperation,
         raises=[ValidationException])
    async def search(self, request: Request) -> SearchResponse:
        # The app's state from the request, not as a parameter, nor the catalogue as a dependency: Litestar would
        # resolve and validate them on every request.
        # A GET without gzip or with takes the short lane in front (catalogue/web.py) and answers the same.
        catalogue = provide_catalogue(request.app.state)
        answer = search_answer(catalogue, request.scope.get("query_string", b""))
        return Response(answer, media_type="application/json")  # type: ignore[return-value]

    @get("/catalogue/snapshot", opt={"precompressed": True}, summary="Tout le catalogue, compact, pour l'usage hors ligne",
         description="Document versionné ; ETag et If-None-Match évitent de le retélécharger s'il n'a pas changé.")
    async def snapshot(self, request: Request, catalogue: Catalogue) -> Response[dict[str, Any]]:  # JSON, pre-encoded
        snap = encoded_snapshot(catalogue)
        headers = {"ETag": snap.etag, "Cache-Control": "no-cache", "X-Catalogue-Version": str(snap.version),
                   "Vary": "Accept-Encoding"}
        if snap.etag in request.headers.get("if-none-match", ""):
            return Response(b"", status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return Response(snap.gzipped, media_type="application/json", headers=headers)
        return Response(snap.body, media_type="application/json", headers=headers)

    @get("/formations/{formation_id:str}", opt={"precompressed": True}, summary="Une formation et ses lieux",
         description="Un ancien identifiant (formations fusionnées) répond 301 vers l'identifiant actuel.")
    async def formation(self, request: Request, catalogue: Catalogue, formation_id: str,
                        near: str | None = None) -> FormationDetail | Redirect:
        f = catalogue.formation(formation_id)
        if f is None:
            moved = moved_path(catalogue, formation_id, "/api/v1/formations/", request.scope.get("query_string", b""))
            if moved is None:
                raise NotFoundException(detail=f"Formation inconnue : {formation_id[:120]}")
            return Redirect(path=moved, status_code=301)
        point = parse_near(near)
        gzipped = "gzip" in request.headers.get("accept-encoding", "")
        if point is None:  # the same bytes for everyone until the next import: made once, gzipped once
            kept = catalogue.rendered.get(("formation", f.id))
            if kept is None:
                body = _ENCODER.encode(formation_detail(catalogue, f, [(p, None) for p in f.places]))
                kept = (body, gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))
                catalogue.rendered.put(("formation", f.id), kept)
            body = kept[1] if gzipped else kept[0]
        else:
            places = sorted(((p, distance_km(point[0], point[1], p.lat, p.lon) if p.lat is not None else None)
                             for p in f.places), key=lambda t: (t[1] is None, t[1] or 0))
            body = _ENCODER.encode(formation_detail(catalogue, f, places))
            body = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0) if gzipped else body
        headers = {"Vary": "Accept-Encoding", **({"Content-Encoding": "gzip"} if gzipped else {})}
        return Response(body, media_type="application/json", headers=headers)  # type: ignore[return-value]

    @get("/places/{cod_aff_form:str}", summary="Un lieu de formation (vœu Parcoursup) et ses chiffres")
    async def place(self, catalogue: Catalogue, cod_aff_form: str) -> PlaceDetail:
        p = catalogue.place(cod_aff_form)
        if p is None:
            raise NotFoundException(detail=f"Lieu de formation inconnu : {cod_aff_form[:20]}")
        return place_detail(catalogue, p)
