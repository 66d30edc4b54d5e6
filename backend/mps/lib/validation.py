"""One validation for the API and the pages: msgspec Structs, with errors that name the field in French.

A Struct field may carry, in its `msgspec.Meta`:
  title                 the field's label (« Classe »), shown by forms and in the OpenAPI schema;
  description           what is expected (« Par exemple « Terminale 3 » »), shown as the field's hint;
  extra={"error": ...}  the sentence a person reads when the value is refused (else a generic one).

`field_errors(values, Struct)` checks every field on its own, so a form lists all its mistakes at
once (msgspec stops at the first); `convert(values, Struct)` returns the Struct or raises `Invalid`.
Values may be strings as sent by an HTML form: « 12 », « 12,5 », « 1 » are read as numbers/booleans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec

from mps.lib.errors import UserFacingError
from mps.lib.text import digits_only

_PATH = re.compile(r" - at `\$(.*)`$")
_TYPES = {"str": "un texte", "float": "un nombre", "int": "un entier", "array": "une liste", "object": "un objet",
          "null": "null", "bool": "true ou false"}
REQUIRED = "Ce champ est obligatoire."
# A name or a title that someone else reads must show something: at least one letter or digit. Made only of spaces
# of any kind, zero-width characters (U+200B–200D, U+2060, U+FEFF), soft hyphens, combining marks, punctuation or
# Hangul fillers (letters for Unicode, blank on screen), it showed as nothing in a teacher's list or an employer's
# inbox. A field's `pattern` (VISIBLE, or VISIBLE_OR_EMPTY for an optional one) states it, in OpenAPI too; every
# form and every API body refused by it gets NOT_VISIBLE, whatever the field's own sentence.
VISIBLE = r"[^\W_\u115f\u1160\u3164\uffa0]"
VISIBLE_OR_EMPTY = r"^\Z|" + VISIBLE
NOT_VISIBLE = ("au moins une lettre ou un chiffre attendu (les espaces et les caractères invisibles ne comptent "
               "pas)")
_VISIBLE_QUOTED = repr(VISIBLE)[1:-1]  # msgspec quotes the pattern with repr()
INITIAL = r"^\s*([^\W\d_]\.?)?\s*\Z"  # one letter, maybe with a dot, between spaces
# OpenAPI's patterns are ECMA-262's, where \W and \d are ASCII only (and \s is not Python's): a partner's validator
# read VISIBLE as « an ASCII letter or digit » and refused « Ζωή », « 李 » or « Ёлка », which the app takes. And
# Python's `$` also matches before a last line feed: « 21:00\n » passed `^…$` as an hour and was a 500 on PostgreSQL
# (5 characters): patterns end with \Z, which ECMA-262 writes `$`. ecma_form() is a pattern as OpenAPI publishes it
# (mps.web.openapi), checked with node on every code point (tests/integration/web/test_published_patterns.py).
_LETTER_OR_DIGIT = r"(?![\u115f\u1160\u3164\uffa0])[\p{L}\p{N}]"
_PYTHON_SPACE = r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_ECMA_FORMS = {VISIBLE: _LETTER_OR_DIGIT, VISIBLE_OR_EMPTY: "^$|" + _LETTER_OR_DIGIT,
               INITIAL: rf"^{_PYTHON_SPACE}*((?!\p{{Nd}})[\p{{L}}\p{{N}}]\.?)?{_PYTHON_SPACE}*$"}


def ecma_form(pattern: str) -> str:
    """A pattern msgspec checks with Python's re, as ECMA-262 (JSON Schema) reads it the same way."""
    return _ECMA_FORMS.get(pattern) or pattern.replace(r"\Z", "$")


def invisible_refused(msgspec_message: str) -> bool:
    """Whether msgspec refused a value for VISIBLE (or VISIBLE_OR_EMPTY)."""
    return msgspec_message.startswith("Expected `str` matching regex") and _VISIBLE_QUOTED in msgspec_message


def labelled(title: str, error: str, description: str = "", **constraints) -> msgspec.Meta:
    """A field's Meta as this module reads it: its label, the sentence when refused, its hint, its limits."""
    return msgspec.Meta(title=title, description=description, extra={"error": error}, **constraints)


