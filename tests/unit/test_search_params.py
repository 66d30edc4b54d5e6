"""search_params() reads a query string of words only (and a page) without asking each parser: every other
parameter is still read, checked and refused as before."""
import pytest

from mps.domain.catalogue.params import search_params
from mps.domain.catalogue.search import SearchParams
from mps.lib.errors import FieldError


def test_words_and_a_page_only_give_the_words_with_every_filter_unset():
    assert search_params(None, {"q": "  bts compta lille ", "page": "3"}) == SearchParams(q="bts compta lille")
    assert search_params(None, {}) == SearchParams()


@pytest.mark.parametrize("extra, field, value", [
    ({"near": "50.63,3.06"}, "near", (50.63, 3.06)),
    ({"near": "50.63,3.06", "radius_km": "12"}, "radius_km", 12.0),
    ({"selective": "oui"}, "selective", True),
    ({"apprentissage": "non"}, "apprenticeship", False),
    ({"academie": "Lille"}, "academie", "Lille"),
    ({"region": "Bretagne"}, "region", "Bretagne"),
])
def test_any_other_parameter_is_read(extra, field, value):
    assert getattr(search_params(None, {"q": "bts", **extra}), field) == value


@pytest.mark.parametrize("extra", [{"near": "nord"}, {"selective": "peut-être"}, {"radius_km": "-1"},
                                   {"academie": "x" * 81}])
def test_a_bad_value_beside_the_words_is_still_refused(extra):
    with pytest.raises(FieldError):
        search_params(None, {"q": "bts", **extra})


def test_too_many_words_are_refused_before_anything():
    with pytest.raises(FieldError):
        search_params(None, {"q": "a" * 201})
