"""A subject quotes names people typed: every line boundary Python knows (str.splitlines) becomes one space, so the
email package neither refuses the message (a 500 with U+2028 in a student's name) nor lets a header in."""
from __future__ import annotations

import pytest

from mps.domain.accounts.mail import build_message

BOUNDARIES = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_the_list_is_every_boundary_of_splitlines():
    assert {c for c in map(chr, range(0x110000)) if len(f"a{c}b".splitlines()) > 1} == set("".join(BOUNDARIES))


@pytest.mark.parametrize("boundary", BOUNDARIES, ids=[hex(ord(b[-1])) for b in BOUNDARIES])
def test_a_name_with_a_line_boundary_stays_on_the_subject_line(boundary):
    msg = build_message("site@exemple.fr", "ce@ac-lille.fr", f"Convention de Léa Martin{boundary}Bcc: intrus@x.fr",
                        "Bonjour")
    raw = msg.as_bytes()
    assert msg["Subject"] == "Convention de Léa Martin Bcc: intrus@x.fr" and msg["Bcc"] is None
    assert b"\nBcc:" not in raw and b"\rBcc:" not in raw
