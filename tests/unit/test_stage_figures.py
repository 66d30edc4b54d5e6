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


def test_reach_follows_radius_and_reservations():
    from mps.domain.stages.figures.reach import reach
    from mps.domain.stages.figures.service import OfferPoint, Student

    lille, roubaix, lens = (50.6365, 3.0635), (50.6942, 3.1746), (50.4322, 2.8333)  # Roubaix 10.1 km, Lens 27.9 km
    offers = [OfferPoint(1, "59", *roubaix, 2, 2, "", ""), OfferPoint(2, "59", *roubaix, 3, 3, "ep", ""),
              OfferPoint(3, "62", *lens, 4, 4, "", ""), OfferPoint(4, "59", *lille, 5, 5, "schools", "|0590001A|"),
              OfferPoint(5, "59", *lille, 1, 0, "", "")]  # no seat left
    plain = Student("59", "", "0590258K", lille, 20)
    rep = Student("59", "REP", "0590002B", lille, 20)
    named = Student("59", "", "0590001A", lille, 5)
    far = Student("62", "", "", lens, 5)
    placed = Student("59", "", "", lille, 60, placed=True)
    by_dep, by_ep = reach(offers, [plain, rep, named, far, placed])
    assert (plain.reached, rep.reached, named.reached, far.reached, placed.reached) == (True, True, True, True, False)
    assert by_ep[""].tolist() == [True, False, True, True, False]  # plain: Roubaix; named: its school's; far: Lens
    assert by_ep["REP"].tolist() == [True, True, False, False, False]
    assert by_dep["59"].tolist() == [True, True, False, True, False]
    assert by_dep["62"].tolist() == [False, False, True, False, False]
    alone = Student("59", "", "", lille, 5)
    reach(offers, [alone])
    assert alone.reached is False  # Roubaix is 10 km away
