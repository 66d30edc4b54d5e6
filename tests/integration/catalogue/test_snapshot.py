"""The offline catalogue snapshot: complete, compact, versioned, not downloaded twice."""
import json


def test_snapshot_holds_every_place_with_key_figures(app_client):
    r = app_client.get("/api/v1/catalogue/snapshot", headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.headers["x-catalogue-version"]
    snap = r.json()
    assert snap["version"] == int(r.headers["x-catalogue-version"])
    assert len(snap["places"]) == 13869 and 650 < len(snap["formations"]) < 900
    f = dict(zip(snap["place_fields"], next(p for p in snap["places"] if p[0] == 7901)))
    formation = dict(zip(snap["formation_fields"], snap["formations"][f["formation"]]))
    assert formation["id"] == "bts-services-gestion-de-la-pme"
    assert snap["strings"][f["etablissement"]] == "Lycée Andre Maurois"
    assert (f["taux_acces"], f["capacity"], f["pct_techno"], f["departement_code"]) == (67, 24, 50, "67")
    assert snap["synonyms"]["compta"] == ["comptabilite"] and "de" in snap["stop_words"]


def test_snapshot_is_gzipped_once_and_small(app_client):
    r = app_client.get("/api/v1/catalogue/snapshot", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert int(r.headers["content-length"]) <= 600 * 1024
    # httpx decodes gzip once: a second layer would not be JSON.
    assert json.loads(r.content)["places"]


def test_unchanged_snapshot_is_not_sent_again(app_client):
    etag = app_client.get("/api/v1/catalogue/snapshot").headers["etag"]
    again = app_client.get("/api/v1/catalogue/snapshot", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = app_client.get("/api/v1/catalogue/snapshot", headers={"If-None-Match": '"cat-0-old"'})
    assert other.status_code == 200
