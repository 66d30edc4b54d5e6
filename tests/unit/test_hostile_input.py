"""The edge's rules on text and ids (mps.web.hostile_input); the requests themselves are fuzzed in
tests/integration/web/test_fuzz.py."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st
from sqlalchemy import BigInteger, Integer

import mps.db.models  # noqa: F401 - every table in Base.metadata
from mps.db.base import Base
from mps.web.hostile_input import (ID_RANGE, MAX_DEPTH, document_refused, json_suspect, nests_too_deep,
                                  text_refused)


def test_no_id_column_is_wider_than_the_ids_the_edge_lets_through():
    """A path id beyond ID_RANGE answers 404 at the edge; a BIGINT column would need a wider range there."""
    ids = [c for t in Base.metadata.tables.values() for c in t.columns
           if isinstance(c.type, Integer) and (c.primary_key or c.foreign_keys)]  # (a bit mask may be wider)
    assert ids and not [str(c) for c in ids if isinstance(c.type, BigInteger)]
    assert ID_RANGE == (-(2**31), 2**31 - 1)


@pytest.mark.parametrize("value", ["a\x00b", "\x1b[2J", "x\x7f", "\ud800", "\x0b"])
def test_text_no_person_types_is_refused(value):
    assert text_refused(value) and text_refused(value, body=False)


BIDI_CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_bidi_controls_are_refused_everywhere(control):
    """« \u202eecilA » shows as « Alice » in a teacher's list, and turns the rest of the line around."""
    name = f"{control}ecilA"
    assert text_refused(name) and text_refused(name, body=False)
    assert all(json_suspect(body) for body in _bodies(name))


def test_right_to_left_text_and_its_marks_still_pass():
    # Arabic or Hebrew names, the invisible direction marks (LRM, RLM, ALM) and emoji joined by ZWJ are typed.
    assert not any(text_refused(v) for v in ("مريم", "דָּנִי", "Nour\u200f", "x\u200ey\u061c", "👩\u200d🎓"))
    assert not any(json_suspect(body) for v in ("مريم", "Nour\u200f") for body in _bodies(v))  # (not even a look)


def test_line_breaks_and_tabs_only_in_bodies():
    assert not text_refused("ligne 1\r\nligne 2\tfin")
    assert text_refused("ligne 1\nligne 2", body=False)
    assert not text_refused("Médecine, « prépa » — 🎓")


_ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=())  # surrogates too


def _bodies(value: str) -> list[bytes]:
    """The ways a client may write a JSON document holding `value` as a string and as a key."""
    out = []
    for doc in ({"note": value}, {value: 1}, [value, {"x": [value]}]):
        out.append(json.dumps(doc).encode())  # \\u escapes for all but ASCII (Python's default)
        out.append(json.dumps(doc).upper().encode())  # upper-case hex digits: \\u001B
        out.append(json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass"))  # raw UTF-8, as browsers
    return out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ANY_CHAR, max_size=6))
def test_a_json_body_skipped_by_the_quick_look_holds_no_refused_text(value):
    """json_suspect() lets the edge skip decoding a JSON body: never when one of its strings would be refused."""
    if text_refused(value):
        assert all(json_suspect(body) for body in _bodies(value)), repr(value)


@pytest.mark.parametrize("value", ["\x00", "\x08", "\x0c", "\x1b", "\x7f", "\ud800", "\udfff", "a\x0bb"])
def test_each_refused_character_makes_a_json_body_suspect(value):
    assert all(json_suspect(body) for body in _bodies(value))


def test_ordinary_json_is_not_suspect():
    assert not json_suspect(json.dumps({"note": "Médecine, « prépa » —\n\tligne 2", "ops": [1, None]}).encode())
    assert not json_suspect(json.dumps({"note": "Médecine 🎓"}, ensure_ascii=False).encode())  # as browsers send it


