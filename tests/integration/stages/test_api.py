"""GET /api/v1/stages and /api/v1/stages/{id} on the full app (SQLite and PostgreSQL): the documented
contract, 400s naming the field in French, eligibility read from the signed-in student's school."""
from __future__ import annotations

import pytest
from sqlalchemy import delete

from mps.db.models import StageOrganisation
from mps.domain.stages.seekers import save_seeker
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.helpers import LENS, LILLE, ROUBAIX, employer_org, published, run

REP_PLUS_COLLEGE = "0132572A"  # Collège Ampère, Arles: REP+ in the shipped annuaire file


@pytest.fixture
def offers(site, board, geocoder):
    """Three published offers around Lille (one reserved to REP / REP+ schools); removed afterwards."""
    async def work(db):
        _, org = await employer_org(db, verified=True, siret="44306184100047")
        a = await published(db, board, geocoder, org, title="Atelier de menuiserie", lat=LENS[0], lon=LENS[1],
                            commune="Lens")
        b = await published(db, board, geocoder, org, title="Accueil à la mairie", lat=ROUBAIX[0], lon=ROUBAIX[1],
                            commune="Roubaix", secteur="s25", periodes=["semaine-1", "semaine-2"], seats=3)
        c = await published(db, board, geocoder, org, title="Réservée éducation prioritaire", reserved="ep")
        return org.id, [a.id, b.id, c.id]
    org_id, ids = run(db_url(site), work)
    yield ids

    async def clean(db):
        await db.execute(delete(StageOrganisation).where(StageOrganisation.id == org_id))
    run(db_url(site), clean)


def test_search_contract(site, offers):
    r = site.get("/api/v1/stages", params={"near": f"{LILLE[0]},{LILLE[1]}", "radius_km": "40"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2
    first = body["items"][0]
    assert {"id", "title", "secteur", "commune", "lat", "lon", "distance_km", "periods", "seats_left"} <= set(first)
    assert (first["id"], first["title"], first["commune"], first["secteur"]) == (offers[1], "Accueil à la mairie",
                                                                                 "Roubaix", "s25")
    assert first["periods"] == ["semaine-1", "semaine-2"] and first["seats_left"] == 6
    assert first["distance_km"] == 10.1 and (first["lat"], first["lon"]) == ROUBAIX
    assert [i["title"] for i in body["items"]] == ["Accueil à la mairie", "Atelier de menuiserie"]
    one = site.get(f"/api/v1/stages/{offers[0]}").json()
    assert one["title"] == "Atelier de menuiserie" and one["periods"][0]["code"] == "deux-semaines"
    assert site.get(f"/api/v1/stages/{offers[2]}").status_code == 404  # reserved: not for a visitor


def test_the_search_and_offer_answers_mint_no_csrf_cookie(site, offers):
    """GET only: nothing to protect, so no token minted on the board's busiest answers (the pages still get one)."""
    site.cookies.clear()
    for path in ("/api/v1/stages?near=50.63,3.06", f"/api/v1/stages/{offers[0]}"):
        r = site.get(path)
        assert r.status_code == 200 and "mps_csrftoken" not in r.headers.get("set-cookie", ""), path
    assert "mps_csrftoken" in site.get("/stages").headers.get("set-cookie", "")


def test_search_resolves_its_dependencies_without_a_task_group(site, offers, monkeypatch):
    """The board's busiest endpoint: Litestar spawns a task group for dependencies of the same level (settings
    and stage_board from the app state); the board's provider takes settings, so each is awaited in turn."""
    from litestar._kwargs import kwargs_model
    groups = []
    real = kwargs_model.create_task_group
    monkeypatch.setattr(kwargs_model, "create_task_group", lambda: groups.append(1) or real())
    assert site.get("/api/v1/stages", params={"near": f"{LILLE[0]},{LILLE[1]}"}).status_code == 200
    assert groups == []


def test_search_reads_without_begin_or_rollback_on_postgresql(site, offers, monkeypatch):
    """Its own session is read-only, in autocommit on PostgreSQL: two round trips fewer per search."""
    if "postgresql" not in db_url(site):
        pytest.skip("SQLite's driver never begins a transaction for reads")
    from asyncpg.transaction import Transaction
    started = []
    real = Transaction.start

    async def start(self):
        started.append(1)
        return await real(self)
    monkeypatch.setattr(Transaction, "start", start)
    body = site.get("/api/v1/stages", params={"near": f"{LILLE[0]},{LILLE[1]}", "radius_km": "40"}).json()
    assert body["total"] == 2 and started == []


def test_openapi_documents_the_search(site):
    doc = site.get("/schema/openapi.json").json()
    op = doc["paths"]["/api/v1/stages"]["get"]
    assert {p["name"] for p in op["parameters"]} >= {"near", "radius_km", "secteur", "niveau", "periode", "q"}
    schema = doc["components"]["schemas"]["StageItem"]
    assert {"id", "title", "distance_km", "periods", "seats_left"} <= set(schema["properties"])


@pytest.mark.parametrize("params,field", [
    ({}, "near"), ({"near": "x"}, "near"), ({"near": "50,3", "radius_km": "500"}, "radius_km"),
    ({"near": "50,3", "secteur": "inconnu"}, "secteur"), ({"near": "50,3", "niveau": "cp"}, "niveau"),
    ({"near": "50,3", "periode": "2026-W99"}, "periode"),
])
def test_bad_parameters_answer_400_naming_the_field(site, params, field):
    r = site.get("/api/v1/stages", params=params)
    assert r.status_code == 400
    body = r.json()
    assert f"« {field} »" in body["detail"] and body["extra"][0]["key"] == field


def test_rep_student_sees_the_reserved_offer(site, offers):
    browser, email = Browser(site), new_email()
    browser.sign_in(email)
    near = {"near": f"{LILLE[0]},{LILLE[1]}", "radius_km": "40"}
    assert browser.get("/api/v1/stages", params=near).json()["total"] == 2

    async def set_school(db):
        from sqlalchemy import select

        from mps.db.models import Person
        person = (await db.execute(select(Person).where(Person.email == email))).scalar_one()
        await save_seeker(db, person.id, school_uai=REP_PLUS_COLLEGE)
    run(db_url(site), set_school)
    body = browser.get("/api/v1/stages", params=near).json()
    assert body["total"] == 3 and "Réservée éducation prioritaire" in [i["title"] for i in body["items"]]
    assert browser.get(f"/api/v1/stages/{offers[2]}").status_code == 200
