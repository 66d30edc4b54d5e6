"""Places taught at a distance (catalogue/index.py remote_place) say so in every place object of the API and on
the suggestions page: `remote` true, no km (they have no coordinates), « à distance » where a km would be."""
import pytest

# Without a town, a suggestion shows its biggest places: the CNED's BTS Comptabilité et gestion is one of them.
PROFILE = {"classe": "terminale", "bac": "STMG", "specialites": ["Gestion et Finance"], "interets": ["ci29"],
           "metiers": ["MET_11"]}


@pytest.fixture(scope="module")
def catalogue(app_client):
    return app_client.app.state.catalogue.current


def test_every_place_object_of_the_api_says_whether_it_is_taught_at_a_distance(app_client, catalogue):
    remote = next(p for p in catalogue.places.values() if p.remote)
    detail = app_client.get(f"/api/v1/places/{remote.cod_aff_form}").json()
    assert detail["remote"] is True and detail["lat"] is None
    formation = app_client.get(f"/api/v1/formations/{remote.formation_id}").json()
    flags = {p["cod_aff_form"]: p["remote"] for p in formation["places"]}
    assert flags[remote.cod_aff_form] is True
    assert flags == {c: catalogue.places[c].remote for c in flags} and not all(flags.values())
    hits = app_client.get("/api/v1/formations", params={"q": "bts sio toulouse"}).json()["items"]
    assert any(p["remote"] for h in hits for p in h["places"])


def test_suggested_places_say_a_distance_instead_of_km(app_client, catalogue):
    items = app_client.post("/api/v1/suggestions?limit=20", json=PROFILE).json()["suggestions"]
    places = [p for s in items for p in s["places"]]
    assert all(p["remote"] == catalogue.places[p["cod_aff_form"]].remote for p in places)
    remote = [p for p in places if p["remote"]]
    assert remote and all(p["distance_km"] is None for p in remote)


def test_the_suggestions_page_says_a_distance(app_client):
    app_client.cookies.clear()
    app_client.get("/")  # CSRF cookie
    try:
        put = app_client.put("/api/v1/profile", json=PROFILE,
                             headers={"x-csrftoken": app_client.cookies.get("mps_csrftoken")})
        assert put.status_code == 200, put.text
        assert "– à distance" in app_client.get("/suggestions").text
    finally:
        app_client.cookies.clear()


def test_the_schema_documents_the_flag(app_client):
    schemas = app_client.get("/schema/openapi.json").json()["components"]["schemas"]
    for name in ("PlaceSummary", "PlaceDetail", "SuggestedPlace", "ChosenPlace"):
        assert schemas[name]["properties"]["remote"]["type"] == "boolean", name
