"""One validation for pages and API: msgspec Structs decoded from form data, errors named and in French."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pytest

from mps.lib.validation import Invalid, convert, field_errors, fields, french, sentence
from mps.web.forms import blank, state_from


class Demo(msgspec.Struct, kw_only=True):
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=5, title="Nom", description="5 lettres au plus",
                                      extra={"error": "Indique un nom de 5 lettres au plus."})]
    mark: Annotated[Annotated[float, msgspec.Meta(ge=0, le=20)] | None, msgspec.Meta(title="Note")] = None
    tags: Annotated[list[str], msgspec.Meta(max_length=2, title="Étiquettes")] = []
    kind: Literal["a", "b"] = "a"


class FakeForm(dict):
    """What Litestar's FormMultiDict offers: get() and getall()."""

    def get(self, key, default=None):
        value = super().get(key, default)
        return value[-1] if isinstance(value, list) else value

    def getall(self, key, default=None):
        value = super().get(key, default if default is not None else [])
        return value if isinstance(value, list) else [value]


def test_fields_carry_label_hint_and_sentence_from_the_struct():
    info = fields(Demo)
    assert (info["name"].label, info["name"].hint, info["name"].required) == ("Nom", "5 lettres au plus", True)
    assert info["tags"].many and not info["mark"].many and info["mark"].label == "Note"


def test_every_bad_field_is_reported_at_once_not_only_the_first():
    errors = field_errors({"name": "toolong", "mark": "25", "tags": ["x", "y", "z"], "kind": "c"}, Demo)
    assert errors == {"name": "Indique un nom de 5 lettres au plus.",
                      "mark": "Attendu : un nombre inférieur ou égal à 20.",
                      "tags": "Au plus 2 éléments.", "kind": "Valeur inconnue 'c'."}


def test_a_missing_required_field_is_named():
    assert field_errors({}, Demo) == {"name": "Indique un nom de 5 lettres au plus."}
    with pytest.raises(Invalid) as err:
        convert({"mark": "3"}, Demo)
    assert err.value.field == "name"


def test_form_strings_become_numbers_with_a_decimal_comma():
    assert convert({"name": "Léa", "mark": "12,5"}, Demo).mark == 12.5
    assert convert({"name": "Léa", "mark": "12.5"}, Demo).mark == 12.5


def test_a_form_keeps_what_was_typed_and_decodes_when_valid():
    bad = state_from(FakeForm(name=" toolong ", mark="abc", tags=["x", "y", "z"]), Demo)
    assert bad.data is None and set(bad.errors) == {"name", "mark", "tags"}
    assert bad.value("name") == " toolong " and bad.value("mark") == "abc" and bad.chosen("tags") == ["x", "y", "z"]
    good = state_from(FakeForm(name=" Léa ", mark="", tags=["x"]), Demo)
    assert good.errors == {} and good.data == Demo(name="Léa", mark=None, tags=["x"])


def test_only_checks_the_fields_a_form_step_sends_and_extra_fields_are_kept():
    state = state_from(FakeForm(mark="30", ville="Lill"), Demo, only={"mark"}, extra={"ville": ("Ville", "")})
    assert state.errors == {"mark": "Attendu : un nombre inférieur ou égal à 20."}  # « name » is not this step's
    assert state.value("ville") == "Lill" and state.label("ville") == "Ville"
    state.add_error("ville", "Nous ne trouvons pas « Lill ».")
    state.add_error("ville", "second message is not kept")
    assert state.errors["ville"] == "Nous ne trouvons pas « Lill »."


def test_blank_form_marks_required_fields():
    state = blank(Demo, {"kind": "b"}, extra={"lycee": ("Lycée", "", True)})
    assert state.required("name") and state.required("lycee") and not state.required("mark")
    assert state.any_required and state.value("kind") == "b" and not state.errors


def test_french_and_sentence():
    assert french("Expected `str` matching regex '^x$'") == "format inattendu"
    assert sentence("attendu : un nombre") == "Attendu : un nombre."
    assert sentence("Déjà une phrase.") == "Déjà une phrase."


def test_form_int_takes_ascii_digits_within_range_only():  # and lib.validation.bounded_int under it
    from mps.web.forms import form_int
    assert [form_int(v) for v in ("12", " 7 ", "0", "2147483647")] == [12, 7, 0, 2147483647]
    # past the id columns, not digits to int(), signs, empty: None (a « not found », never an error)
    assert [form_int(v) for v in ("2147483648", "9" * 30, "9" * 5000, "²", "٣", "-1", "1e3", "", None)] == [None] * 9
    assert form_int("2101", 2024, 2100) is None and form_int("2030", 2024, 2100) == 2030