class Invalid(UserFacingError):
    """A refused value: `field` is its path (« villes[0].nom »), `message` a French sentence for a person."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field} : {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class FieldInfo:
    name: str
    label: str
    hint: str
    error: str | None  # the field's own error sentence, if it has one
    required: bool
    many: bool  # a list: an HTML form sends it as repeated names


def field_of(msgspec_message: str) -> tuple[str, str]:
    """'Expected `str`, got `int` - at `$.villes[0].nom`' -> ('villes[0].nom', 'Expected `str`, got `int`')."""
    m = _PATH.search(msgspec_message)
    if not m:
        missing = re.search(r"(?:unknown|missing required) field `([^`]+)`", msgspec_message)
        return (missing.group(1) if missing else ""), msgspec_message
    return m.group(1).lstrip("."), msgspec_message[:m.start()]


def french(message: str) -> str:
    """msgspec's English messages -> a French fragment (« attendu : un nombre inférieur ou égal à 20 »)."""
    m = re.match(r"Expected `(\w+)` (<=|>=|<|>) ([\d.]+)$", message)
    if m:
        words = {"<=": "inférieur ou égal à", ">=": "supérieur ou égal à", "<": "inférieur à", ">": "supérieur à"}
        return f"attendu : un nombre {words[m.group(2)]} {m.group(3).removesuffix('.0')}"
    m = re.match(r"Expected `(\w+)` of length (<=|>=) (\d+)$", message)
    if m:
        unit = "éléments" if m.group(1) == "array" else "caractères"
        return f"{'au plus' if m.group(2) == '<=' else 'au moins'} {m.group(3)} {unit}"
    if invisible_refused(message):
        return NOT_VISIBLE
    if re.match(r"Expected `str` matching regex", message):
        return "format inattendu"
    m = re.match(r"Expected `([^`]+)`, got `(\w+)`$", message)
    if m:
        expected = " ou ".join(_TYPES.get(t.strip(), t.strip()) for t in m.group(1).split("|"))
        return f"attendu : {expected} (reçu : {_TYPES.get(m.group(2), m.group(2))})"
    m = re.match(r"Invalid enum value (.+)$", message)
    if m:
        return f"valeur inconnue {m.group(1)}"
    if message.startswith("Object missing required field"):
        return "champ obligatoire"
    if "unknown field" in message.lower():
        return "champ inconnu"
    return message


def sentence(fragment: str) -> str:
    """« attendu : un nombre » -> « Attendu : un nombre. »"""
    fragment = fragment.strip()
    if not fragment:
        return fragment
    return fragment[0].upper() + fragment[1:] + ("" if fragment[-1] in ".!?" else ".")


def _unwrap(info) -> tuple[Any, dict, dict]:
    """type_info -> (inner type info, json-schema extras such as title, `extra` dict).

    For `X | None`, the Meta written on X counts too (``SchoolYear | None``)."""
    schema, extra = {}, {}
    while isinstance(info, msgspec.inspect.Metadata):
        schema = {**(info.extra_json_schema or {}), **schema}
        extra = {**(info.extra or {}), **extra}
        info = info.type
    if isinstance(info, msgspec.inspect.UnionType):
        for member in info.types:
            _, inner_schema, inner_extra = _unwrap(member)
            schema, extra = {**inner_schema, **schema}, {**inner_extra, **extra}
    return info, schema, extra


def _is_list(info) -> bool:
    if isinstance(info, msgspec.inspect.UnionType):
        return any(_is_list(_unwrap(t)[0]) for t in info.types)
    return isinstance(info, (msgspec.inspect.ListType, msgspec.inspect.SetType, msgspec.inspect.FrozenSetType,
                             msgspec.inspect.VarTupleType))


def fields(struct_type: type) -> dict[str, FieldInfo]:
    """The Struct's fields by their wire name, with label, hint and error sentence from their Meta."""
    out = {}
    for f in msgspec.structs.fields(struct_type):
        info, schema, extra = _unwrap(msgspec.inspect.type_info(f.type))
        out[f.encode_name] = FieldInfo(
            name=f.encode_name, label=schema.get("title", f.encode_name), hint=schema.get("description", ""),
            error=extra.get("error"), required=f.required, many=_is_list(info))
    return out


def field_message(info: FieldInfo | None, raw: str) -> str:
    if invisible_refused(raw):  # the field's sentence (« 2 à 120 caractères ») would not say what is wrong
        return sentence(NOT_VISIBLE)
    if info is not None and info.error:
        return info.error
    return REQUIRED if raw.startswith("Object missing required field") else sentence(french(raw))


def _form_value(value: Any) -> Any:
    """A form's text for a number may use a decimal comma: « 12,5 »."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+,\d+\s*", value):
        return value.replace(",", ".").strip()
    return value


def field_errors(values: dict[str, Any], struct_type: type) -> dict[str, str]:
    """Every refused field of `values` (already cleaned: missing or empty fields left out) -> its sentence."""
    infos, errors = fields(struct_type), {}
    for name, info in infos.items():
        if name not in values:
            if info.required:
                errors[name] = info.error or REQUIRED
            continue
        field_type = next(f.type for f in msgspec.structs.fields(struct_type) if f.encode_name == name)
        try:
            msgspec.convert(_form_value(values[name]), field_type, strict=False)
        except msgspec.ValidationError as exc:
            errors[name] = field_message(info, field_of(str(exc))[1])
    return errors


def convert(values: dict[str, Any], struct_type: type, *, strict: bool = False):
    """values -> the Struct; `Invalid` names the first refused field and says why in French."""
    try:
        return msgspec.convert({k: _form_value(v) for k, v in values.items()} if not strict else values,
                               struct_type, strict=strict)
    except msgspec.ValidationError as exc:
        path, raw = field_of(str(exc))
        top = re.split(r"[.\[]", path, maxsplit=1)[0]
        raise Invalid(path or "données", field_message(fields(struct_type).get(top), raw)) from None


def bounded_int(value: Any, low: int, high: int) -> int | None:
    """A whole number typed as text (a page, a year, an id), or None: only ASCII digits count (« ² » is a digit to
    str.isdigit, not to int()), at most 12 of them (int() of thousands of digits is refused, and costly)."""
    text = str(value or "").strip()
    if not digits_only(text) or len(text) > 12:
        return None
    number = int(text)
    return number if low <= number <= high else None
