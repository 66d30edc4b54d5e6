"""Pages render for people: parsed HTML has the content a student came for."""
from html.parser import HTMLParser

import pytest


class Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.text, self.links, self.h1, self._in_h1, self.lang = [], [], [], False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_h1:
            self.h1.append(data.strip())

    @property
    def body(self) -> str:
        return " ".join(" ".join(self.text).split())


def get_page(client, url, status=200) -> Page:
    r = client.get(url)
    assert r.status_code == status, url
    assert r.headers["content-type"].startswith("text/html")
    page = Page(r.text)
    assert page.lang == "fr"
    return page


def test_home(app_client):
    page = get_page(app_client, "/")
    assert "Construis ton projet" in " ".join(page.h1)
    assert "/sources" in page.links and "/mentions-legales" in page.links


def test_search_page_lists_results_with_nearest_places(app_client):
    page = get_page(app_client, "/recherche?q=bts+compta+lille")
    assert "BTS - Services - Comptabilité et gestion" in page.body
    assert "Lille (59)" in page.body and "/formations/bts-services-comptabilite-et-gestion?ville=59000" in page.links


def test_a_town_given_in_the_filters_follows_the_student_to_the_formation_page(app_client):
    """Seen on the phone walk: « bts compta » near Lille within 30 km listed Lille's places, and the formation's
    page then began with Agen's (the town was carried only when typed among the words)."""
    page = get_page(app_client, "/recherche?q=bts+compta&ville=Lille&rayon=30")
    link = "/formations/bts-services-comptabilite-et-gestion?ville=Lille"
    assert link in page.links
    assert "Lille (59)" in get_page(app_client, link).body.split("Lycée")[1]  # the first place listed


