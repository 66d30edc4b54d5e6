"""Public or private (status.py): the `statut` filter of the search page, the API and the snapshot, the query words
that ask for it without swallowing a formation's own words, and the place lines that say it. The offline search gives
the same answers: the golden corpus has these cases (golden.py)."""
import pytest

from mps.domain.catalogue.params import search_params
from mps.domain.catalogue.snapshot import FORMAT
from mps.domain.catalogue.status import FILTERS, ORDER
from mps.lib.errors import FieldError
from tests.integration.catalogue.test_pages import get_page


@pytest.fixture(scope="module")
def cat(app_client):
    return app_client.app.state.catalogue.current


def search(cat, **query):
    return cat.search.search(search_params(cat, query, town_key="ville"))


def test_every_place_has_a_status_of_the_file(cat):
    counts = {code: sum(p.statut == code for p in cat.places.values()) for code in ORDER}
    assert counts["public"] == 10913 and counts["sous_contrat"] == 1928
    assert counts["superieur"] == 911 and counts["hors_contrat"] == 117 and counts[""] == 0


@pytest.mark.parametrize("value, raw", [("public", "public"), ("prive", "Privé"), ("prive", "privee"),
                                        ("sous_contrat", "sous_contrat"), ("sous_contrat", "privé sous contrat")])
def test_the_filter_keeps_the_places_of_that_status_only(cat, value, raw):
    result = search(cat, q="bts", statut=raw)
    assert result.statut == value and result.hits
    kept = [cat.places[c].statut for h in result.hits for c, _ in h.places]
    assert kept and all(s in FILTERS[value] for s in kept)
    # and misses none: every BTS place of that status is listed
    everyone = search(cat, q="bts")
    assert len(kept) == sum(cat.places[c].statut in FILTERS[value] for h in everyone.hits for c, _ in h.places)


def test_a_status_combines_with_a_town(cat):
    result = search(cat, q="bts", statut="sous_contrat", ville="Lyon", rayon="30")
    assert result.hits and all(cat.places[c].statut == "sous_contrat" and d <= 30
                               for h in result.hits for c, d in h.places)


@pytest.mark.parametrize("raw", ["payant", "privé hors", "x" * 300])
def test_an_unknown_status_is_refused_in_french(cat, raw):
    with pytest.raises(FieldError) as exc:
        search_params(cat, {"q": "bts", "statut": raw})
    assert exc.value.field == "statut" and "public, prive ou sous_contrat" in exc.value.message


@pytest.mark.parametrize("q, words, statut, place", [
    ("bts public lyon", ["bts"], "public", "Lyon (69)"),
    ("école de commerce privée", ["ecole", "commerce"], "prive", None),
    ("iut publique", ["iut"], "public", None),
    ("BTS compta PRIVÉES", ["bts", "compta"], "prive", None),
    ("public", [], "public", None),
])
def test_a_status_word_is_read_as_the_filter(cat, q, words, statut, place):
    result = search(cat, q=q)
    assert (result.words, result.statut, result.place_filter) == (words, statut, place)
    assert result.hits and all(cat.places[c].statut in FILTERS[statut] for h in result.hits for c, _ in h.places)


@pytest.mark.parametrize("q", ["santé publique", "licence droit public", "droit privé", "relations publiques",
                               "bts travaux publics", "licence administration publique", "tous publics",
                               "controleur des finances publiques", "securite privee"])
def test_a_formations_own_status_word_stays_a_word(cat, q):
    result = search(cat, q=q)
    assert result.statut is None and len(result.words) >= 2, result.words


def test_travaux_publics_still_finds_its_bts(cat):
    assert search(cat, q="bts travaux publics").hits[0].formation_id == "bts-production-travaux-publics"


def test_the_parameter_wins_over_a_word(cat):
    assert search(cat, q="bts public", statut="prive").statut == "prive"


def test_api_filter_error_and_openapi(app_client):
    r = app_client.get("/api/v1/formations", params={"q": "cpge", "statut": "sous_contrat"})
    assert r.status_code == 200 and r.json()["total"] > 0
    cat = app_client.app.state.catalogue.current
    for item in r.json()["items"]:
        assert all(cat.places[p["cod_aff_form"]].statut == "sous_contrat" for p in item["places"])
    bad = app_client.get("/api/v1/formations", params={"q": "cpge", "statut": "gratuit"})
    assert bad.status_code == 400 and "statut" in bad.text
    schema = app_client.get("/schema/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/formations"]["get"]["parameters"]}
    assert "sous_contrat" in params["statut"]["description"]


