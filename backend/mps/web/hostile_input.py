"""Text that no person types is refused where every request comes in, before any handler or database sees it.

PostgreSQL refuses NUL in text and both databases refuse strings that are not valid UTF-8 (a lone surrogate
from JSON's « \\ud800 »): reaching them, such a value answered 500. Rather than check each field of each
form, this middleware checks every value a request carries: the path, the query string, and the body of a
form (URL-encoded or multipart) or of a JSON document, keys included. A refused value answers 400 naming
the field (« Le champ « note » contient un caractère non permis. »), in French, as JSON under /api/ and
as a page elsewhere; a path that holds one names no page: 404, as does an integer id beyond what an id column holds.

Refused: NUL and the other control characters (C0 and DEL) except tab, line feed and carriage return in a
body (a textarea's line breaks), the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), bytes
that are not UTF-8, lone surrogates, and a file where a form expects text (no form of the app uploads one), and a
body (of any type but multipart: Litestar decodes any body of a JSON route as JSON) nested deeper than MAX_DEPTH,
and a form or a query string of more than MAX_FIELDS fields.
The back-office (/admin) is Piccolo Admin's own app and is left alone.
mps.web.edge runs the check on every request, in its one pass with the request id and the metrics.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote_to_bytes

import msgspec
from litestar import Request
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException

from mps.web.body import body_of, header
from mps.web.errors import field_error

# Bidi embeddings, overrides and isolates: typed by no one, they turn what follows them around where a name or a
# title is shown to someone else (« \u202eecilA » reads « Alice »; the rest of the teacher's line reversed too).
_BIDI = r"\u202a-\u202e\u2066-\u2069"
_URL_CONTROLS = r"\x00-\x1f\x7f" + _BIDI
_BODY_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + _BIDI  # tab, line feed and carriage return allowed
_IN_URL = re.compile(f"[{_URL_CONTROLS}]")
_IN_BODY = re.compile(f"[{_BODY_CONTROLS}]")
# The same rules as JSON Schema patterns, for the OpenAPI document (mps.web.openapi).
URL_TEXT_PATTERN = f"^[^{_URL_CONTROLS}]*$"
BODY_TEXT_PATTERN = f"^[^{_BODY_CONTROLS}]*$"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# A query string needs a closer look only when it holds a raw control byte or an escape outside printable ASCII.
_QUERY_SUSPECT = re.compile(rb"[\x00-\x1f\x7f]|%(?:[01]|7f|[89a-f])", re.IGNORECASE)
# A JSON body can hold a refused character only as a raw control byte, a \b or \f escape, a \u escape of a control
# character, DEL, a bidi control or a surrogate, or bytes encoding a bidi control or a surrogate: without any of
# these its document is not decoded and walked (most API writes, the sync of every device; tests/unit/test_hostile_input.py checks no refused text
# gets past it). A match only means « look closer » (an escaped backslash before a b also matches).
_JSON_SUSPECT = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\\[bf]|\\u(?:00[01]|007f|d[89a-f]|202[a-e]|206[6-9])"
                           rb"|\xed[\xa0-\xbf]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", re.IGNORECASE)
# The same document encoded again by msgspec writes each refused character one way: a control character as \u00XX,
# \b or \f, DEL and the bidi controls as raw bytes (lone surrogates do not decode). With its escaped backslashes
# taken out first (every backslash left starts an escape), one search in C says whether a suspect document holds
# refused text: walking it in Python to name the field cost about 250 ms per MB (a million strings), so a large
# refused document is refused as « données », unwalked.
_REFUSED_ENCODED = re.compile(rb"\\(?:[bf]|u00[01])|\x7f|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
NAMED_UP_TO = 64 * 1024  # bytes of a refused document walked to name its field
ID_RANGE = (-(2**31), 2**31 - 1)
# No body of the app nests deeper than a few levels; about a thousand levels exhaust Python's recursion in the
# decoder (msgspec raises RecursionError: a 500), whatever the Content-Type (Litestar decodes any body as JSON).
MAX_DEPTH = 32
# A form or a query string holds a few dozen fields; parsing costs about 10 µs each, so a 10 MB form of a million
# empty fields held a worker for 10 s. 1,000 at most, as Litestar already counts a multipart form's parts (its
# refusal said « Request Entity Too Large » in English).
MAX_FIELDS = 1000
_BOUNDARY = re.compile(r'boundary="?([^";]+)', re.IGNORECASE)
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
NOT_TEXT = "Le champ « {} » contient un caractère non permis."
NOT_A_FILE = "Le champ « {} » attend un texte, pas un fichier."
TOO_DEEP = f"Le document JSON est trop imbriqué ({MAX_DEPTH} niveaux au plus)."
TOO_MANY_FIELDS = "Le formulaire a trop de champs (1\u202f000 au plus)."
TOO_MANY_PARAMETERS = "L'adresse a trop de paramètres (1\u202f000 au plus)."
NOT_DECODED = "Le formulaire contient un texte illisible : il doit être envoyé en UTF-8."


def text_refused(value: str, body: bool = True) -> bool:
    return bool((_IN_BODY if body else _IN_URL).search(value) or _SURROGATE.search(value))


def json_suspect(raw: bytes) -> bool:
    """Whether a JSON body may hold refused text (False: none of its strings or keys can)."""
    return _JSON_SUSPECT.search(raw) is not None


def document_refused(document: Any) -> bool:
    """Whether a decoded JSON document holds refused text in a string or a key (the same answer as the walk)."""
    return _REFUSED_ENCODED.search(msgspec.json.encode(document).replace(b"\\\\", b"")) is not None


def nests_too_deep(raw: bytes) -> bool:
    """Whether brackets outside strings open more than MAX_DEPTH levels. Most bodies have fewer brackets in all
    than that: a count in C answers for them, the walk is only for the others."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b"", raw)):
        depth += 1 if bracket in b"[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _refuse(field: str, message: str = NOT_TEXT):
    return field_error(field or "données", message.format(field or "données"))


