from datetime import date

import pytest

from mps.lib.school_calendar import school_year_of, seconde_stage_weeks


@pytest.mark.parametrize("year, first_monday, last_friday", [
    (2025, date(2025, 6, 16), date(2025, 6, 27)),  # PRODUCT.md and the ministry's 2025 note
    (2026, date(2026, 6, 15), date(2026, 6, 26)),
    (2027, date(2027, 6, 14), date(2027, 6, 25)),
    (2028, date(2028, 6, 19), date(2028, 6, 30)),  # 30 June 2028 is itself a Friday
    (2029, date(2029, 6, 18), date(2029, 6, 29)),
])
def test_stage_de_seconde_is_the_last_two_full_weeks_before_july(year, first_monday, last_friday):
    first, second = seconde_stage_weeks(year)
    assert first.monday == first_monday and second.friday == last_friday
    assert second.monday - first.monday == date(2000, 1, 8) - date(2000, 1, 1)
    for week in (first, second):
        assert week.monday.weekday() == 0 and week.friday.weekday() == 4
        assert (week.friday - week.monday).days == 4


def test_school_year_starts_in_september():
    assert school_year_of(date(2025, 9, 1)) == 2025
    assert school_year_of(date(2026, 8, 31)) == 2025
    assert school_year_of(date(2026, 6, 15)) == 2025
