"""Browsing types over the whole shipped catalogue: what a student recognises, on the home page's chips,
the search page's « Type de formation » and `famille=` of search (the offline search: golden corpus)."""
import re

import pytest

from mps.domain.catalogue.formation_types import CATCH_ALL, TYPES
from mps.domain.catalogue.params import search_params
from mps.domain.catalogue.vocabulary import FAMILIES
from mps.lib.errors import FieldError
from mps.lib.text import fold
from tests.integration.catalogue.test_pages import get_page

# A label a student reads: a capital first, words (no code's underscore), no English word.
FRENCH = re.compile(r"^[A-ZÉ][^\W_]*(?:[ '’().,/+-]+[^\W_]*)*$")
ENGLISH = {"other", "school", "training", "degree", "and", "of", "the", "university", "vocational"}


@pytest.fixture(scope="module")
def cat(app_client):
    return app_client.app.state.catalogue.current


def test_autre_formation_is_a_small_remainder_and_every_type_is_french(cat):
    counts = {code: n for code, _, n in cat.types}
    assert sum(counts.values()) == len(cat.formations)
    assert counts[CATCH_ALL] <= 0.10 * len(cat.formations)
    assert sum(f.family == CATCH_ALL for f in cat.formations.values()) > 0.4 * len(cat.formations)  # Parcoursup's
    assert all(n >= 1 for n in counts.values())
    for code, label, _ in cat.types:
        assert code in TYPES and label == TYPES[code][0] and FRENCH.match(label), (code, label)
        assert not ENGLISH & set(fold(label).split()), label
    labels = [label for _, label, _ in cat.types]
    for wanted in ("DN MADE", "CPES", "CUPGE", "BPJEPS", "Sciences Po", "vétérinaire", "paramédical", "DEUST"):
        assert any(wanted in label for label in labels), wanted


def test_the_family_stays_parcoursups(cat):
    dn_made = [f for f in cat.formations.values() if f.group_label == "DN MADE"]
    assert dn_made and all(f.family == CATCH_ALL and f.type == "DN_MADE" for f in dn_made)
    assert all(f.type == f.family for f in cat.formations.values() if f.family != CATCH_ALL)


def test_famille_filters_the_type_with_the_chips_counts(cat):
    for code, label, n in cat.types:
        for raw in (code, label.upper()):
            hits = cat.search.search(search_params(cat, {"famille": raw})).hits
            assert len(hits) == n and {cat.formations[h.formation_id].type for h in hits} == {code}, raw
    # « Autre formation » is what no type names (its chip), not Parcoursup's whole family.
    rest = cat.search.search(search_params(cat, {"famille": "Autre formation"})).hits
    assert not any(cat.formations[h.formation_id].group_label == "DN MADE" for h in rest)


def test_every_family_code_still_filters(cat):
    present = {f.family for f in cat.formations.values()}
    for code in FAMILIES.keys() & present:
        assert search_params(cat, {"famille": code}).family == code
    with pytest.raises(FieldError) as err:
        search_params(cat, {"famille": "Licorne"})
    assert err.value.field == "famille" and "DN_MADE" in str(err.value)


def test_pages_list_the_types_with_their_counts(app_client, cat):
    n = {code: count for code, _, count in cat.types}
    home = get_page(app_client, "/")
    assert f"DN MADE (design et métiers d'art) · {n['DN_MADE']}" in home.body
    assert "/recherche?famille=DN_MADE" in home.links and f"Autre formation · {n[CATCH_ALL]}" in home.body
    page = get_page(app_client, "/recherche?famille=Sport_animation")
    assert f"Sport et animation (BPJEPS, DEJEPS) ({n['Sport_animation']})" in page.body
    assert f"{n['Sport_animation']} formations" in page.body and "BPJEPS - Spécialité" in page.body
    bad = app_client.get("/api/v1/formations", params={"famille": "Licorne"})
    assert bad.status_code == 400 and "famille" in bad.text


def test_a_formation_page_leads_back_to_its_type(app_client, cat):
    f = next(f for f in cat.formations.values() if f.type == "Cycle_preparatoire")
    page = get_page(app_client, f"/formations/{f.id}")
    assert "/recherche?famille=Cycle_preparatoire" in page.links
    assert "Cycle préparatoire (CPES, CUPGE)" in page.body and "cycles universitaires préparatoires" in page.body


def test_the_select_shows_the_type_however_it_was_written(app_client):
    html = app_client.get("/recherche", params={"famille": "sport et animation (bpjeps, dejeps)"}).text
    select = html.split('id="famille"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)" selected>', select) == ["Sport_animation"]


def test_the_snapshot_carries_each_formations_type(app_client, cat):
    snap = app_client.get("/api/v1/catalogue/snapshot", headers={"Accept-Encoding": "identity"}).json()
    assert snap["types"] == {code: [label, list(TYPES[code][1])] for code, label, _ in cat.types}
    ti = snap["formation_fields"].index("type")
    got = {row[0]: snap["strings"][row[ti]] for row in snap["formations"]}
    assert got == {fid: f.type for fid, f in cat.formations.items()}
