"""Places taught at a distance (the CNED, « Entièrement en distanciel »): their address is an office's, so they
show « à distance », never a km figure, and neither win nor lose on distance: a search around a town lists them
with the formations it finds there, after the places one can measure (catalogue/index.py remote_place, place_pool.py
remote)."""
import pytest

from mps.domain.catalogue.index import remote_place
from mps.domain.catalogue.search import SearchParams

SIO = "bts-services-services-informatiques-aux-organisations"


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


def test_what_reads_as_taught_at_a_distance():
    assert remote_place("CNED", "Entièrement en distanciel") and remote_place("Institut Agro Enseignement à distance", "")
    assert remote_place("Université de Caen", "Parcours Anglais – Entièrement en distanciel")
    assert remote_place("Université Côte d'Azur", "A distance depuis le site de Nice")
    assert not remote_place("Lycée Ozenne", "") and not remote_place("Lycée des Lumières", "Parcours distances")


def test_a_remote_place_has_no_distance_and_is_kept_last_around_its_office(catalogue):
    remote = [p for p in catalogue.places.values() if p.remote]
    assert len(remote) > 50 and all(p.lat is None for p in remote)
    hit = next(h for h in catalogue.search.search(SearchParams(q="bts sio chasseneuil du poitou")).hits
               if h.formation_id == SIO)
    cned = [(c, d) for c, d in hit.places if catalogue.places[c].etablissement == "CNED"]
    assert cned and all(d is None for _, d in cned) and hit.places[-1] in cned  # was first, at 0.1 km
    assert hit.places[0][1] is not None and hit.nearest_km == hit.places[0][1]


def test_a_remote_place_is_listed_far_from_its_office_but_never_finds_a_formation_alone(catalogue):
    sio = next(h for h in catalogue.search.search(SearchParams(q="bts sio toulouse")).hits if h.formation_id == SIO)
    assert catalogue.places[sio.places[-1][0]].remote and sio.places[0][1] < 5  # the CNED, last, no km
    hits = catalogue.search.search(SearchParams(q="bts gestion forestiere brest")).hits
    assert all(not catalogue.places[c].remote for h in hits for c, _ in h.places[:1])  # found by a place around Brest


def test_pages_say_a_distance_instead_of_km(app_client, catalogue):
    html = app_client.get("/recherche?q=bts+sio+poitiers").text
    assert "CNED" in html and ", à distance" in html
    html = app_client.get("/formations/bts-agricole-gestion-forestiere?ville=Lempdes").text  # the CNPR's town
    assert "<strong>à distance</strong>" in html and "Enseignement à distance" in html
