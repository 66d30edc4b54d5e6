"""Periods an offer is open for, and the dates they stand for.

Seconde (the two official June weeks, lib/school_calendar.py): `deux-semaines` (one student for both),
`semaine-1`, `semaine-2`. 3e: an ISO week of the school year, `2026-W05` (September to June).
A period the student asks for is found in every offer period that covers all of its days: `semaine-1`
finds offers for week 1 and for both weeks.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from mps.lib.errors import FieldError
from mps.lib.school_calendar import seconde_stage_weeks

NIVEAUX = {"seconde": "Seconde (stage de juin)", "3e": "3e (collège)"}
SECONDE_PERIODS = {"deux-semaines": "Les deux semaines", "semaine-1": "Semaine 1", "semaine-2": "Semaine 2"}
# ASCII digits, the whole code (fullmatch): `\d` and `$` took « ٢٠٢٧-W05 » and « 2027-W05\n », stored as sent beside
# « 2027-W05 »: the same week twice in one offer, under codes a student's search never names.
_ISO_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


class Span(NamedTuple):
    code: str
    starts_on: date
    ends_on: date


def board_year(today: date) -> int:
    """The June the board is preparing: until June it is this year's, from July next year's."""
    return today.year + 1 if today.month >= 7 else today.year


def seconde_span(code: str, school_year: int) -> Span:
    first, second = seconde_stage_weeks(school_year)
    if code == "semaine-1":
        return Span(code, first.monday, first.friday)
    if code == "semaine-2":
        return Span(code, second.monday, second.friday)
    if code == "deux-semaines":
        return Span(code, first.monday, second.friday)
    raise FieldError("periodes", "pour la seconde : deux-semaines, semaine-1 ou semaine-2")


def iso_week_span(code: str, school_year: int) -> Span:
    """'2026-W05' -> its Monday–Friday, refused outside September (school_year - 1) – June (school_year)."""
    m = _ISO_WEEK.fullmatch(code)
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1) if m else None
    except ValueError:
        monday = None
    if monday is None:
        raise FieldError("periodes", f"semaine inconnue « {code[:20]} » (attendu : 2026-W05, une semaine ISO)")
    if not date(school_year - 1, 9, 1) <= monday <= date(school_year, 6, 30):
        raise FieldError("periodes", f"la semaine {code} n'est pas dans l'année scolaire {school_year - 1}-{school_year}")
    return Span(code, monday, monday + timedelta(days=4))


def span_of(niveau: str, code: str, school_year: int) -> Span:
    return seconde_span(code, school_year) if niveau == "seconde" else iso_week_span(code, school_year)


def school_weeks(school_year: int) -> list[Span]:
    """Every Monday–Friday week of the school year, for the 3e form's choices."""
    day = date(school_year - 1, 9, 1)
    day += timedelta(days=(7 - day.weekday()) % 7)
    out = []
    while day <= date(school_year, 6, 30):
        year, week, _ = day.isocalendar()
        out.append(Span(f"{year}-W{week:02d}", day, day + timedelta(days=4)))
        day += timedelta(days=7)
    return out


# -- the offer's period mask (stage_offers.period_mask, migration 0030) -----------------------------------
# One bit per period with a seat left, so the search's period filter is a test on the offer row instead of a
# look-up of its periods. A 3e week's bit is its ISO week number (1..53: the Mondays of one school year,
# September to June, never share one); seconde's codes take bits 54..56. An offer's periods all fall in its
# school year (check_offer, duplicate_for_next_year): the search also tests stage_offers.school_year.
SECONDE_BITS = {"deux-semaines": 54, "semaine-1": 55, "semaine-2": 56}


def period_bit(code: str) -> int:
    """The bit of one period code (as stored: a seconde code or an ISO week « 2026-W05 »)."""
    if code in SECONDE_BITS:
        return 1 << SECONDE_BITS[code]
    m = _ISO_WEEK.fullmatch(code)
    if not m:
        raise ValueError(f"unknown period code {code!r}")
    return 1 << int(m.group(2))


def period_mask(codes) -> int:
    """The mask of an offer's periods with a seat left (their codes)."""
    mask = 0
    for code in codes:
        mask |= period_bit(code)
    return mask


def wanted_mask(periode: str, school_year: int, today: date) -> int:
    """The bits of the periods that answer a search for `periode`: those covering all of its days and not yet
    begun (the periods' dates are span_of(code, school year) of their offer's school year)."""
    if periode not in SECONDE_PERIODS:  # 3e: one-week periods, only the same week covers it
        span = iso_week_span(periode, school_year)
        return period_bit(periode) if span.starts_on > today else 0
    asked = seconde_span(periode, school_year)
    mask = 0
    for code in SECONDE_PERIODS:
        span = seconde_span(code, school_year)
        if span.starts_on <= asked.starts_on and span.ends_on >= asked.ends_on  and span.starts_on > today:
            mask |= period_bit(code)
    return mask


def period_label(niveau: str, code: str, school_year: int) -> str:
    span = span_of(niveau, code, school_year)
    days = f"du {span.starts_on.day}/{span.starts_on.month:02d} au {span.ends_on.day}/{span.ends_on.month:02d}"
    return f"{SECONDE_PERIODS[code]} ({days})" if niveau == "seconde" else f"Semaine {days}"


def next_year_code(niveau: str, code: str) -> str | None:
    """The same period a year later (duplicate for next year): seconde codes stay; a 3e week keeps its number."""
    if niveau == "seconde":
        return code
    m = _ISO_WEEK.fullmatch(code)
    if not m:
        return None
    try:
        date.fromisocalendar(int(m.group(1)) + 1, int(m.group(2)), 1)
    except ValueError:
        return None
    return f"{int(m.group(1)) + 1}-W{m.group(2)}"


def period_short(code: str) -> str:
    """A period code as a student reads it in a list: « semaine 1 », « semaine du 26/01 »."""
    if code in SECONDE_PERIODS:
        return SECONDE_PERIODS[code].lower()
    m = _ISO_WEEK.fullmatch(code)
    if not m:
        return code
    monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    return f"semaine du {monday.day}/{monday.month:02d}"
