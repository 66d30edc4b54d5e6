"""/suggestions page: works without JS, « J'aime » and « pas intéressé » with undo stored as marks."""
import asyncio
import re

import pytest
from sqlalchemy import select

from mps.db.engine import make_engine
from mps.db.models import FormationMark


@pytest.fixture
def client(app_client):
    app_client.cookies.clear()
    app_client.get("/")  # CSRF cookie
    yield app_client
    app_client.cookies.clear()


def _post(client, path, **form):
    return client.post(path, data={**form, "_csrf_token": client.cookies.get("mps_csrftoken", "")},
                       follow_redirects=False)


def _marks(url: str, formation_id: str):
    async def go():
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                return (await conn.execute(select(FormationMark.kind, FormationMark.deleted, FormationMark.version)
                                           .where(FormationMark.formation_id == formation_id))).all()
        finally:
            await engine.dispose()
    return asyncio.run(go())


def _first_suggestion_id(html: str) -> str:
    return html.split('id="f-', 1)[1].split('"', 1)[0]


def test_a_new_visitor_gets_varied_suggestions_and_an_invitation_to_fill_the_profile(client):
    r = client.get("/suggestions")
    assert r.status_code == 200
    assert "Compléter mon profil" in r.text and r.text.count('class="fr-card ') == 20
    assert "Pourquoi cette formation ?" in r.text
    badges = re.findall(r'fr-badge--blue-ecume">([^<]*)<', r.text)
    assert len(badges) == 20 and all(b and "_" not in b and b != "Autre formation" for b in badges), badges


def test_pas_interesse_hides_it_and_undo_brings_it_back(client, catalogue_db):
    fid = _first_suggestion_id(client.get("/suggestions").text)
    r = _post(client, "/suggestions/pas-interesse", formation_id=fid)
    assert r.status_code == 303 and "retire=" in r.headers["location"]
    page = client.get(r.headers["location"]).text
    assert f'id="f-{fid}"' not in page and "ne te sera plus suggérée" in page and "Annuler" in page
    assert client.get("/api/v1/profile").json()["corbeille"] == [fid]

    _post(client, "/suggestions/annuler", formation_id=fid)
    assert f'id="f-{fid}"' in client.get("/suggestions").text
    assert client.get("/api/v1/profile").json()["corbeille"] == []
    kinds = [(k, d) for k, d, _ in _marks(catalogue_db, fid)]
    assert ("corbeille", True) in kinds  # a tombstone, not a deleted row


def test_j_aime_adds_a_favourite_and_the_same_button_takes_it_back(client):
    fid = _first_suggestion_id(client.get("/suggestions").text)
    _post(client, "/suggestions/jaime", formation_id=fid)
    assert client.get("/api/v1/profile").json()["favoris"] == [fid]
    assert "Retirer des favoris" in client.get("/suggestions").text
    _post(client, "/suggestions/jaime", formation_id=fid)
    assert client.get("/api/v1/profile").json()["favoris"] == []


def test_an_unknown_formation_is_refused(client):
    assert _post(client, "/suggestions/pas-interesse", formation_id="nope").status_code == 400
    assert _post(client, "/suggestions/jaime", formation_id="x" * 121).status_code == 400  # FormationId
    assert _post(client, "/suggestions/jaime").status_code == 400  # no id at all: 400, never 500


def test_seconde_students_see_what_if(client):
    client.put("/api/v1/profile", json={"classe": "seconde", "interets": ["ci19"]},
               headers={"x-csrftoken": client.cookies.get("mps_csrftoken")})
    assert "Et si… tu choisissais ces spécialités" in client.get("/suggestions").text


def _put_profile(client, **fields):
    r = client.put("/api/v1/profile", json=fields, headers={"x-csrftoken": client.cookies.get("mps_csrftoken")})
    assert r.status_code == 200, r.text


def test_what_if_comes_before_the_suggestions_for_a_seconde_student_even_without_interests(client):
    _put_profile(client, classe="seconde")
    html = client.get("/suggestions").text
    assert 'id="et-si"' in html, "a seconde student sees « Et si… » before setting any interest"
    assert html.index('id="et-si"') < html.index('id="suggestions"')
    assert "ouvrent les voies les plus variées" in html
    _put_profile(client, classe="premiere")
    assert 'id="et-si"' not in client.get("/suggestions").text


def test_a_card_shows_one_reason_and_the_nearest_place_and_keeps_the_rest_on_demand(client):
    _put_profile(client, classe="terminale", bac="Générale", moyenne=14.5, interets=["ci19"],
                 villes=[{"nom": "Lille", "lat": 50.63, "lon": 3.06}])
    html = client.get("/suggestions").text
    cards = html.split('class="fr-card fr-card--sm')[1:]
    assert len(cards) == 20
    for card in cards:
        body, _, more = card.partition('<details class="mps-card-more">')
        assert more, "the details are behind a disclosure"
        assert "Au plus près" in body and 'href="/fiches/' not in body  # places only in the details
        assert "Où tu en es" not in body and "Où tu en es" in more
        assert more.count('href="/fiches/') >= 1
