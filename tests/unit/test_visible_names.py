"""A name or a title someone else reads shows at least one letter or digit (mps.lib.validation.VISIBLE): made only of
invisible characters it was accepted and showed as nothing. One rule, on every Struct field that names someone or
something, with one French sentence for forms and API alike."""
from __future__ import annotations

import unicodedata
from typing import Annotated

import msgspec
import pytest

from mps.domain.classes.schemas import ClassIn, JoinIn
from mps.domain.family.schemas import LinkIn
from mps.domain.reminders.schemas import SubscriptionIn
from mps.domain.stages.agreements.schemas import HostPartIn, SchoolPartIn, StudentPartIn
from mps.domain.stages.applications.schemas import ApplicationFormIn, ApplicationIn
from mps.domain.stages.pages.partner_tokens import TokenIn
from mps.domain.stages.schemas import OfferIn, OrganisationIn
from mps.domain.timeline.schemas import ClassEventIn
from mps.lib.validation import NOT_VISIBLE, VISIBLE, VISIBLE_OR_EMPTY, field_errors, french, sentence

WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e",  # zero-width, soft hyphen
    "\u0301\u0308", "\u20dd", "\u034f",  # combining marks alone (an enclosing circle, the grapheme joiner)
    "\u3164", "\u115f\u1160", "\uffa0", "\u2800",  # Hangul fillers, Braille blank
    WHITESPACE, "\u00a0\u202f\u3000\u2028", "_-.", "\u200b" * 6 + " " * 6,
]
SHOWN = ["Léa", "É", "王", "Ἀλέξανδρος", "محمد", "Nguyễn", "2nde 4", "O'Neil", "C++", "e\u0301", "ß", "Ø"]


class Name(msgspec.Struct):
    name: Annotated[str, msgspec.Meta(pattern=VISIBLE)]
    optional: Annotated[str, msgspec.Meta(pattern=VISIBLE_OR_EMPTY)] = ""


@pytest.mark.parametrize("text", INVISIBLE)
def test_a_name_of_invisible_characters_is_refused_in_french(text):
    with pytest.raises(msgspec.ValidationError) as refused:
        msgspec.convert({"name": text}, Name)
    assert french(str(refused.value).split(" - at ")[0]) == NOT_VISIBLE
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert({"name": "Léa", "optional": text}, Name)


@pytest.mark.parametrize("text", SHOWN)
def test_a_name_showing_a_letter_or_digit_passes(text):
    assert msgspec.convert({"name": text, "optional": text}, Name).name == text
    assert msgspec.convert({"name": text}, Name).optional == ""


def test_nothing_that_prints_as_a_letter_is_missed():
    """Every code point the rule lets through alone is a letter or a digit for Unicode, never a mark, a format
    character or a space (the Hangul fillers are letters that print blank: refused by name)."""
    import re
    visible = re.compile(VISIBLE)
    for c in map(chr, range(0x110000)):
        if visible.search(c):
            assert unicodedata.category(c)[0] in "LN", hex(ord(c))


# Every field that names a person or a thing someone else reads (or the person's own device).
NAME_FIELDS = [(ClassIn, "label"), (JoinIn, "first_name"), (OrganisationIn, "name"), (OfferIn, "title"),
               (StudentPartIn, "last_name"), (StudentPartIn, "first_name"), (StudentPartIn, "class_label"),
               (StudentPartIn, "guardian_name"), (SchoolPartIn, "head_name"), (HostPartIn, "signer_name"),
               (HostPartIn, "signer_function"), (HostPartIn, "tutor_name"), (HostPartIn, "tutor_function"),
               (ApplicationIn, "prenom"), (ApplicationFormIn, "prenom"), (TokenIn, "label"), (ClassEventIn, "title"),
               (LinkIn, "label"), (SubscriptionIn, "label")]


@pytest.mark.parametrize("struct, name", NAME_FIELDS, ids=[f"{s.__name__}.{n}" for s, n in NAME_FIELDS])
def test_every_name_field_refuses_invisible_text_with_the_same_sentence(struct, name):
    """Forms read field_errors: the field's own sentence (« 2 à 120 caractères ») gives way to NOT_VISIBLE."""
    errors = field_errors({name: "\u200b\u200d\ufeff\u3164\u00ad"}, struct)
    assert errors[name] == sentence(NOT_VISIBLE)
    assert name not in field_errors({name: "Élodie Martin"}, struct)
