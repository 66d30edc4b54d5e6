"""GET/PUT /api/v1/profile under the device's anonymous id, and the communes autocomplete."""
import pytest


@pytest.fixture
def client(app_client):
    """The shared client without anybody's cookies, and left clean for the next test."""
    app_client.cookies.clear()
    app_client.get("/")  # CSRF cookie
    yield app_client
    app_client.cookies.clear()


def _csrf(client) -> dict:
    return {"x-csrftoken": client.cookies.get("mps_csrftoken")}


def test_a_new_visitor_has_an_empty_profile(client):
    r = client.get("/api/v1/profile")
    assert r.status_code == 200 and r.json()["bac"] is None and r.json()["favoris"] == []


def test_saving_a_profile_before_any_account_keeps_it_with_the_device(client):
    law = client.get("/api/v1/formations", params={"q": "licence droit"}).json()["items"][0]["id"]
    body = {"classe": "premiere", "bac": "Générale", "specialites": ["maths", "SES", "HGGSP"],
            "interets": ["ci21"], "villes": [{"nom": "Lyon", "lat": 45.76, "lon": 4.84}], "moyenne": None,
            "corbeille": [law]}
    r = client.put("/api/v1/profile", json=body, headers=_csrf(client))
    assert r.status_code == 200, r.text
    assert "mps_anon" in r.headers.get("set-cookie", "")
    saved = client.get("/api/v1/profile").json()
    assert saved["specialites"] == ["Mathématiques", "Sciences Economiques et Sociales (SES)",
                                    "Histoire-Géographie, Géopolitique et Sciences politiques (HGGSP)"]
    assert saved["corbeille"] == [law]
    assert saved["villes"][0]["nom"] == "Lyon"


def test_another_device_does_not_see_it(client):
    client.put("/api/v1/profile", json={"bac": "STMG"}, headers=_csrf(client))
    client.cookies.clear()
    assert client.get("/api/v1/profile").json()["bac"] is None


def test_a_bad_profile_is_not_saved_and_names_the_field(client):
    r = client.put("/api/v1/profile", json={"bac": "STMG", "moyenne": 21}, headers=_csrf(client))
    assert r.status_code == 400 and r.json()["extra"][0]["key"] == "moyenne"
    assert client.get("/api/v1/profile").json()["bac"] is None


def test_communes_autocomplete(client):
    towns = client.get("/api/v1/communes?q=lil").json()
    assert towns[0]["nom"] == "Lille" and towns[0]["label"] == "Lille (59)"
    assert client.get("/api/v1/communes?q=59000").json()[0]["nom"] == "Lille"
    assert client.get("/api/v1/communes?q=l").json() == []
