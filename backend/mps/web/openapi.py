"""The OpenAPI document says what the app really accepts and answers, in one place for every operation.

Litestar documents what a handler returns and a 400 for its parameters. What the app's edges add is
written here once, at start-up, on the generated document:
- errors: `4XX` (any client error: 400 hostile or refused input, 401/403 guards, 404, 409, 413, 429 limits)
  and `503` with its Retry-After while the database is away, with the body `mps.web.errors.http_error` sends;
- text: every free string refuses control characters (`mps.web.hostile_input`), stated as a `pattern` (beside
  VISIBLE's, in `allOf`, for a name);
- Structs declared `forbid_unknown_fields` refuse unknown keys: `additionalProperties: false`;
- patterns in ECMA-262's dialect, JSON Schema's (`mps.lib.validation.ecma_form`), which reads some escapes otherwise.
"""
from __future__ import annotations

from collections.abc import Iterator

import msgspec
from litestar import Litestar
from litestar.openapi.spec import OpenAPIHeader, OpenAPIMediaType, OpenAPIResponse, Schema
from litestar.openapi.spec.enums import OpenAPIType

from mps.lib.validation import VISIBLE, VISIBLE_OR_EMPTY, ecma_form
from mps.web.hostile_input import BODY_TEXT_PATTERN, URL_TEXT_PATTERN

ERROR_BODY = Schema(
    type=OpenAPIType.OBJECT, required=["status_code", "detail"],
    properties={"status_code": Schema(type=OpenAPIType.INTEGER),
                "detail": Schema(type=OpenAPIType.STRING, description="Le problème, en français"),
                "extra": Schema(one_of=[Schema(type=OpenAPIType.ARRAY), Schema(type=OpenAPIType.OBJECT)],
                                description="Les champs refusés : [{key, message}]")})


def _error(description: str, headers: dict | None = None) -> OpenAPIResponse:
    return OpenAPIResponse(description=description, headers=headers,
                           content={"application/json": OpenAPIMediaType(schema=ERROR_BODY)})


CLIENT_ERROR = _error("Demande refusée : paramètre invalide (400), connexion requise (401), accès refusé (403), "
                      "introuvable (404), conflit (409), trop volumineux (413), trop de demandes (429)…")
OUTAGE = _error("Service momentanément indisponible (base de données injoignable)",
                {"Retry-After": OpenAPIHeader(schema=Schema(type=OpenAPIType.INTEGER), description="secondes")})
METHODS = ("get", "put", "post", "delete", "patch")


def _schemas(schema) -> Iterator[Schema]:
    """`schema` and every schema inside it."""
    if not isinstance(schema, Schema):
        return
    yield schema
    for child in [*(schema.properties or {}).values(), schema.items, schema.additional_properties,
                  *(schema.one_of or []), *(schema.any_of or []), *(schema.all_of or [])]:
        yield from _schemas(child)


def _is_free_text(schema: Schema) -> bool:
    kinds = schema.type if isinstance(schema.type, list) else [schema.type]
    return OpenAPIType.STRING in kinds and not (schema.enum or schema.const or schema.pattern or schema.format)


def _text_rule(schema, pattern: str) -> None:
    """Free text refuses control characters (`pattern`); a name's VISIBLE says what it must hold, so the control rule
    goes beside it (allOf); every pattern in its ECMA-262 form."""
    for inner in _schemas(schema):
        if _is_free_text(inner):
            inner.pattern = pattern
        elif inner.pattern in (VISIBLE, VISIBLE_OR_EMPTY):
            inner.pattern, inner.all_of = ecma_form(inner.pattern), [*(inner.all_of or []), Schema(pattern=pattern)]
        elif inner.pattern:
            inner.pattern = ecma_form(inner.pattern)


def _strict_structs(app: Litestar) -> set[type]:
    """Structs of the handlers' bodies and answers that refuse unknown fields."""
    types = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            signature = getattr(handler, "parsed_fn_signature", None)
            if signature is None:
                continue
            data = signature.parameters.get("data")
            types += [t for t in (data.annotation if data else None, signature.return_type.annotation)
                      if t is not None]
    found: set[type] = set()
    for t in types:
        try:
            infos = msgspec.inspect.multi_type_info([t])
        except (TypeError, ValueError):  # not a msgspec-describable type (Response, Template...)
            continue
        stack = list(infos)
        while stack:
            info = stack.pop()
            if isinstance(info, msgspec.inspect.StructType) and info.cls not in found:
                if info.forbid_unknown_fields:
                    found.add(info.cls)
                stack += [f.type for f in info.fields]
            for attr in ("type", "item_type", "key_type", "value_type"):
                if hasattr(info, attr) and not isinstance(getattr(info, attr), type):
                    stack.append(getattr(info, attr))
            stack += list(getattr(info, "types", ()) or ())
    return found


def _component_key(cls: type, keys) -> str | None:
    """Litestar names a component by its class, prefixed with its module when two classes share a name."""
    qualified = "_".join(cls.__module__.split(".")[-2:]) + "_" + cls.__name__
    return next((k for k in (cls.__name__, qualified) if k in keys), None)


def document_the_edges(app: Litestar) -> None:
    """Start-up hook, before the first request renders the document."""
    document = app.openapi_schema
    components = (document.components.schemas if document.components else None) or {}
    for cls in _strict_structs(app):
        key = _component_key(cls, components)
        if key is not None:
            components[key].additional_properties = False
    for schema in components.values():
        _text_rule(schema, BODY_TEXT_PATTERN)
    for path_item in (document.paths or {}).values():
        for operation in filter(None, (getattr(path_item, m, None) for m in METHODS)):
            for parameter in operation.parameters or []:
                _text_rule(getattr(parameter, "schema", None), URL_TEXT_PATTERN)
            for media in ((operation.request_body.content or {}).values()
                          if getattr(operation.request_body, "content", None) else []):
                _text_rule(media.schema, BODY_TEXT_PATTERN)
            responses = operation.responses if operation.responses is not None else {}
            responses.setdefault("4XX", CLIENT_ERROR)
            responses.setdefault("503", OUTAGE)
            operation.responses = responses