def _fields(raw: bytes, content_type: str) -> int:
    """How many fields a form's raw body holds, counted without parsing it (a multipart form: its boundaries,
    `content_type` the whole header)."""
    if not content_type.lower().startswith(_FORMS[1]):
        return raw.count(b"&") + 1
    boundary = _BOUNDARY.search(content_type)
    return raw.count(b"--" + boundary.group(1).encode("latin-1")) - 1 if boundary else 0


def _check_pairs(raw: bytes, body: bool) -> None:
    """A query string, or a URL-encoded form read before Litestar replaces bytes that are not UTF-8."""
    if not _QUERY_SUSPECT.search(raw):
        return
    # All the pairs decoded at once (an escape never spans « & » or « = »): when that text holds no refused
    # character, nor does any name or value (most suspects are a query's accents). Only otherwise are the pairs
    # decoded one by one, to name the field.
    whole = _decoded(raw)
    if whole is not None and not (_IN_BODY if body else _IN_URL).search(whole):  # (UTF-8 decoded: no surrogate)
        return
    for pair in raw.split(b"&"):
        key, _, value = pair.partition(b"=")
        name = _decoded(key)
        if name is None or text_refused(name, body):
            raise _refuse("paramètre")
        text = _decoded(value)
        if text is None or text_refused(text, body):
            raise _refuse(name)


def _decoded(raw: bytes) -> str | None:
    """A query string part as text, or None when its bytes are not UTF-8."""
    try:
        return unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _check_document(value: Any, path: str) -> None:
    """Every key and string of a decoded JSON document; `path` names the field (« favourites[2].note »)."""
    if isinstance(value, str):
        if text_refused(value):
            raise _refuse(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if text_refused(str(key)):
                raise _refuse(path or "données")
            _check_document(item, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_document(item, f"{path}[{i}]")


async def _check_body(scope, receive) -> None:
    given = header(scope, b"content-type") or ""
    content_type = given.split(";")[0].strip().lower()
    if content_type in _FORMS:
        request = Request(scope, receive)
        raw = await request.body()  # kept on the connection: the handler reads the same bytes
        if _fields(raw, given) > MAX_FIELDS:
            raise field_error("données", TOO_MANY_FIELDS)
        if content_type == _FORMS[0]:
            _check_pairs(raw, body=True)
        try:
            form = await request.form()
        except (UnicodeDecodeError, LookupError):  # a part's bytes not in its charset, or a charset Python lacks
            raise field_error("données", NOT_DECODED) from None
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                raise _refuse(name, NOT_A_FILE)
            if text_refused(name) or text_refused(value):
                raise _refuse(name)
    if content_type != _FORMS[1]:  # a JSON route decodes any body but a multipart one (« --boundary »: not JSON)
        raw = await body_of(scope, receive)  # kept on the connection: the handler reads the same bytes
        if nests_too_deep(raw):
            raise field_error("données", TOO_DEEP)
    if content_type.endswith("json"):
        if not json_suspect(raw):
            return
        try:
            document = msgspec.json.decode(raw)
        except msgspec.DecodeError:
            return  # not JSON at all: the handler's decoding says so (400)
        if not document_refused(document):
            return
        if len(raw) > NAMED_UP_TO:
            raise _refuse("données")
        _check_document(document, "")


def _beyond_integer_ids(scope) -> bool:
    """An {id:int} in a path that no id column holds: they are INTEGER, 32 bits on PostgreSQL (asyncpg refuses a
    larger parameter with an error, SQLite past 64 bits); tests/unit/test_hostile_input.py keeps that true."""
    return any(isinstance(v, int) and not ID_RANGE[0] <= v <= ID_RANGE[1] for v in scope.get("path_params", {}).values())


_WITH_BODY = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def refuse_hostile_url(scope) -> None:
    """Raise the 404 or 400 a hostile path or query string gets (mps.web.edge calls it before any handler)."""
    path = scope["path"]
    if not (path.isascii() and path.isprintable()) and (_IN_URL.search(path) or _SURROGATE.search(path)):
        raise NotFoundException()  # (printable ASCII holds none: two checks in C before the two searches)
    if scope.get("path_params") and _beyond_integer_ids(scope):
        raise NotFoundException()
    query = scope.get("query_string", b"")
    if query.count(b"&") >= MAX_FIELDS:  # (_fields' count, without its call: every request crosses this)
        raise field_error("adresse", TOO_MANY_PARAMETERS)
    _check_pairs(query, body=False)


def carries_a_body(scope) -> bool:
    return scope["method"] in _WITH_BODY


async def refuse_hostile_body(scope, receive) -> None:
    """Raise the 400 a hostile form or JSON body gets (after refuse_hostile_url, for a method that carries one)."""
    await _check_body(scope, receive)
