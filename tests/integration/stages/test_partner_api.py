"""Partner API on the full app (SQLite and PostgreSQL): the contract by remote_id (201, 200, 204, 404, 409,
400), the organisation's moderation, tokens only in the Authorization header (never a cookie, never the URL),
revoked tokens, the OpenAPI document."""
from __future__ import annotations

import asyncio
import logging
import re
from types import SimpleNamespace

import pytest

from mps.domain.stages.board import load_board
from mps.domain.stages.partners import tokens
from mps.domain.stages.web.partner_auth import _too_many_failures
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.accounts.test_register import tu_forms
from tests.integration.stages.helpers import run
from tests.integration.stages.partner_helpers import API, drop_organisation, make_partner, offer_body


@pytest.fixture
def partner(site):
    p = make_partner(site)
    yield p
    drop_organisation(site, p.org_id)


@pytest.fixture
def other_partner(site):
    p = make_partner(site, name="Association Premiers Pas")
    yield p
    drop_organisation(site, p.org_id)


def test_create_read_update_list_delete_by_remote_id(site, partner):
    h = partner.headers
    created = site.post(API, json=offer_body("velo-42"), headers=h)
    assert created.status_code == 201, created.text
    body = created.json()
    assert created.headers["location"] == f"{API}/velo-42"
    assert (body["remote_id"], body["status"], body["commune"]) == ("velo-42", "published", "Lille")
    assert [(p["code"], p["seats"], p["seats_left"]) for p in body["periods"]] == [("semaine-1", 2, 2),
                                                                                  ("semaine-2", 2, 2)]
    assert body["url"] == f"/stages/offres/{body['id']}"
    assert site.get(f"{API}/velo-42", headers=h).json()["id"] == body["id"]
    changed = offer_body("velo-42", seats=4, periodes=["deux-semaines"], title="Réparer des vélos en atelier")
    renamed = site.put(f"{API}/velo-42", json={**changed, "remote_id": "velo-43"}, headers=h)
    assert renamed.status_code == 400 and renamed.json()["extra"][0]["key"] == "remote_id"
    del changed["remote_id"]  # optional in a PUT: the address names the offer
    updated = site.put(f"{API}/velo-42", json=changed, headers=h)
    assert updated.status_code == 200, updated.text
    assert updated.json()["id"] == body["id"] and updated.json()["title"] == "Réparer des vélos en atelier"
    assert [(p["code"], p["seats"]) for p in updated.json()["periods"]] == [("deux-semaines", 4)]

    listed = site.get(API, headers=h).json()
    assert listed["total"] == 1 and [i["remote_id"] for i in listed["items"]] == ["velo-42"]

    assert site.delete(f"{API}/velo-42", headers=h).status_code == 204
    assert site.get(f"{API}/velo-42", headers=h).status_code == 404
    assert site.get(f"/api/v1/stages/{body['id']}").status_code == 404  # closed: no longer offered to students
    assert site.get(API, headers=h).json()["total"] == 0
    again = site.post(API, json=offer_body("velo-42"), headers=h)  # the remote_id is free again
    assert again.status_code == 201 and again.json()["id"] != body["id"]


def test_duplicate_remote_id_is_409_and_changes_nothing(site, partner):
    first = site.post(API, json=offer_body("dup"), headers=partner.headers)
    assert first.status_code == 201
    second = site.post(API, json=offer_body("dup", title="Une autre offre au même identifiant"), headers=partner.headers)
    assert second.status_code == 409
    assert "remote_id" in second.json()["detail"] and second.json()["extra"] == {"id": first.json()["id"]}
    assert site.get(f"{API}/dup", headers=partner.headers).json()["title"] == first.json()["title"]
    assert site.get(API, headers=partner.headers).json()["total"] == 1


