"""Errors: JSON for the API, a French page for people; a bug never shows a traceback."""
from __future__ import annotations

import logging
import re
import traceback
from http import HTTPStatus

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, InternalServerException, NotFoundException, ValidationException
from litestar.response import Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from mps.lib.errors import FieldError, NotFound
from mps.lib.validation import french
from mps.web.outage import DATABASE, RETRY_AFTER_S, is_database_outage
from mps.web.outage import MESSAGE as OUTAGE_MESSAGE

log = logging.getLogger(__name__)

TITLES = {400: "Demande incorrecte", 403: "Accès refusé", 404: "Page introuvable", 405: "Méthode non permise",
          429: "Trop de demandes", 503: "Service bientôt disponible"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.startswith("/schema")


# Litestar's default detail is the English reason phrase (« Not Found »): people and partners read French.
DEFAULT_DETAILS = {400: "Demande incorrecte.", 401: "Connexion nécessaire.", 403: "Accès refusé.",
                   404: "Ressource introuvable.", 405: "Méthode non permise pour cette adresse.",
                   413: "Envoi trop volumineux.", 415: "Type de contenu non pris en charge.",
                   429: "Trop de demandes : réessaie dans un instant.", 503: "Service momentanément indisponible."}


# Litestar's and msgspec's own English sentences a visitor can reach (by how they start), said in French.
LITESTAR_DETAILS = {"CSRF token verification failed":
                    "Jeton de sécurité absent ou périmé : recharger la page, puis recommencer.",
                    "JSON is malformed": "Le corps de la demande n'est pas un document JSON valide.",
                    "Input data was truncated": "Le corps de la demande n'est pas un document JSON valide.",
                    "Number out of range": "Le corps de la demande contient un nombre hors limites.",
                    "Invalid UTF-8": "Le corps de la demande n'est pas du texte UTF-8 valide.",
                    "Invalid content-length": "En-tête Content-Length invalide.",
                    "Invalid multipart/form-data": "Le formulaire envoyé est mal formé (multipart/form-data)."}

_PHRASES = {status.value: status.phrase for status in HTTPStatus}


def _is_default(exc: HTTPException) -> bool:
    return exc.detail == _PHRASES.get(exc.status_code)


def _french_detail(exc: HTTPException) -> str:
    """Litestar's own validation errors say « Validation failed for POST /… »: name the fields in French."""
    detail = exc.detail
    if _is_default(exc):
        return DEFAULT_DETAILS.get(exc.status_code, "Erreur.")
    for english, said in LITESTAR_DETAILS.items():
        if detail.startswith(english):
            return said
    if isinstance(exc, ValidationException) and detail.startswith("Validation failed"):
        parts = [_named(e) for e in exc.extra or [] if isinstance(e, dict) and e.get("key")]
        detail = "Données invalides" + (" : " + " ; ".join(parts) if parts else "")
    return detail


def _named(error: dict) -> str:
    """« motivation » : champ obligatoire — the body's missing field is named, not Litestar's « data »."""
    message = str(error.get("message") or "")
    missing = re.search(r"missing required field `([^`]+)`", message)
    key = str(error.get("key"))
    if key == "data":  # Litestar's name for the whole body
        key = missing.group(1) if missing else "corps JSON"
    return f"« {key} »" + (f" : {_message(message)}" if message else "")


def _message(message: str) -> str:
    """msgspec's sentence in French; « 'data' » is Litestar's KeyError when a JSON route gets no body at all."""
    return "corps absent" if message == "'data'" else french(message)


def _french_extra(extra):
    """The fields' messages of `extra` in French too: partners read them as well as the detail."""
    if not isinstance(extra, list):
        return extra
    return [{**e, "message": _message(str(e["message"]))} if isinstance(e, dict) and e.get("message") else e
            for e in extra]


# Litestar's 500 when a client goes away in the middle of its body (mps.web.body says the same): the client's doing,
# not a bug, logged and counted as a 408 (what mps.web.http_protocol answers a body that stopped coming).
CLIENT_GONE = "client disconnected prematurely"
INCOMPLETE = "La demande n'est pas arrivée en entier."


def http_error(request: Request, exc: HTTPException) -> Response:
    if isinstance(exc, InternalServerException) and exc.detail == CLIENT_GONE:
        exc = HTTPException(status_code=408, detail=INCOMPLETE)
    status = exc.status_code
    said_nothing = _is_default(exc)  # the page's title and text say it already
    exc.detail = _french_detail(exc)
    if _wants_json(request):
        body = {"status_code": status, "detail": exc.detail}
        if exc.extra:
            body["extra"] = _french_extra(exc.extra)
        return Response(body, status_code=status, media_type=MediaType.JSON, headers=exc.headers)
    return Template("error.html", context={"status": status, "title": TITLES.get(status, "Erreur"),
                                           "detail": None if status == 500 or said_nothing else exc.detail},
                    status_code=status, headers=exc.headers)


def server_error(request: Request, exc: Exception) -> Response:
    if is_database_outage(exc):  # not a bug: say when to come back, log the outage once
        DATABASE.failed(exc)
        return http_error(request, HTTPException(status_code=503, detail=OUTAGE_MESSAGE,
                                                 headers={"Retry-After": str(RETRY_AFTER_S)}))
    log.error("unhandled %s on %s %s\n%s", type(exc).__name__, request.method, _route_of(request), _stack(exc))
    return http_error(request, HTTPException(status_code=HTTP_500_INTERNAL_SERVER_ERROR,
                                             detail="Une erreur inattendue est survenue."))


def _route_of(request: Request) -> str:
    """The route's template (/favoris/{formation_id}), not the path a visitor typed."""
    handler = request.scope.get("route_handler")
    return request.scope.get("path_template") or (sorted(handler.paths)[0] if handler else "?")


def _stack(exc: BaseException) -> str:
    """Where it failed, frame by frame, without the exceptions' messages: they may quote what a visitor
    typed or SQL parameters."""
    lines = []
    while exc is not None:
        lines.append("".join(traceback.format_list(traceback.extract_tb(exc.__traceback__))).rstrip())
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}")
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
    return "\n".join(lines)


def not_found(request: Request, exc: NotFound) -> Response:
    """A service's NotFound (mps.lib.errors) answers like any 404, with the service's sentence."""
    return http_error(request, NotFoundException(detail=str(exc)))


def field_error(field: str, message: str) -> ValidationException:
    return ValidationException(detail=str(FieldError(field, message)), extra=[{"key": field, "message": message}])


def refused_field(request: Request, exc: FieldError) -> Response:
    """A service's FieldError (mps.lib.errors) answers like a refused parameter: 400 naming the field."""
    return http_error(request, field_error(exc.field, exc.message))


HANDLERS = {HTTPException: http_error, NotFoundException: http_error, NotFound: not_found, FieldError: refused_field,
            Exception: server_error}