def test_search_page_filter_summary_and_place_lines(app_client):
    page = get_page(app_client, "/recherche?q=bts+priv%C3%A9+lyon")
    text = " ".join(page.text)
    assert "Modifier les filtres (1)" in text and "privé" in text.split("Modifier les filtres (1)")[1][:40]
    assert "Public ou privé" in text
    assert "privé sous contrat" in text or "privé, frais de scolarité possibles" in text
    assert " · public" not in text  # every place shown is private
    html = app_client.get("/recherche?q=bts&statut=public&ville=Lyon").text
    assert '<option value="public" selected>' in html and "· public</span>" in html
    bad = get_page(app_client, "/recherche?q=bts&statut=gratuit")
    assert "Attendu : public, prive ou sous_contrat." in " ".join(bad.text)


def test_a_private_place_page_says_what_its_status_means(app_client, cat):
    hors = next(p for p in cat.places.values() if p.statut == "hors_contrat")
    text = " ".join(get_page(app_client, f"/fiches/{hors.cod_aff_form}").text)
    assert "Vérifie que le diplôme préparé est reconnu par l'État" in text and "fiche Parcoursup" in text
    public = next(p for p in cat.places.values() if p.statut == "public")
    assert "frais" not in " ".join(get_page(app_client, f"/fiches/{public.cod_aff_form}").text)


def test_the_snapshot_carries_each_places_status_in_one_digit(app_client, cat):
    snap = app_client.get("/api/v1/catalogue/snapshot", headers={"Accept-Encoding": "identity"}).json()
    assert snap["format"] == FORMAT == 9 and snap["statuts"] == list(ORDER)
    at = snap["place_fields"].index("statut")
    for row in snap["places"]:
        assert snap["statuts"][row[at]] == cat.places[row[0]].statut
    assert snap["status_words"]["publique"] == "public" and snap["status_words"]["privee"] == "prive"
    assert {"droit public", "sante public", "travaux public"} <= set(snap["status_kept"])


@pytest.mark.parametrize("statut", ["public", "prive", "sous_contrat"])
def test_the_api_says_each_places_status_as_the_filter_reads_it(app_client, cat, statut):
    """A partner lists a place's status (statut_code) and filters with it: the search's places, a formation's and a
    place's document say the code of status.py, the one `statut=` keeps."""
    items = app_client.get("/api/v1/formations", params={"q": "bts", "statut": statut}).json()["items"]
    codes = [p["statut_code"] for item in items for p in item["places"]]
    assert codes and set(codes) <= FILTERS[statut]
    place = items[0]["places"][0]
    assert place["statut_code"] == cat.places[place["cod_aff_form"]].statut
    formation = app_client.get(f"/api/v1/formations/{items[0]['id']}").json()
    assert all(p["statut_code"] == cat.places[p["cod_aff_form"]].statut for p in formation["places"])
    detail = app_client.get(f"/api/v1/places/{place['cod_aff_form']}").json()
    assert detail["statut_code"] == place["statut_code"] and detail["statut"]  # and Parcoursup's label


def test_suggested_places_say_their_status_too(app_client, cat):
    profile = {"classe": "terminale", "bac": "STMG", "specialites": ["Gestion et Finance"], "interets": ["ci29"]}
    answer = app_client.post("/api/v1/suggestions?limit=20", json=profile)
    places = [p for s in answer.json()["suggestions"] for p in s["places"]]
    assert places and all(p["statut_code"] == cat.places[p["cod_aff_form"]].statut for p in places), answer.text
    assert len({p["statut_code"] for p in places}) > 1


def test_the_openapi_lists_the_status_codes(app_client):
    schemas = app_client.get("/schema/openapi.json").json()["components"]["schemas"]
    for name in ("PlaceSummary", "PlaceDetail", "SuggestedPlace"):
        field = schemas[name]["properties"]["statut_code"]
        assert set(field["enum"]) == set(ORDER) and "sous_contrat" in field["description"], name
