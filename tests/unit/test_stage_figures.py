"""Stage figures, pure parts: postcodes to départements, the statistical secret on small counts of students."""
from __future__ import annotations

import pytest

from mps.domain.stages.figures.chart import shortfall_chart
from mps.domain.stages.figures.geography import departement_of, load_geography
from mps.domain.stages.figures.tables import Row, hide_small
from tests.conftest import ROOT


@pytest.mark.parametrize("postcode,code", [("59100", "59"), ("1000", "01"), ("20090", "2A"), ("20200", "2B"),
                                           ("97400", "974"), ("98800", "988"), ("", ""), ("ABCDE", ""),
                                           ("00100", ""), ("591", "")])
def test_departement_of_a_postcode(postcode, code):
    assert departement_of(postcode) == code


def test_departements_know_their_academie():
    geography = load_geography(ROOT / "data")
    assert [geography.academie_of(c) for c in ("59", "93", "2A", "974", "75")] == [
        "Lille", "Créteil", "Corse", "La Réunion", "Paris"]
    assert geography.departement_name("62") == "Pas-de-Calais"


def rows(*values: int) -> list[Row]:
    out = [Row(key=str(i), label=str(i), values={"searching": v}) for i, v in enumerate(values)]
    return out + [Row(key="total", label="Total", values={"searching": sum(values)}, total=True)]


def hidden(rs: list[Row]) -> list[str]:
    return [r.key for r in rs if "searching" in r.hidden]


@pytest.mark.parametrize("values,expected", [
    ((10, 20, 30), []),            # nothing small
    ((0, 20, 30), []),             # zero tells nothing about anyone
    ((3, 20, 30), ["0", "1"]),     # one small cell: the next smallest goes too, else total - others = 3
    ((3, 4, 30), ["0", "1"]),      # two small cells hide each other
    ((3, 0, 0), ["0", "total"]),   # the only non-zero row: the total equals it, hidden as small itself
    ((5, 20, 30), []),             # the threshold itself is shown
])
def test_small_counts_of_students_are_hidden(values, expected):
    rs = rows(*values)
    hide_small(rs)
    assert hidden(rs) == expected
    assert all(r.shown("searching") == "secret" for r in rs if r.key in expected)


def test_chart_shows_only_where_demand_exceeds_supply():
    a = Row("a", "A", {"searching": 30, "in_reach": 10})
    b = Row("b", "B", {"searching": 8, "in_reach": 20})
    c = Row("c", "C", {"searching": 3, "in_reach": 0}, hidden={"searching"})  # hidden: not drawn
    d = Row("d", "D", {"searching": 50, "in_reach": 5})
    chart = shortfall_chart([a, b, c, d, Row("total", "Total", {"searching": 91, "in_reach": 35}, total=True)])
    assert [r.label for r in chart.rows] == ["D", "A"]
    longest = chart.rows[0].bars[0]
    assert (longest.value, longest.pct) == (50, 62.0)
    assert chart.rows[1].bars[1].pct == 62.0 * 10 / 50
    assert shortfall_chart([b]) is None
