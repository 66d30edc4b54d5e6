"""A place's key figures in French: thousands set apart by a thin space, nouns agreed with their number."""
import html


def test_places_and_candidates_read_as_french_writes_them(app_client):
    """Seen at 375 px: « 135 places pour 1858 candidats »."""
    places = app_client.get("/api/v1/formations/but-informatique").json()["places"]
    seen = 0
    for place in places[:12]:
        p = app_client.get(f"/api/v1/places/{place['cod_aff_form']}").json()
        if not (p["capacity"] and p["candidates"] and p["candidates"] >= 1000):
            continue
        page = html.unescape(app_client.get(f"/fiches/{p['cod_aff_form']}").text)
        candidates = f"{p['candidates']:,}".replace(",", "\u202f")
        assert f"{p['capacity']} places pour {candidates} candidats." in page
        seen += 1
    assert seen  # a place with a thousand candidates or more was read


def test_a_quoted_mention_never_leaves_its_guillemet_alone_on_a_line(app_client):
    """« Bien / » (the closing guillemet began a line at 375 px): no-break spaces inside the guillemets."""
    for place in app_client.get("/api/v1/formations/but-informatique").json()["places"][:12]:
        page = html.unescape(app_client.get(f"/fiches/{place['cod_aff_form']}").text)
        if "Beaucoup d'admis" in page:
            assert "mention «\u00a0Bien\u00a0» ou «\u00a0Très bien\u00a0»" in page
            return
    raise AssertionError("no place says « Beaucoup d'admis… »")


def test_a_place_taught_at_a_distance_names_its_departement_in_a_result(app_client):
    """« Université Paris 8 – Entièrement en distanciel — (93), à distance »: the place has no town."""
    items = app_client.get("/api/v1/formations", params={"q": "licence droit"}).json()["items"]
    remote = [p for item in items for p in item["places"] if p["remote"] and not p["commune"]]
    assert remote  # a remote place without a town is among the first places shown
    page = html.unescape(app_client.get("/recherche", params={"q": "licence droit"}).text)
    assert "— (" not in page and f"— {remote[0]['departement']} (" in page
    # Its own page says so too (it read « (93) · académie de Créteil »).
    place = html.unescape(app_client.get(f"/fiches/{remote[0]['cod_aff_form']}").text)
    assert f"<p>{remote[0]['departement']} (" in place and "<p> (" not in place
