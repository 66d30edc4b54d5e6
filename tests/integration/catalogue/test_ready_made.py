"""What is made once per catalogue version (encoded places, formation documents, place lists) is what would be
made fresh: the same bytes as the structs encoded, and never one visitor's town served to another."""
import re

import msgspec

from mps.domain.catalogue.presenters import place_summary, places_json
from mps.domain.catalogue.schemas import FormationDetail


def _biggest(app_client):
    cat = app_client.app.state.catalogue.current
    return cat, max(cat.formations.values(), key=lambda f: len(f.places))


def _fresh(f, near=None) -> dict:
    """The formation document built from structs, without anything made in advance."""
    from mps.lib.geo import distance_km
    places = [(p, distance_km(near[0], near[1], p.lat, p.lon) if near and p.lat is not None else None) for p in f.places]
    if near:
        places.sort(key=lambda t: (t[1] is None, t[1] or 0))
    doc = FormationDetail(f.id, f.label, f.family, f.family_label, f.selective, f.apprenticeship, len(f.places),
                          "", [place_summary(p, d) for p, d in places], f.selective_places, f.selectivity, f.type, f.type_label)
    return msgspec.to_builtins(doc)


def test_formation_documents_are_the_structs_encoded(app_client):
    cat, f = _biggest(app_client)
    for params, near in (({}, None), ({"near": "48.39,-4.49"}, (48.39, -4.49)), ({}, None)):  # twice: made, then kept
        r = app_client.get(f"/api/v1/formations/{f.id}", params=params)
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
        body, fresh = r.json(), _fresh(f, near)
        assert body.pop("onisep_url").startswith("https://www.onisep.fr/") and fresh.pop("onisep_url") == ""
        assert body == fresh
    distances = [p["distance_km"] for p in app_client.get(f"/api/v1/formations/{f.id}?near=48.39,-4.49").json()["places"]]
    assert distances[0] is not None and distances == sorted(d for d in distances if d is not None) + [None] * distances.count(None)


def test_every_place_s_json_is_made_with_the_catalogue_and_is_its_struct_encoded(app_client):
    cat = app_client.app.state.catalogue.current
    assert cat.place_json.keys() == cat.places.keys()  # before any search: none is made on a visitor's time
    pairs = [(p, None if i % 2 else i / 7) for i, p in enumerate(cat.places.values())]
    assert bytes(places_json(cat, [(p.cod_aff_form, d) for p, d in pairs])) == msgspec.json.encode(
        [place_summary(p, d) for p, d in pairs])
    assert bytes(places_json(cat, [])) == b"[]"


def test_search_places_are_the_structs_encoded(app_client):
    cat = app_client.app.state.catalogue.current
    body = app_client.get("/api/v1/formations", params={"q": "bts compta brest"}).json()
    assert body["items"]
    for item in body["items"]:
        for place in item["places"]:
            p = cat.places[place["cod_aff_form"]]
            assert place == msgspec.to_builtins(place_summary(p, place["distance_km"]))
            assert (place["distance_km"] is None) == p.remote  # taught at a distance: no km


def _place_list(html: str) -> str:
    return html.split('<ul class="mps-place-list">')[1].split("</article>")[0]


def test_a_kept_place_list_is_served_to_anonymous_visitors_only(app_client):
    cat, f = _biggest(app_client)
    app_client.cookies.clear()
    first = app_client.get(f"/formations/{f.id}").text
    kept = app_client.get(f"/formations/{f.id}").text
    assert _place_list(first) == _place_list(kept)
    assert "/fiches/%d" % f.places[0].cod_aff_form in _place_list(first)  # the formation's own order
    assert 'href="/formations/%s?page=2#lieux"' % f.id in _place_list(first)
    near = app_client.get(f"/formations/{f.id}", params={"ville": "Brest"}).text
    assert _place_list(near) != _place_list(first) and " km</strong>" in _place_list(near)
    assert "ville=Brest&amp;page=2" in _place_list(near)  # its pages keep the town
    again = app_client.get(f"/formations/{f.id}").text
    assert _place_list(again) == _place_list(first) and " km</strong>" not in _place_list(again)
    second = app_client.get(f"/formations/{f.id}", params={"page": "2"}).text
    assert _place_list(second) != _place_list(first)
    assert re.search(r'aria-current="page"[^>]*>2<', second)


def test_the_header_marks_the_current_section(app_client):
    html = app_client.get("/recherche").text
    assert re.search(r'href="/recherche" target="_self" aria-current="page"', html)
    assert not re.search(r'href="/" target="_self" aria-current', html)


def test_formation_documents_are_gzipped_for_clients_that_accept_it(app_client):
    cat, f = _biggest(app_client)
    for params in ({}, {"near": "48.39,-4.49"}):
        plain = app_client.get(f"/api/v1/formations/{f.id}", params=params, headers={"accept-encoding": "identity"})
        zipped = app_client.get(f"/api/v1/formations/{f.id}", params=params, headers={"accept-encoding": "gzip"})
        assert "content-encoding" not in plain.headers and zipped.headers["content-encoding"] == "gzip"
        assert zipped.headers["vary"] == "Accept-Encoding" and zipped.json() == plain.json()
        assert int(zipped.headers["content-length"]) < len(plain.content) / 5


def test_every_formation_s_search_item_is_its_struct_encoded(app_client):
    """formation_item_json joins parts made with the catalogue: the bytes of the FormationItem struct encoded, for
    every formation, with or without places, distances from none to far (km_json's tenths, halves included)."""
    from mps.domain.catalogue.presenters import formation_item_json, km_json
    from mps.domain.catalogue.schemas import FormationItem
    cat = app_client.app.state.catalogue.current
    assert cat.formation_item_json.keys() == cat.formations.keys()  # made before any search
    for i, f in enumerate(cat.formations.values()):
        pairs = [(p, None if (i + j) % 3 == 0 else (i * 7 + j) / 8) for j, p in enumerate(f.places[:5])]
        struct = FormationItem(f.id, f.label, f.family, len(f.places), [place_summary(p, d) for p, d in pairs],
                               f.type, f.type_label, f.selectivity)
        assert bytes(formation_item_json(cat, f.id, len(f.places), [(p.cod_aff_form, d) for p, d in pairs])) \
            == msgspec.json.encode(struct), f.id
    for d in (0.0, 0.05, 0.15, 0.25, 2.675, 12.349999, 12.35, 999.95, 1234.56, 20015.1, 1e-9):
        assert km_json(d) == msgspec.json.encode(round(d, 1)), d
