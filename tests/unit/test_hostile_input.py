"""The edge's rules on text and ids (mps.web.hostile_input); the requests themselves are fuzzed in
tests/integration/web/test_fuzz.py."""
from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Integer

import mps.db.models  # noqa: F401 - every table in Base.metadata
from mps.db.base import Base
from mps.web.hostile_input import ID_RANGE, text_refused


def test_no_id_column_is_wider_than_the_ids_the_edge_lets_through():
    """A path id beyond ID_RANGE answers 404 at the edge; a BIGINT column would need a wider range there."""
    ids = [c for t in Base.metadata.tables.values() for c in t.columns
           if isinstance(c.type, Integer) and (c.primary_key or c.foreign_keys)]  # (a bit mask may be wider)
    assert ids and not [str(c) for c in ids if isinstance(c.type, BigInteger)]
    assert ID_RANGE == (-(2**31), 2**31 - 1)


@pytest.mark.parametrize("value", ["a\x00b", "\x1b[2J", "x\x7f", "\ud800", "\x0b"])
def test_text_no_person_types_is_refused(value):
    assert text_refused(value) and text_refused(value, body=False)


def test_line_breaks_and_tabs_only_in_bodies():
    assert not text_refused("ligne 1\r\nligne 2\tfin")
    assert text_refused("ligne 1\nligne 2", body=False)
    assert not text_refused("Médecine, « prépa » — 🎓")
