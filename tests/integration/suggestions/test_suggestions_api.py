"""POST /api/v1/suggestions and `mps suggest` on the full shipped catalogue (SQLite and PostgreSQL)."""
import json

import pytest

from mps import cli

PROFILE = {"classe": "terminale", "bac": "STMG", "interets": ["ci28"], "duree": "courte",
           "villes": [{"nom": "Lille", "lat": 50.63, "lon": 3.06}], "moyenne": 12.5}


def test_suggestions_document_has_the_documented_shape(app_client):
    r = app_client.post("/api/v1/suggestions?limit=5", json=PROFILE)
    assert r.status_code == 200
    items = r.json()["suggestions"]
    assert len(items) == 5
    for s in items:
        assert set(s) == {"id", "label", "family", "score", "explanations", "places", "type_label"}
        assert s["type_label"] and "_" not in s["type_label"]  # a name a student reads, never a code
        assert s["explanations"] and all(set(e) == {"type", "text"} for e in s["explanations"])
        dists = [p["distance_km"] for p in s["places"]]
        assert dists == sorted(dists)  # nearest first
        # the data file's own link (dossier.parcoursup.fr), else the g_ta_cod form (dossierappel)
        assert all(p["url"].startswith(("https://dossier.parcoursup.fr/", "https://dossierappel.parcoursup.fr/"))
                   for p in s["places"])
    scores = [s["score"] for s in items]
    assert scores == sorted(scores, reverse=True)


def test_a_commerce_minded_stmg_student_near_lille_gets_commerce_formations_nearby(app_client):
    items = app_client.post("/api/v1/suggestions?limit=10", json=PROFILE).json()["suggestions"]
    labels = " | ".join(s["label"] for s in items)
    assert "Management Commercial Opérationnel" in labels or "Techniques de commercialisation" in labels
    assert items[0]["places"][0]["distance_km"] < 60


@pytest.mark.parametrize("body, field", [
    ({"moyenne": 25}, "moyenne"), ({"bac": "S"}, "bac"), ({"bac": "STMG", "specialites": ["Mathématiques"]},
                                                          "specialites[0]"),
    ({"interets": ["ci0"]}, "interets[0]"), ({"villes": [{"nom": "X", "lat": 200, "lon": 0}]}, "villes[0].lat"),
    ({"metiers": ["MET_99999"]}, "metiers[0]"),
])
def test_a_bad_profile_gets_a_400_naming_the_field(app_client, body, field):
    r = app_client.post("/api/v1/suggestions", json=body)
    assert r.status_code == 400
    assert field in [e["key"] for e in r.json()["extra"]]


def test_limit_is_checked(app_client):
    assert app_client.post("/api/v1/suggestions?limit=500", json={}).status_code == 400


def test_what_if_lists_pairs_of_specialites_with_the_families_they_open(app_client):
    r = app_client.post("/api/v1/suggestions/et-si", json={"classe": "seconde", "interets": ["ci27"]})
    assert r.status_code == 200
    pairs = r.json()
    assert len(pairs) == 5
    assert "NSI" in pairs[0]["specialites"] or "SI" in pairs[0]["specialites"]
    assert pairs[0]["families"][0]["accepted"] > 0 and "%" in pairs[0]["text"]


def test_the_api_is_documented(app_client):
    paths = app_client.get("/schema/openapi.json").json()["paths"]
    assert "/api/v1/suggestions" in paths and "/api/v1/profile" in paths and "/api/v1/communes" in paths


def test_cli_prints_the_same_document(catalogue_db, tmp_path, monkeypatch, capsys):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", catalogue_db)
    assert cli.main(["suggest", "--profile", str(profile), "--limit", "3", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["suggestions"]) == 3
    assert set(doc["suggestions"][0]) == {"id", "label", "family", "score", "explanations", "places", "type_label"}


def test_cli_names_the_bad_field(catalogue_db, tmp_path, monkeypatch, capsys):
    profile = tmp_path / "p.json"
    profile.write_text('{"bac": "Générale", "specialites": ["Cuisine"]}', encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", catalogue_db)
    assert cli.main(["suggest", "--profile", str(profile), "--json"]) == 2
    assert "specialites[0]" in capsys.readouterr().err


def test_a_bac_pro_field_leads_to_the_bts_that_continue_it_and_says_so(app_client):
    town = {"nom": "Guéret", "lat": 46.17, "lon": 1.87}
    body = {"classe": "terminale", "bac": "P", "specialites": ["maintenance des véhicules"], "villes": [town]}
    items = app_client.post("/api/v1/suggestions?limit=5", json=body).json()["suggestions"]
    assert "Maintenance des véhicules" in items[0]["label"]
    assert {"type": "specialites", "text": "Ce BTS prolonge ton bac pro « Maintenance des véhicules » : il est conçu "
                                           "pour ses bacheliers."} in items[0]["explanations"]
    without = app_client.post("/api/v1/suggestions?limit=20", json={**body, "specialites": []}).json()["suggestions"]
    assert not any("Maintenance des véhicules" in s["label"] for s in without)  # the field is what found it


@pytest.mark.parametrize("body", [{"bac": "STMG", "specialites": ["Maintenance des véhicules"]},
                                  {"bac": "P", "specialites": ["Forêt"]}, {"bac": "P", "specialites": ["SES"]}])
def test_a_field_of_another_bac_is_refused_by_name(app_client, body):
    r = app_client.post("/api/v1/suggestions", json=body)
    assert r.status_code == 400 and "specialites[0]" in [e["key"] for e in r.json()["extra"]]
