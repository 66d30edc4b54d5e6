"""The catalogue API contract, and its errors: 400 naming the field, 404 for unknown ids, never a 500."""
import pytest


def test_search_contract(app_client):
    r = app_client.get("/api/v1/formations", params={"q": "bts compta lille"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"total", "items"} and body["total"] == len(body["items"]) >= 1
    item = body["items"][0]
    assert set(item) == {"id", "label", "family", "places_count", "places", "type", "type_label", "selectivity"}
    assert item["id"] == "bts-services-comptabilite-et-gestion" and item["family"] == "BTS"
    assert (item["type"], item["type_label"]) == ("BTS", "BTS") and item["selectivity"].startswith("Sélective")
    place = item["places"][0]
    assert set(place) == {"cod_aff_form", "etablissement", "commune", "departement", "lat", "lon",
                          "distance_km", "taux_acces", "option", "selective", "remote", "statut_code"}
    assert place["commune"] == "Lille" and place["distance_km"] < 2 and place["remote"] is False
    assert place["statut_code"] in {"public", "sous_contrat", "superieur", "hors_contrat", "prive"}


def test_near_sorts_places_and_radius_filters(app_client):
    lille = "50.6317,3.0478"
    body = app_client.get("/api/v1/formations", params={"famille": "BTS", "near": lille, "radius_km": "15"}).json()
    assert body["total"] > 10
    cat = app_client.app.state.catalogue.current
    for item in body["items"]:
        d = [p["distance_km"] for p in item["places"] if p["distance_km"] is not None]
        assert d == sorted(d) and max(d, default=0) <= 15
        remote = [p for p in item["places"] if p["distance_km"] is None]  # taught at a distance: no km, last
        assert all(cat.places[p["cod_aff_form"]].remote for p in remote) and item["places"][len(d):] == remote
        assert len(item["places"]) == min(20, item["places_count"])


def test_filters_and_pagination(app_client):
    first = app_client.get("/api/v1/formations", params={"famille": "BTS", "departement": "75"}).json()
    second = app_client.get("/api/v1/formations", params={"famille": "BTS", "departement": "75", "page": "2"}).json()
    assert first["total"] == second["total"] > 20
    ids1, ids2 = {i["id"] for i in first["items"]}, {i["id"] for i in second["items"]}
    assert len(ids1) == 20 and ids2 and not ids1 & ids2
    assert all(i["family"] == "BTS" for i in first["items"])
    assert all(p["departement"] == "Paris" for i in first["items"] for p in i["places"])
    # « Autre formation » is split into types a student recognises: an item says its own, as famille= takes it.
    dn = app_client.get("/api/v1/formations", params={"famille": "DN_MADE"}).json()["items"]
    assert dn and all((i["type"], i["family"]) == ("DN_MADE", "Autre formation") for i in dn)
    assert dn[0]["type_label"] == "DN MADE (design et métiers d'art)"
    sel = app_client.get("/api/v1/formations", params={"q": "licence droit", "selective": "false"}).json()
    assert sel["total"] > 0


def test_formation_and_place(app_client):
    f = app_client.get("/api/v1/formations/but-informatique", params={"near": "47.2184,-1.5536"}).json()
    assert f["label"] == "BUT - Informatique" and f["places_count"] == len(f["places"])
    distances = [p["distance_km"] for p in f["places"] if p["distance_km"] is not None]
    assert distances == sorted(distances) and f["places"][0]["commune"] == "Nantes"  # its apprenticeship twin is merged
    p = app_client.get("/api/v1/places/7901").json()
    assert (p["etablissement"], p["capacity"], p["taux_acces"], p["formation_id"]) == (
        "Lycée Andre Maurois", 24, 67, "bts-services-gestion-de-la-pme")
    assert p["admitted_profile"]["pct_techno"] == 50 and p["admitted_profile"]["mentions"]["Assez bien"] == 4
    assert p["parcoursup_url"].endswith("g_ta_cod=7901")


@pytest.mark.parametrize("url", ["/api/v1/formations/nope", "/api/v1/places/123456789", "/api/v1/places/abc"])
def test_unknown_ids_are_404(app_client, url):
    r = app_client.get(url)
    assert r.status_code == 404 and r.json()["status_code"] == 404


@pytest.mark.parametrize("params, field", [
    ({"near": "abc"}, "near"), ({"near": "95,3"}, "near"), ({"near": "1,2,3"}, "near"),
    ({"radius_km": "-4"}, "radius_km"), ({"radius_km": "loin"}, "radius_km"),
    ({"page": "0"}, "page"), ({"page": "x"}, "page"), ({"selective": "peut-être"}, "selective"),
    ({"famille": "Licorne"}, "famille"), ({"departement": "999"}, "departement"), ({"q": "x" * 300}, "q"),
])
def test_malformed_parameters_are_400_naming_the_field(app_client, params, field):
    r = app_client.get("/api/v1/formations", params=params)
    assert r.status_code == 400
    body = r.json()
    assert body["extra"][0]["key"] == field and field in body["detail"]


def test_healthz_and_openapi(app_client):
    assert app_client.get("/healthz").json()["status"] == "ok"
    schema = app_client.get("/schema/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert {"/api/v1/formations", "/api/v1/formations/{formation_id}", "/api/v1/places/{cod_aff_form}"} <= set(schema["paths"])
    props = schema["components"]["schemas"]["SearchResponse"]["properties"]
    assert {"total", "items"} <= set(props)


def test_framework_validation_errors_name_the_field_in_french(app_client):
    r = app_client.post("/api/v1/suggestions", json={"moyenne": "dix-huit"})
    assert r.status_code == 400
    body = r.json()
    assert body["detail"].startswith("Données invalides") and "moyenne" in body["detail"]


def test_a_place_code_of_other_digits_is_unknown(app_client):
    """« ² » and « ٣ » are digits to str.isdigit(): the first answered 500 (int() refuses it), the second was read as 3."""
    for code in ("%C2%B2", "%D9%A3", "12%C2%B3"):
        r = app_client.get(f"/api/v1/places/{code}")
        assert r.status_code == 404, (code, r.status_code)
