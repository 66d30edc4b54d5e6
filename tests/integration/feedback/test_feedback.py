"""« Je donne mon avis »: a note and a few words, stored for the team, never lost on a mistake, rate-limited."""
from __future__ import annotations

import asyncio
import dataclasses
import re

import pytest
from litestar.testing import TestClient

from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import Feedback
from mps.asgi import create_app
from tests.integration.admin.backoffice import admin_login, app_settings, make_admin

pytestmark = pytest.mark.filterwarnings("ignore:If running sessions in production")


@pytest.fixture
def client(empty_db, tmp_path):
    settings = dataclasses.replace(app_settings(empty_db, tmp_path), redis_url=None)  # per-worker memory limiter
    with TestClient(app=create_app(settings), base_url="https://127.0.0.1:8000") as c:
        c.url = empty_db
        yield c


def send(client, **fields):
    client.get("/avis")  # as a browser would: the form page sets the CSRF cookie
    return client.post("/avis", data={**fields, "_csrf_token": client.cookies.get("mps_csrftoken", "")},
                       follow_redirects=False)


def stored(url: str) -> list[dict]:
    async def go():
        with use_engine(piccolo_engine(url)):
            return await Feedback.select(Feedback.page, Feedback.rating, Feedback.text).order_by(Feedback.id)
    return asyncio.run(go())


def test_form_remembers_the_page_it_was_opened_from(client):
    html = client.get("/avis", params={"page": "/recherche?q=bts"}).text
    assert 'name="page" value="/recherche?q=bts"' in html
    assert len(re.findall(r'type="radio"[^>]*name="rating"', html)) == 5
    assert 'name="_csrf_token"' in html


def test_without_page_param_the_same_site_referer_is_used(client):
    html = client.get("/avis", headers={"referer": "http://127.0.0.1:8000/formations/fl123"}).text
    assert 'name="page" value="/formations/fl123"' in html
    html = client.get("/avis", headers={"referer": "https://ailleurs.example/x"}).text
    assert 'name="page" value=""' in html


def test_feedback_is_stored_and_thanked(client):
    response = send(client, rating="4", text="Très clair, merci !", page="/recherche?q=bts")
    assert response.status_code == 303
    assert response.headers["location"] == "/avis/merci?page=%2Frecherche%3Fq%3Dbts"
    thanks = client.get(response.headers["location"]).text
    assert "Merci pour ton avis" in thanks and 'href="/recherche?q=bts"' in thanks
    assert stored(client.url) == [{"page": "/recherche?q=bts", "rating": 4, "text": "Très clair, merci !"}]


def test_team_reads_feedback_in_the_back_office(client):
    send(client, rating="2", text="Je n'ai pas trouvé les BTS en alternance", page="/")
    make_admin(client.url)
    assert admin_login(client).status_code == 200
    rows = client.get("/admin/api/tables/admin_feedback/").json()["rows"]
    assert [(r["rating"], r["text"], r["page"]) for r in rows] == [(2, "Je n'ai pas trouvé les BTS en alternance", "/")]


def test_missing_rating_names_the_field_and_keeps_the_text(client):
    response = send(client, text="Mon long message tapé avec soin", page="/sources")
    assert response.status_code == 400
    assert "Note</a> : Choisis une note de 1 à 5." in response.text
    assert ">Mon long message tapé avec soin</textarea>" in response.text
    assert 'name="page" value="/sources"' in response.text
    assert stored(client.url) == []


@pytest.mark.parametrize("rating", ["0", "6", "abc", "4.5"])
def test_out_of_range_rating_is_refused(client, rating):
    assert send(client, rating=rating).status_code == 400
    assert stored(client.url) == []


def test_too_long_text_names_the_field_and_keeps_the_choice(client):
    response = send(client, rating="5", text="x" * 2001)
    assert response.status_code == 400
    assert "Ce qui t’a plu, ce qui t’a manqué</a> : Ton message fait 2001 caractères : 2000 au maximum." in response.text
    assert re.search(r'value="5"[^>]*checked', response.text)
    assert "x" * 2001 in response.text


def test_pages_outside_the_site_are_not_kept(client):
    send(client, rating="3", page="https://ailleurs.example/piege")
    send(client, rating="3", page="//ailleurs.example/piege")
    assert [row["page"] for row in stored(client.url)] == ["", ""]


def test_sixth_feedback_in_ten_minutes_is_refused_with_a_clear_message(client):
    for i in range(5):
        assert send(client, rating="5", text=f"avis {i}").status_code == 303
    response = send(client, rating="1", text="encore un")
    assert response.status_code == 429
    assert "Réessaie dans une dizaine de minutes" in response.text
    assert ">encore un</textarea>" in response.text  # nothing lost
    assert len(stored(client.url)) == 5


@pytest.mark.parametrize("path", ["/avis/merci", "/avis"])
def test_the_back_link_never_leaves_the_site(client, path):
    for page in ("%2F%09%2Fevil.example%2Fphish", "%2F%0A%2Fevil.example", "%2F%0D%2Fevil.example"):
        answer = client.get(f"{path}?page={page}")  # control characters: refused at the edge (mps.web.hostile_input)
        assert answer.status_code == 400 and "evil.example" not in answer.text
    answer = client.get(f"{path}?page=%2F%2Fevil.example")
    assert answer.status_code == 200 and "evil.example" not in answer.text
