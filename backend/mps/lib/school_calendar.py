"""Dates of the French school year that follow a rule rather than a decree.

The stage de seconde (observation stage, PRODUCT.md) takes the last two full Monday–Friday weeks
ending on the last Friday before 1 July: 16–27 June 2025, 15–26 June 2026, 14–25 June 2027. The
timeline, the reminders and the stage board all read it from here.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple


class Week(NamedTuple):
    monday: date
    friday: date


def school_year_of(day: date) -> int:
    """The year a school year starts in: 1 September 2025 – 31 August 2026 is 2025."""
    return day.year if day.month >= 9 else day.year - 1


def seconde_stage_weeks(end_year: int) -> tuple[Week, Week]:
    """The two weeks of the stage de seconde in June of `end_year` (the year the school year ends)."""
    last_friday = date(end_year, 6, 30)
    last_friday -= timedelta(days=(last_friday.weekday() - 4) % 7)  # Friday is weekday 4
    second = Week(last_friday - timedelta(days=4), last_friday)
    first = Week(second.monday - timedelta(days=7), second.friday - timedelta(days=7))
    return first, second


# The stage de seconde's periods on the board and the weeks each covers: one two-week stage, or two one-week
# stages (possibly in two structures). The stage board's placement rule and the timeline's task both read it.
SECONDE_WEEKS = {"deux-semaines": frozenset({"semaine-1", "semaine-2"}), "semaine-1": frozenset({"semaine-1"}),
                 "semaine-2": frozenset({"semaine-2"})}


def seconde_stage_covered(codes: list[str]) -> bool:
    """Do these confirmed periods cover both weeks of the stage de seconde?"""
    covered = frozenset().union(*(SECONDE_WEEKS.get(c, frozenset()) for c in codes))
    return covered >= SECONDE_WEEKS["deux-semaines"]