def test_the_formations_address_without_an_id_leads_to_the_search_with_its_query(app_client):
    r = app_client.get("/formations?q=bts+compta", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == "/recherche?q=bts+compta"
    assert app_client.get("/formations/", follow_redirects=False).headers["location"] == "/recherche"


def test_search_page_shows_a_clear_error_for_unknown_town(app_client):
    page = get_page(app_client, "/recherche?q=bts&ville=Atlantide")
    assert "ville ou code postal inconnu" in page.body


def test_formation_page_sorts_places_by_distance(app_client):
    page = get_page(app_client, "/formations/but-informatique?ville=Nantes")
    assert "BUT - Informatique" in page.h1
    assert "triés du plus proche" in page.body
    fiches = [l for l in page.links if l.startswith("/fiches/")]
    assert fiches and "Nantes" in page.body.split("Profil des admis")[0]
    assert any("g_ta_cod=" in l for l in page.links)
    assert any("onisep.fr" in l for l in page.links)


def test_place_page_explains_figures_and_admitted_profile(app_client):
    page = get_page(app_client, "/fiches/7901")
    assert "Lycée Andre Maurois" in page.h1
    assert "67 % des candidats ont pu recevoir une proposition" in page.body
    assert "Bac technologique" in page.body and "Assez bien" in page.body
    assert any(l.endswith("g_ta_cod=7901") for l in page.links)


@pytest.mark.parametrize("url, text", [
    ("/sources", "Licence Ouverte 2.0"), ("/sources", "ODbL"), ("/sources", "MESR-SIES"),
    ("/mentions-legales", "Directeur de la publication"), ("/accessibilite", "est non conforme"),
    ("/confidentialite", "Tes droits"), ("/hors-ligne", "hors ligne"),
])
def test_public_service_pages(app_client, url, text):
    assert text in get_page(app_client, url).body


@pytest.mark.parametrize("url", ["/formations/n-existe-pas", "/fiches/1", "/fiches/abc", "/nulle-part"])
def test_unknown_pages_are_a_french_404(app_client, url):
    page = get_page(app_client, url, status=404)
    assert "Page introuvable" in page.body
    assert "Not Found" not in page.body  # Litestar's English reason phrase never reaches a student


@pytest.mark.parametrize(("method", "url", "status", "french"), [
    ("GET", "/api/v1/nulle-part", 404, "Ressource introuvable."),
    ("DELETE", "/api/v1/formations", 405, "Méthode non permise pour cette adresse."),
])
def test_api_errors_without_a_message_of_ours_speak_french(app_client, method, url, status, french):
    r = app_client.request(method, url)
    assert r.status_code == status
    assert r.json()["detail"] == french


def test_pages_are_compressed_for_clients_that_accept_gzip_only(app_client):
    url = "/formations/bts-services-management-commercial-operationnel"
    r = app_client.get(url, headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip" and r.headers.get("vary") == "Accept-Encoding"
    for accepted in ("identity", "br"):  # (mps.web.compression steps over the middleware for them)
        plain = app_client.get(url, headers={"Accept-Encoding": accepted})
        assert "content-encoding" not in plain.headers and "vary" not in plain.headers
        assert int(plain.headers["content-length"]) == len(plain.content) > int(r.headers["content-length"])
        assert "Management Commercial Opérationnel" in plain.text


def test_search_page_filters_by_academie_and_radius(app_client):
    page = get_page(app_client, "/recherche?famille=CPGE&academie=Rennes")
    assert "Classe préparatoire" in page.body and ("(35)" in page.body or "(29)" in page.body)
    near = get_page(app_client, "/recherche?q=infirmier&ville=Brest&rayon=10")
    assert "D.E Infirmier" in near.body and "Brest (29)" in near.body and "Lille (59)" not in near.body


def test_a_formation_is_added_to_favourites_from_its_page(app_client):
    page_url = "/formations/bts-services-gestion-de-la-pme"
    app_client.cookies.clear()
    assert "Ajouter à mes favoris" in get_page(app_client, page_url).body
    r = app_client.post("/favoris/ajouter", follow_redirects=False, data={
        "formation_id": "bts-services-gestion-de-la-pme", "next": page_url,
        "_csrf_token": app_client.cookies.get("mps_csrftoken", "")})
    assert r.status_code == 303 and r.headers["location"] == page_url
    after = get_page(app_client, page_url)
    assert "Dans tes favoris" in after.body and "/favoris/bts-services-gestion-de-la-pme/lieux" in after.links
    assert "Dans tes favoris" in get_page(app_client, "/fiches/7901").body  # same formation, its place page
    app_client.cookies.clear()
    assert "Ajouter à mes favoris" in get_page(app_client, page_url).body  # another visitor sees nothing of it


def test_places_of_one_establishment_are_told_apart_by_their_option(app_client):
    page = get_page(app_client, "/recherche?q=licence+psycho+lyon")
    assert "Licence - Psychologie" in page.body and "Mineure Sciences de l'éducation" in page.body
    places = get_page(app_client, "/formations/licence-psychologie?ville=Lyon").body
    assert "Sciences cognitives" in places and "Sociologie" in places  # Lyon 2's psychology places
    fiche = get_page(app_client, "/fiches/35702")  # the Lyon 2 psychology place that is a L.AS
    assert "accès santé (L.AS)" in fiche.body
    assert "Sciences de l'homme" in get_page(app_client, "/fiches/35447").body  # "l?homme" mended


def test_formation_page_sorts_places_from_the_profile_town(app_client):
    app_client.cookies.clear()
    app_client.get("/")  # CSRF cookie
    r = app_client.put("/api/v1/profile", json={"villes": [{"nom": "Brest", "lat": 48.39, "lon": -4.49}]},
                       headers={"x-csrftoken": app_client.cookies.get("mps_csrftoken")})
    assert r.status_code == 200, r.text
    page = get_page(app_client, "/formations/d-e-infirmier")
    assert "triés du plus proche au plus éloigné de Brest" in page.body
    first = page.body.split("Profil des admis")[0]
    assert "Brest (29)" in first
    app_client.cookies.clear()


def test_an_unknown_town_is_told_in_a_student_s_words(app_client):
    for path in ("/recherche?q=bts&ville=Atlantide", "/formations/bts-services-comptabilite-et-gestion?ville=Atlantide"):
        page = get_page(app_client, path)
        assert "« Atlantide » : ville ou code postal inconnu. Vérifie l'orthographe" in page.body.replace("&#39;", "'")
        assert "Paramètre" not in page.body and "invalide" not in page.body


def test_a_place_shows_its_town_s_departement_not_its_establishment_s(app_client):
    page = get_page(app_client, "/recherche?q=licence+malakoff")
    assert "Malakoff (92)" in page.body and "Malakoff (75)" not in page.body
    assert "Boulogne-Billancourt (75)" not in get_page(app_client, "/recherche?q=boulogne-billancourt").body


def test_a_word_that_is_neither_a_formation_nor_a_town_is_said(app_client):
    page = get_page(app_client, "/recherche?q=bts+compta+atlantide")
    assert "« atlantide » : aucune formation ni aucune ville ne correspond à ce mot" in page.body
    assert "BTS - Services - Comptabilité et gestion" in page.body  # the other words still find it
    assert "aucune ville ne correspond" not in get_page(app_client, "/recherche?q=bts+compta+lille").body


def _suggestion_model_built(client):
    """The search page never waits for the worker's suggestion model: a suggestion request does."""
    assert client.post("/api/v1/suggestions", json={}).status_code == 200


def test_a_search_naming_a_job_shows_the_formations_that_lead_to_it(app_client):
    _suggestion_model_built(app_client)
    page = get_page(app_client, "/recherche?q=avocat")  # the dictionary reads it as law studies, the box names the job
    assert "« avocat / avocate » est un métier" in page.body
    assert "Aucune formation ne porte ce nom" not in page.body and "Aucun résultat" not in page.body
    assert "/formations/licence-droit" in page.links
    # No formation of its name: the dictionary reads it as aeronautics (words.csv), the box names the job, and
    # « ligne » is no town.
    page = get_page(app_client, "/recherche?q=pilote+de+ligne")
    assert "« pilote de ligne » est un métier" in page.body and "Aucune formation ne porte ce nom" not in page.body
    assert "/formations/bts-production-aeronautique" in page.links
    assert "Ligné" not in page.body
    page = get_page(app_client, "/recherche?q=astronaute")  # no formation named so: those ONISEP links it to
    assert "est un métier" in page.body and "0 formation" not in page.body
    assert any(link.startswith("/formations/licence-") and "science" in link for link in page.links)
    page = get_page(app_client, "/recherche?q=policier")  # a student's word for a job its name does not hold
    assert "« gardien / gardienne de la paix » est un métier" in page.body
    # A town after the job: the places of those formations near it.
    page = get_page(app_client, "/recherche?q=je+veux+devenir+avocate+lyon")
    assert "« avocat / avocate » est un métier" in page.body and "/formations/licence-droit?ville=69001" in page.links


def test_a_job_named_in_full_beside_formations_found_and_no_job_for_formation_words(app_client):
    _suggestion_model_built(app_client)
    page = get_page(app_client, "/recherche?q=infirmiere")
    assert "« infirmier / infirmière » est un métier" in page.body and "Aucune formation ne porte ce nom" not in page.body
    for q in ("commerce", "bts+compta+lille", "licence+droit"):  # words of a job's name, not a job: nothing said
        assert "est un métier" not in get_page(app_client, f"/recherche?q={q}").body, q


def test_a_formation_page_is_rendered_once_and_each_visitor_gets_its_own_csrf_token(app_client, monkeypatch):
    """The page of an anonymous visitor depends on the catalogue alone but for the CSRF token: stored once
    rendered (mps/web/page_cache.py), each answer carries the token of its own cookie."""
    path = "/formations/bts-services-comptabilite-et-gestion"
    app_client.cookies.clear()
    first = app_client.get(path)
    engine = app_client.app.template_engine
    rendered = []
    original = engine.get_template
    monkeypatch.setattr(engine, "get_template", lambda name: rendered.append(name) or original(name))
    app_client.cookies.clear()
    second = app_client.get(path)
    tokens = [r.cookies["mps_csrftoken"] for r in (first, second)]
    assert tokens[0] != tokens[1] and "catalogue/formation.html" not in rendered
    for r, token in zip((first, second), tokens):
        assert r.status_code == 200 and r.headers["cache-control"] == "private, no-cache"
        assert f'name="_csrf_token" value="{token}"' in r.text
    assert second.text.replace(tokens[1], "T") == first.text.replace(tokens[0], "T")
    sorted_page = app_client.get(path + "?ville=Nantes")  # depends on the town: rendered for the request
    assert "catalogue/formation.html" in rendered and "triés du plus proche" in sorted_page.text
    app_client.cookies.clear()


def test_an_option_that_repeats_the_establishment_is_said_once(app_client):
    """Seen at 375 px on « Licence - Droit »: « Université de Bordeaux - Antenne d'Agen » as the card's title and
    again as its option. The place page, the formation page's card and the search line say it once."""
    import html
    import re

    catalogue = app_client.app.state.catalogue.current
    p = next(p for f in catalogue.formations.values() for p in f.places
             if p.option and p.option == p.etablissement and not p.remote)
    place = html.unescape(app_client.get(f"/fiches/{p.cod_aff_form}").text)
    assert f'<p class="fr-text--lead">{p.etablissement}' not in place
    near = html.unescape(app_client.get(f"/formations/{p.formation_id}", params={"ville": p.commune}).text)
    card = near[near.index(f'<a href="/fiches/{p.cod_aff_form}">'):]
    card = card[:card.index("</li>")]
    assert card.count(p.etablissement) == 1 + card.count(f"title=\"Fiche Parcoursup de {p.etablissement}"), card
    assert not re.search(rf"{re.escape(p.etablissement)} – {re.escape(p.etablissement)}", near)
