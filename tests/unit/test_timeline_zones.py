"""Time zones: Parcoursup deadlines are 23:59 Paris time, shown in the student's local time overseas."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from mps.domain.timeline.zones import METROPOLE, deadline_utc, deadline_words, zone_of_code, zone_of_town


@pytest.mark.parametrize("label, zone", [
    ("Saint-Denis (974)", "Indian/Reunion"), ("Saint-Denis (93)", "Europe/Paris"),
    ("Mamoudzou (976)", "Indian/Mayotte"), ("Pointe-à-Pitre (971)", "America/Guadeloupe"),
    ("Fort-de-France (972)", "America/Martinique"), ("Cayenne (973)", "America/Cayenne"),
    ("Nouméa (988)", "Pacific/Noumea"), ("Papeete (987)", "Pacific/Tahiti"),
    ("Saint-Pierre (975)", "America/Miquelon"), ("Ajaccio (2A)", "Europe/Paris"), ("Lille (59)", "Europe/Paris"),
])
def test_zone_of_the_profile_town(label, zone):
    assert zone_of_town(label).name == zone


def test_a_town_without_code_says_nothing_and_postcodes_work():
    assert zone_of_town("Lille") is None and zone_of_town(None) is None
    assert zone_of_code("98800").name == "Pacific/Noumea" and zone_of_code("97400").name == "Indian/Reunion"
    assert zone_of_code("75005") is METROPOLE and zone_of_code("") is METROPOLE


def test_deadline_is_2359_paris_winter_and_summer():
    assert deadline_utc(date(2026, 3, 12)) == datetime(2026, 3, 12, 22, 59, tzinfo=timezone.utc)  # CET
    assert deadline_utc(date(2026, 4, 1)) == datetime(2026, 4, 1, 21, 59, tzinfo=timezone.utc)  # CEST


def test_deadline_words_in_local_time_overseas():
    assert deadline_words(date(2026, 3, 12), METROPOLE) == "jusqu'au jeudi 12 mars à 23\u00a0h\u00a059 (heure de Paris)"
    assert deadline_words(date(2026, 3, 12), zone_of_code("974")) == \
        "jusqu'au jeudi 12 mars à 23\u00a0h\u00a059 (heure de Paris), soit le vendredi 13 mars à 2\u00a0h\u00a059 à La Réunion"
    assert deadline_words(date(2026, 3, 12), zone_of_code("987")).endswith(
        "soit le même jour à 12\u00a0h\u00a059 en Polynésie française")
    # Summer time in Paris, none in Guadeloupe: 6 hours behind
    assert deadline_words(date(2026, 4, 1), zone_of_code("971")).endswith("soit le même jour à 17\u00a0h\u00a059 en Guadeloupe")
    assert deadline_words(date(2026, 4, 1), zone_of_code("988")).endswith(
        "soit le jeudi 2 avril à 8\u00a0h\u00a059 en Nouvelle-Calédonie")
