"""Family links: read-only view of one student; revoked, expired or forged links show a clear page, no data."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from itsdangerous import URLSafeSerializer

from mps.db.models import FamilyLink
from tests.integration.accounts.fixtures import Browser, db_url, new_email, run_db
from tests.integration.classes.helpers import set_profile, student
from tests.integration.favourites.helpers import formation_with_places


def _student_with_a_favourite(site, note: str):
    browser, email = student(site)
    set_profile(site, email, {"classe": "premiere", "bac": "STMG", "moyenne": 13.5})
    f, places = formation_with_places(site)
    browser.api("PUT", f"/api/v1/favourites/formations/{f.id}",
                json={"ambition": "ambitieux", "places": [places[0].cod_aff_form], "note": note})
    return browser, email, f


def _new_link(browser, **body) -> dict:
    made = browser.api("POST", "/api/v1/me/family-links", json=body)
    assert made.status_code == 201, made.text
    return made.json()


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_family_sees_the_shared_project_read_only(site):
    browser, email, f = _student_with_a_favourite(site, "note-famille-1")
    link = _new_link(browser, label="Maman", days=30)
    family = Browser(site)
    page = family.get(_path(link["url"]))
    assert page.status_code == 200
    assert f.label in page.text and "Première" in page.text
    assert "note-famille-1" not in page.text  # the student's notes stay theirs
    assert "Équilibre des choix" in page.text and "Ses étapes de première" in page.text
    assert "Bac de français" in page.text and "bientôt" not in page.text  # the student's timeline, read-only
    assert "13,5" not in page.text and email not in page.text  # no moyenne, no address
    assert page.headers["cache-control"] == "no-store" and page.headers["referrer-policy"] == "no-referrer"
    api = family.get("/api/v1/family/" + link["url"].rsplit("/", 1)[1]).json()
    assert api["favourites"]["formations"][0]["formation_id"] == f.id
    assert "note-famille-1" not in str(api) and "note" not in api["favourites"]["formations"][0]
    assert family.get("/famille", follow_redirects=False).status_code == 303  # a link never signs anyone in
    assert family.get("/api/v1/favourites").json()["formations"] == []


def test_invitation_by_mail_carries_the_link(site):
    browser, _, _ = _student_with_a_favourite(site, "n")
    parent = new_email("parent")
    sent = browser.post_form("/famille", {"label": "Papa", "days": "7", "email": parent}, follow_redirects=False)
    assert sent.status_code == 303
    text = site.smtp.last_text(parent)
    url = next(w for w in text.split() if "/partage/" in w)
    assert Browser(site).get(_path(url)).status_code == 200
    assert browser.api("POST", "/api/v1/me/family-links", json={"email": "pas-une-adresse"}).status_code == 400


def test_invitations_by_mail_are_limited_per_student(site):
    """An account cannot have us relay mail to any address it types: past its allowance, 429 naming the field."""
    browser, _ = student(site)
    allowance = site.app.state.settings.limits.typed_mails_per_person[0]
    for i in range(allowance):
        assert browser.api("POST", "/api/v1/me/family-links", json={"email": new_email(f"p{i}")}).status_code == 201
    spam = new_email("cible")
    refused = browser.api("POST", "/api/v1/me/family-links", json={"email": spam})
    assert refused.status_code == 429 and refused.json()["extra"][0]["key"] == "email"
    page = browser.post_form("/famille", {"label": "Papa", "days": "7", "email": spam}, follow_redirects=False)
    assert page.status_code == 429 and "beaucoup d&#39;e-mails" in page.text
    assert site.smtp.for_address(spam) == []
    assert browser.api("POST", "/api/v1/me/family-links", json={"label": "Sans mail"}).status_code == 201
    other, _ = student(site)  # per account
    assert other.api("POST", "/api/v1/me/family-links", json={"email": spam}).status_code == 201


def test_revoked_link_shows_a_clear_page_and_nothing_else(site):
    browser, _, f = _student_with_a_favourite(site, "note-revoquee")
    link = _new_link(browser)
    browser.post_form(f"/famille/{link['id']}/revoquer")
    page = Browser(site).get(_path(link["url"]))
    assert page.status_code == 404 and "désactivé" in page.text
    assert f.label not in page.text and "note-revoquee" not in page.text
    api = Browser(site).get("/api/v1/family/" + link["url"].rsplit("/", 1)[1])
    assert api.status_code == 404 and "note-revoquee" not in api.text
    assert browser.get("/api/v1/me/family-links").json()[0]["state"] == "revoked"


def test_expired_link_shows_a_clear_page(site):
    browser, _, f = _student_with_a_favourite(site, "note-expiree")
    link = _new_link(browser, days=7)

    async def age(db):
        row = await db.get(FamilyLink, link["id"])
        row.expires_at = datetime.now(timezone.utc) - timedelta(minutes=1)
    run_db(db_url(site), age)
    page = Browser(site).get(_path(link["url"]))
    assert page.status_code == 404 and "expiré" in page.text and "note-expiree" not in page.text


def test_a_link_shows_only_its_own_student(site):
    alice, _, alice_f = _student_with_a_favourite(site, "note-alice")
    bob, bob_email, _ = _student_with_a_favourite(site, "note-bob")
    set_profile(site, bob_email, {"classe": "seconde", "bac": "STMG", "moyenne": 11})
    alice_link, bob_link = _new_link(alice), _new_link(bob)
    shown = Browser(site).get("/api/v1/family/" + alice_link["url"].rsplit("/", 1)[1]).json()
    assert {"label": "Classe", "value": "Première"} in shown["profile"]
    assert Browser(site).get(_path(alice_link["url"])).status_code == 200
    forged = URLSafeSerializer("not-our-secret", salt="family-link").dumps(bob_link["id"])
    for url in (f"/partage/{forged}", f"/api/v1/family/{forged}", f"/partage/{bob_link['id']}"):
        answer = Browser(site).get(url)
        assert answer.status_code == 404 and "note-bob" not in answer.text
    # bob cannot revoke alice's link, and alice's link keeps working
    assert bob.post_form(f"/famille/{alice_link['id']}/revoquer").status_code == 404
    assert bob.api("DELETE", f"/api/v1/me/family-links/{alice_link['id']}").status_code == 404
    assert Browser(site).get(_path(alice_link["url"])).status_code == 200
    assert [x["id"] for x in bob.get("/api/v1/me/family-links").json()] == [bob_link["id"]]


def test_sharing_needs_a_student_account(site):
    assert Browser(site).get("/famille", follow_redirects=False).status_code == 303
    assert Browser(site).api("POST", "/api/v1/me/family-links", json={}).status_code == 401