@pytest.mark.parametrize("change,field", [
    ({"secteur": "s999"}, "secteur"),
    ({"title": "Vélo"}, "title"),
    ({"remote_id": None}, "remote_id"),
    ({"remote_id": "avec espace"}, "remote_id"),
    ({"remote_id": ".."}, "remote_id"), ({"remote_id": "."}, "remote_id"),  # /offers/.. is another address
    ({"periodes": ["semaine-9"]}, "periodes"),
    ({"seats": 0}, "seats"),
    ({"commune": "Atlantide", "lat": None, "lon": None}, "commune"),
    ({"salaire": 1000}, "salaire"),
])
def test_refused_offer_is_400_naming_the_field(site, partner, change, field):
    body = offer_body("bad")
    body.update({k: v for k, v in change.items() if v is not None})
    for key in [k for k, v in change.items() if v is None]:
        del body[key]
    r = site.post(API, json=body, headers=partner.headers)
    assert r.status_code == 400, r.text
    assert r.json()["extra"][0]["key"] == field and f"« {field} »" in r.json()["detail"]
    assert site.get(API, headers=partner.headers).json()["total"] == 0


def test_a_refused_character_is_said_as_such_not_as_the_fields_length(site, partner):
    """The edge refuses a bell or a bidi override in any value; the partner reads that, not the title's own sentence
    (« 5 à 120 caractères »), which said nothing of what was wrong."""
    for title in ("Atelier\u202e vélo", "Atelier\x07 vélo"):
        r = site.post(API, json=offer_body("bad", title=title), headers=partner.headers)
        assert r.status_code == 400 and r.json()["extra"][0]["key"] == "title", r.text
        assert "caractère non permis" in r.json()["detail"] and "120" not in r.json()["detail"], r.text


def test_new_organisation_offers_wait_for_an_admin(site):
    p = make_partner(site, verified=False, name="Jeune Pousse")
    try:
        r = site.post(API, json=offer_body("n1"), headers=p.headers)
        assert r.status_code == 201 and r.json()["status"] == "pending"
        assert site.get(f"/api/v1/stages/{r.json()['id']}").status_code == 404
    finally:
        drop_organisation(site, p.org_id)


def test_other_organisations_remote_ids_are_invisible(site, partner, other_partner):
    theirs = site.post(API, json=offer_body("commun-1"), headers=other_partner.headers)
    assert theirs.status_code == 201
    h = partner.headers
    assert site.get(f"{API}/commun-1", headers=h).status_code == 404
    changed = offer_body("x")
    del changed["remote_id"]
    assert site.put(f"{API}/commun-1", json=changed, headers=h).status_code == 404
    assert site.delete(f"{API}/commun-1", headers=h).status_code == 404
    assert site.get(API, headers=h).json()["total"] == 0
    mine = site.post(API, json=offer_body("commun-1"), headers=h)  # unique per organisation only
    assert mine.status_code == 201 and mine.json()["id"] != theirs.json()["id"]
    assert site.get(f"{API}/commun-1", headers=other_partner.headers).json()["id"] == theirs.json()["id"]


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer mpsp_00000000_" + "a" * 43,
                                           "Bearer pas-un-jeton"])
