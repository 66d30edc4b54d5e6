"""A favourite place taught at a distance shows « à distance » (no km: it has no coordinates) on the /favoris
pages, and `remote` in the favourites API."""
from __future__ import annotations

from tests.integration.accounts.fixtures import Browser
from tests.integration.favourites.helpers import catalogue


def test_a_remote_place_chosen_in_a_favourite_says_a_distance(site):
    remote = next(p for p in catalogue(site).places.values() if p.remote)
    browser = Browser(site)
    browser.post_form("/favoris/ajouter", {"formation_id": remote.formation_id})
    browser.post_form(f"/favoris/{remote.formation_id}/lieux", {"places": [str(remote.cod_aff_form)]})
    assert "à distance ·" in browser.get(f"/favoris/{remote.formation_id}/lieux").text  # chosen: listed first
    place = browser.get("/api/v1/favourites").json()["formations"][0]["places"][0]
    assert (place["cod_aff_form"], place["remote"], place["distance_km"]) == (remote.cod_aff_form, True, None)
    assert " · à distance" in browser.get("/favoris").text
