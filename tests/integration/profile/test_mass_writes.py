"""Writes a script could abuse: formation ids are checked against the catalogue, lists are capped, and
people without an account are rate-limited per client address."""
from __future__ import annotations

import uuid

import pytest

from mps.domain.profile.schemas import MAX_FAVOURITES
from tests.integration.accounts.fixtures import *  # noqa: F401,F403 (site, smtp)
from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.integration.favourites.helpers import catalogue


def test_junk_favourite_ids_are_refused_naming_the_item(site):
    browser = Browser(site)
    real = next(iter(catalogue(site).formations))
    answer = browser.api("PUT", "/api/v1/profile", json={"favoris": [real, "pas-une-formation-42"]})
    assert answer.status_code == 400 and "favoris[1]" in answer.text
    assert browser.get("/api/v1/favourites").json()["formations"] == []  # nothing half-saved


def test_lists_are_capped(site):
    junk = [f"junk-{i}" for i in range(2500)]
    answer = Browser(site).api("PUT", "/api/v1/profile", json={"favoris": junk})
    assert answer.status_code == 400 and "favoris" in answer.text
    ids = list(catalogue(site).formations)[:MAX_FAVOURITES + 1]
    assert Browser(site).api("PUT", "/api/v1/profile", json={"favoris": ids}).status_code == 400
    fine = Browser(site)
    assert fine.api("PUT", "/api/v1/profile", json={"favoris": ids[:3]}).status_code == 200
    assert [f["formation_id"] for f in fine.get("/api/v1/favourites").json()["formations"]] == ids[:3]


def test_sync_ops_on_unknown_ids_create_nothing(site):
    browser = Browser(site)
    real = next(iter(catalogue(site).formations))
    ops = [{"op_id": f"op-{uuid.uuid4().hex[:12]}", "device_id": "d1", "ts": 1, "kind": kind, "formation_id": fid}
           for kind in ("restore", "remove_favourite", "add_favourite") for fid in (f"inconnue-{kind}", real)]
    done = browser.api("POST", "/api/v1/sync", json={"since": 0, "ops": ops})
    assert done.status_code == 200, done.text
    refused = [r for r in done.json()["results"] if r["status"] == "rejected"]
    assert len(refused) == 3 and all("n'existe pas" in r["detail"] for r in refused)
    marks = {m["formation_id"] for m in done.json()["marks"]}
    assert not any(fid.startswith("inconnue") for fid in marks)


@pytest.fixture
def strict_site(catalogue_db, smtp, tmp_path):
    settings = site_settings(catalogue_db, tmp_path, smtp.port, anon_write=(5, 600), anon_new=(3, 3600))
    with make_site(settings) as client:
        client.smtp = smtp
        yield client


def test_anonymous_writes_are_rate_limited_per_address(strict_site):
    browser = Browser(strict_site)
    codes = [browser.api("PUT", "/api/v1/profile", json={"classe": "seconde"}).status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    refused = browser.api("PUT", "/api/v1/profile", json={"classe": "seconde"})
    assert "Trop de modifications" in refused.json()["detail"] and refused.headers["retry-after"]
    account = Browser(strict_site)
    account.sign_in(new_email())  # an account is not limited this way
    assert [account.api("PUT", "/api/v1/profile", json={"classe": "premiere"}).status_code
            for _ in range(7)] == [200] * 7


def test_new_anonymous_people_are_rate_limited_per_address(strict_site):
    codes = [Browser(strict_site).api("PUT", "/api/v1/profile", json={"classe": "seconde"}).status_code
             for _ in range(4)]
    assert codes == [200, 200, 200, 429]