def test_missing_or_wrong_token_is_401(site, partner, authorization):
    headers = {"Authorization": authorization} if authorization is not None else {}
    r = site.post(API, json=offer_body("x"), headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert "Authorization" in r.json()["detail"] or "jeton" in r.json()["detail"]


def test_same_prefix_wrong_secret_and_revoked_tokens_are_refused(site, partner):
    forged = partner.token[:tokens.PREFIX_LEN + 1] + ("b" if partner.token[-1] != "b" else "c") * 43
    assert site.get(API, headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    assert site.get(API, headers=partner.headers).status_code == 200

    async def revoke(db):
        await tokens.revoke_token(db, partner.org_id, partner.token_id)
    run(db_url(site), revoke)
    r = site.get(API, headers=partner.headers)
    assert r.status_code == 401 and "révoqué" in r.json()["detail"]


def test_a_signed_in_employer_cookie_does_not_authorise(site, partner):
    """The organisation's own member, signed in, with a valid CSRF token: still 401 (cookies never count)."""
    browser, email = Browser(site), new_email("rh", "entreprise.fr")
    browser.sign_in(email, role="employeur", next_url="/stages/employeur")
    assert browser.post_form("/stages/employeur/organisation", {
        "name": "Cookie SARL", "siret": "73282932000074", "employer_kind": "prive"}).status_code in (200, 303, 400)
    r = browser.api("POST", API, json=offer_body("cookie"))
    assert r.status_code == 401
    assert browser.get(API).status_code == 401


def test_token_in_the_url_is_refused_and_never_logged(site, partner, caplog):
    caplog.set_level(logging.DEBUG)
    for params in ({"access_token": partner.token}, {"token": partner.token}, {"q": partner.token}):
        r = site.get(API, params=params)
        assert r.status_code == 400
        assert "Authorization: Bearer" in r.json()["detail"] and "révoque" in r.json()["detail"]
    # Even with the right header, a token copied in the address is refused (the address leaked it).
    assert site.get(API, params={"access_token": partner.token}, headers=partner.headers).status_code == 400
    assert site.get(f"{API}/{partner.token}", headers=partner.headers).status_code == 400
    server = [r for r in caplog.records if not r.name.startswith("httpx")]  # httpx: the test client's own log
    assert any(r.name == "mps.access" for r in server)
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in server)  # messages and structured fields
    assert partner.token[tokens.PREFIX_LEN:] not in logged


def test_tokens_are_stored_hashed(site, partner):
    async def rows(db):
        from sqlalchemy import text
        return (await db.execute(text("SELECT prefix, token_hash FROM stage_partner_tokens WHERE id = :i"),
                                 {"i": partner.token_id})).one()
    prefix, token_hash = run(db_url(site), rows)
    assert partner.token.startswith(prefix + "_") and token_hash == tokens.digest(partner.token)
    assert partner.token[len(prefix) + 1:] not in token_hash


def test_openapi_documents_the_partner_api_with_its_bearer_scheme(site):
    doc = site.get("/schema/openapi.json").json()
    scheme = doc["components"]["securitySchemes"]["jetonPartenaire"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert set(doc["paths"][API]) >= {"get", "post"}
    assert set(doc["paths"][API + "/{remote_id}"]) >= {"get", "put", "delete"}
    for method in ("post", "get"):
        assert doc["paths"][API][method]["security"] == [{"jetonPartenaire": []}]
    body = doc["paths"][API]["post"]["requestBody"]["content"]["application/json"]["schema"]
    name = body["$ref"].rsplit("/", 1)[1]
    assert "remote_id" in doc["components"]["schemas"][name]["required"]


# The imperatives of the partner API's old answers, lower case (tu_forms knows capitalised ones only).
PARTNER_TU = re.compile(r"réessaie\b|modifie-la|crée-la|\bchoisis\b|\bsupprime l")


def test_the_partner_api_says_vous_to_the_platforms(site, partner):
    """Partners are adults of an organisation, like employers on the site's pages (« vous »)."""
    site.post(API, json=offer_body("vous-1"), headers=partner.headers)
    said = [site.post(API, json=offer_body("vous-1"), headers=partner.headers).json()["detail"],  # 409
            site.put(f"{API}/vous-1", json=offer_body("autre"), headers=partner.headers).json()["detail"],
            site.get(API).json()["detail"], site.get(API, params={"token": partner.token}).json()["detail"]]
    doc = site.get("/schema/openapi.json").json()
    said += [op["summary"] for path in (API, API + "/{remote_id}") for op in doc["paths"][path].values()]
    limiter = SimpleNamespace(retry_after=lambda *_: asyncio.sleep(0, result=30))
    said.append(asyncio.run(_too_many_failures(limiter, "203.0.113.9", 20, 600)).detail)
    assert [s for s in said if tu_forms(s) or PARTNER_TU.search(s)] == []


def test_the_document_lists_the_sector_codes_an_offer_takes(site, partner):
    """The partners' documentation is the OpenAPI document: it names every sector code, and each one is taken, and
    says what a reserved establishment's code looks like."""
    schemas = site.get("/schema/openapi.json").json()["components"]["schemas"]
    sectors = load_board(site.app.state.settings.paths.data_dir).sectors
    for name in ("PartnerOfferIn", "PartnerOfferUpdate"):
        field = schemas[name]["properties"]["secteur"]
        assert field["enum"] == list(sectors) and "pattern" not in field
        assert "s24 " + sectors["s24"] in field["description"]
        assert schemas[name]["properties"]["reserved_uais"]["items"]["pattern"] == "^[0-9]{7}[A-Za-z]$"
    last = list(sectors)[-1]
    assert site.post(API, json=offer_body("dernier-secteur", secteur=last), headers=partner.headers).status_code == 201
