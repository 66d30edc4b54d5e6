import pytest

from mps.lib.geo import distance_km, parse_gps
from mps.lib.text import fold, place_key, slugify


@pytest.mark.parametrize("raw, folded", [
    ("Écoles d’Ingénieurs", "ecoles d ingenieurs"),
    ("BTS - Comptabilité et gestion", "bts comptabilite et gestion"),
    ("Cœur", "coeur"),
    ("  PSYCHOLOGIE ", "psychologie"),
])
def test_fold_ignores_accents_case_and_punctuation(raw, folded):
    assert fold(raw) == folded


def test_place_key_treats_saint_abbreviations_alike():
    assert place_key("St-Étienne") == place_key("SAINT ETIENNE") == "saint etienne"


def test_slugify_is_readable_and_bounded():
    assert slugify("BUT - Informatique") == "but-informatique"
    assert len(slugify("Licence " * 40)) <= 90


def test_distance_lille_paris_is_about_204_km():
    assert distance_km(50.6317, 3.0478, 48.8566, 2.3522) == pytest.approx(204, abs=3)


@pytest.mark.parametrize("raw, expected", [
    ("50.6011, 3.03281", (50.6011, 3.03281)),
    ("", None), ("abc", None), ("95, 3", None), ("48.1,", None),
])
def test_parse_gps(raw, expected):
    assert parse_gps(raw) == expected