def test_nesting_is_counted_outside_strings_only():
    """The edge refuses bodies nested beyond MAX_DEPTH (msgspec's decoder overflows Python's recursion near 1000)."""
    assert not nests_too_deep(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
    assert nests_too_deep(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
    assert nests_too_deep(b'{"a":' * 40 + b"1" + b"}" * 40)
    assert not nests_too_deep(json.dumps({"note": "[{" * 500, "x": ["\\"] * 50, "y": [{"z": '"['}] * 50}).encode())
    assert not nests_too_deep(b"[]" * 100_000)  # wide, not deep


def _walk_refuses(document) -> bool:
    if isinstance(document, str):
        return text_refused(document)
    if isinstance(document, dict):
        return any(text_refused(k) or _walk_refuses(v) for k, v in document.items())
    return isinstance(document, list) and any(_walk_refuses(v) for v in document)


_TEXT = st.text(alphabet=st.one_of(st.characters(max_codepoint=0x7f),
                                   st.sampled_from("\\\u202a\u202e\u2066\u2069\u200féa")), max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.recursive(_TEXT, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
                    max_leaves=6))
def test_the_encoded_search_agrees_with_the_walk(document):
    """document_refused() answers for large documents in C what the walk answers in Python: never less."""
    assert document_refused(document) == _walk_refuses(document), repr(document)


@pytest.mark.parametrize("document, refused", [("a\\b", False), ("a\\\b", True), ("\\u0001", False),
                                               ("\\\\\x0c", True), ({"\x01": 1}, True), ("tab\tnl\r\n", False)])
def test_escaped_backslashes_are_not_escapes(document, refused):
    assert document_refused(document) is refused


# Pieces of a query string: accents (the usual suspects), refused characters escaped or raw, a byte that is not
# UTF-8 alone, escapes cut short, and the separators.
_QUERY_PIECES = [b"q", b"bts", b"%C3%A9", b"%c3", b"%A9", b"%00", b"%1b", b"%7F", b"%e2%80%ae", b"%ed%a0%80", b"%",
                 b"%4", b"+", b"=", b"&", b"\x01", b"\t", b"%09", b"%26", b"%3D", b"\xc3\xa9"]


def _refusal(scope) -> tuple[str, str] | None:
    from litestar.exceptions import NotFoundException, ValidationException

    from mps.web.hostile_input import refuse_hostile_url
    try:
        refuse_hostile_url(scope)
    except ValidationException as exc:
        return "400", exc.extra[0]["key"]  # the field named
    except NotFoundException:
        return "404", ""
    return None


def _pair_by_pair(raw: bytes) -> tuple[str, str] | None:
    """The rule: the first name or value that is not UTF-8 once decoded, or holds refused text, is named."""
    from urllib.parse import unquote_to_bytes

    def decoded(part: bytes) -> str | None:
        try:
            return unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return None
    for pair in raw.split(b"&"):
        key, _, value = pair.partition(b"=")
        name = decoded(key)
        if name is None or text_refused(name, body=False):
            return "400", "paramètre"
        text = decoded(value)
        if text is None or text_refused(text, body=False):
            return "400", name or "données"  # a value without a name
    return None


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_QUERY_PIECES), max_size=10))
def test_a_query_string_is_refused_as_its_fields_one_by_one_say(pieces):
    """The edge decodes an accented query string whole: it refuses what the pairs refuse, naming the same field."""
    raw = b"".join(pieces)
    assert _refusal({"path": "/recherche", "query_string": raw}) == _pair_by_pair(raw), raw


@pytest.mark.parametrize("path, refused", [("/recherche", False), ("/formations/é l'été", False),
                                           ("/a\x00b", True), ("/a\x7f", True), ("/\u202eecilA", True),
                                           ("/x\ud800", True), ("/tab\there", True), ("/ok ~!$&'()*+,;=:@", False)])
def test_a_path_holding_refused_text_names_no_page(path, refused):
    assert (_refusal({"path": path, "query_string": b""}) == ("404", "")) is refused
