"""A number typed as text is read only from ASCII digits: str.isdigit() also takes « ² » (which int() refuses: a 500
on GET /api/v1/places/%C2%B2, found by the OpenAPI fuzz) and « ٣ » (which int() reads as 3)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from mps.domain.reminders.sender import parse_retry_after
from mps.domain.stages.figures.geography import UNKNOWN, departement_of
from mps.domain.stages.siret import siret_refusal
from mps.lib.text import digits_only
from mps.settings import load_settings

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "mps"


def test_digits_only_takes_ascii_digits_alone():
    assert digits_only("0123456789")
    assert not any(digits_only(t) for t in ("", "²", "1²", "٣", "12 3", "-1", "1.0", "¹²³"))


def test_each_reader_of_typed_numbers_refuses_other_digits(monkeypatch):
    assert siret_refusal("3560000000004²")  # a French sentence, not a ValueError
    assert departement_of("20²00") == UNKNOWN and departement_of("2²00") == UNKNOWN
    assert parse_retry_after("²") is None and parse_retry_after("120") == 120.0
    monkeypatch.setenv("MPS_SIGN_IN_PER_IP", "²")
    with pytest.raises(ValueError, match="MPS_SIGN_IN_PER_IP"):
        load_settings()


def test_no_module_reads_digits_with_isdigit():
    """str.isdigit() is used once, inside digits_only (and for the acronym words of labels, never read as numbers)."""
    users = [str(p.relative_to(BACKEND)) for p in BACKEND.rglob("*.py")
             if re.search(r"\.isdigit\(\)", p.read_text(encoding="utf-8"))]
    assert sorted(users) == ["domain/catalogue/vocabulary.py", "lib/text.py"]
