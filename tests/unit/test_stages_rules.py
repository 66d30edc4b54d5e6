"""Stage board rules without a database: SIRET keys, periods and their dates, the early-access window."""
from datetime import date, datetime, timedelta, timezone

import pytest

from mps.domain.stages.board import Board
from mps.domain.stages.periods import SECONDE_PERIODS, board_year, iso_week_span, next_year_code, period_bit, \
    period_mask, school_weeks, seconde_span, span_of, wanted_mask
from mps.domain.stages.siret import siret_refusal
from mps.lib.errors import FieldError


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "552.100.554.00013",
                                   "35600000000048",   # La Poste's head office: passes Luhn too
                                   "35600000049837"])  # a La Poste office: Luhn fails, digits sum to a multiple of 5
def test_valid_sirets(siret):
    assert siret_refusal(siret) is None


@pytest.mark.parametrize("siret,why", [("73282932000075", "n'existe pas"), ("7328293200007", "14 chiffres"),
                                       ("7328293200007A", "14 chiffres"), ("", "14 chiffres"),
                                       ("35600000049838", "n'existe pas"),  # La Poste, sum not a multiple of 5
                                       ("12300000049837", "n'existe pas")])  # the exception is La Poste's only
def test_refused_sirets(siret, why):
    assert why in siret_refusal(siret)


def test_seconde_periods_are_the_official_june_weeks():
    assert seconde_span("semaine-1", 2026)[1:] == (date(2026, 6, 15), date(2026, 6, 19))
    assert seconde_span("semaine-2", 2026)[1:] == (date(2026, 6, 22), date(2026, 6, 26))
    assert seconde_span("deux-semaines", 2027)[1:] == (date(2027, 6, 14), date(2027, 6, 25))
    with pytest.raises(FieldError) as e:
        seconde_span("semaine-3", 2026)
    assert e.value.field == "periodes"


def test_iso_weeks_of_the_school_year_only():
    assert iso_week_span("2026-W05", 2026)[1:] == (date(2026, 1, 26), date(2026, 1, 30))
    # no week 53 in 2026; July is not school time; a week is named in ASCII digits, nothing after it (they were
    # stored as sent: the same week twice in one offer)
    for bad in ("2026-W53", "2026-05", "2025-W30", "2026-W30", "2026-W05\n", "\u0662\u0660\u0662\u0666-W05",
                "2026-W\u0660\u0665", "2026-W05x"):
        with pytest.raises(FieldError):
            iso_week_span(bad, 2026)
    weeks = school_weeks(2026)
    assert weeks[0].starts_on == date(2025, 9, 1) and weeks[-1].starts_on <= date(2026, 6, 30)
    assert all(w.starts_on.weekday() == 0 for w in weeks) and 40 <= len(weeks) <= 44


@pytest.mark.parametrize("year", [2026, 2027, 2032])
def test_period_bits_are_distinct_within_a_school_year(year):
    codes = [*SECONDE_PERIODS, *(w.code for w in school_weeks(year))]
    bits = [period_bit(c) for c in codes]
    assert len(set(bits)) == len(codes) and period_mask(codes) == sum(bits) and period_mask(codes) < 2 ** 63


@pytest.mark.parametrize("year", [2026, 2027])
def test_wanted_mask_holds_the_periods_covering_the_asked_days_not_yet_begun(year):
    """What the search's period filter used to ask of each period row (a seat left aside), for every period
    asked and days around each start: the periods whose dates cover all the asked days and begin after today."""
    weeks = school_weeks(year)
    for niveau, codes in (("seconde", list(SECONDE_PERIODS)), ("3e", [w.code for w in weeks])):
        starts = sorted({span_of(niveau, c, year).starts_on for c in codes})
        days = sorted({d + timedelta(days=k) for d in starts[:3] + starts[-3:] for k in (-1, 0, 1)})
        for asked in codes[:3] + codes[-3:]:
            a = span_of(niveau, asked, year)
            for today in days:
                spans = {c: span_of(niveau, c, year) for c in codes}
                expected = {c for c, s in spans.items()
                            if today < s.starts_on <= a.starts_on and s.ends_on >= a.ends_on}
                got = {c for c in codes if wanted_mask(asked, year, today) & period_bit(c)}
                assert got == expected, (asked, today)
    first, second = seconde_span("semaine-1", year), seconde_span("semaine-2", year)
    # Week 1 has begun: « deux-semaines » too, so only week 2's own periods answer week 2.
    assert wanted_mask("semaine-2", year, first.starts_on) == period_bit("semaine-2")
    assert wanted_mask("semaine-1", year, first.starts_on - timedelta(days=1)) == (
        period_bit("semaine-1") | period_bit("deux-semaines"))
    assert wanted_mask("deux-semaines", year, second.starts_on) == 0


def test_board_year_and_next_year_codes():
    assert board_year(date(2026, 6, 30)) == 2026 and board_year(date(2026, 7, 1)) == 2027
    assert next_year_code("seconde", "semaine-2") == "semaine-2"
    assert next_year_code("3e", "2026-W05") == "2027-W05"
    assert next_year_code("3e", "2020-W53") is None  # 2021 has no week 53


def test_early_access_window_comes_from_the_calendar_data():
    board = Board(sectors={}, sector_domains={}, calendar={"defaut": {"acces_anticipe_jours": 3},
                                                           "2027": {"acces_anticipe_jours": 10,
                                                                    "ouverture_tous": "2027-01-11"}})
    published = datetime(2027, 1, 20, 9, tzinfo=timezone.utc)
    assert board.open_to_all_at(2027, published) == published + timedelta(days=10)
    early = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)  # before the opening date: waits for it
    assert board.open_to_all_at(2027, early).date() == date(2027, 1, 11)
    assert board.open_to_all_at(2030, published) == published + timedelta(days=3)  # a year not listed: default


def test_the_board_offers_the_51_sectors_each_linked_to_a_domain():
    """The 51 sectors of the national list (s1…s51, shared/data/stages/secteurs.json), each with its label and at
    least one profile domain: a sector without one could never be highlighted for a student's favourites."""
    from pathlib import Path

    from mps.domain.stages.board import load_board
    board = load_board(Path(__file__).resolve().parents[2] / "data")
    assert sorted(board.sectors, key=lambda s: int(s[1:])) == [f"s{n}" for n in range(1, 52)]
    assert all(label.strip() for label in board.sectors.values())
    assert [s for s in board.sectors if not board.sector_domains.get(s)] == []
    assert board.sectors_for_domains({"dom27"}) >= {"s43"}  # Santé
