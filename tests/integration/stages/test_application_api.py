"""/api/v1/stages/applications per role (SQLite and PostgreSQL): the student, another student, the employer,
an employer of another organisation, a teacher, an admin, nobody; 400 for bad input, never a 500; the
routes are in the OpenAPI document."""
from __future__ import annotations

from sqlalchemy import update

from mps.db.models import Person
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.application_helpers import MOTIVATION, organisation_for
from tests.integration.stages.helpers import run
from tests.integration.stages.test_application_pages import seeker, signed_in

API = "/api/v1/stages/applications"


def admin(site) -> Browser:
    browser, email = signed_in(site, "lyceen")

    async def promote(db):
        await db.execute(update(Person).where(Person.email == email).values(role="admin"))
    run(db_url(site), promote)
    return browser


def test_every_role_gets_its_answer(site, board, geocoder):
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder, seats=2))
    student, email = signed_in(site, "lyceen")
    seeker(site, email)

    assert Browser(site).api("GET", API).status_code == 401
    bad = student.api("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "Inès"})
    assert bad.status_code == 400 and "motivation" in bad.json()["detail"]
    bad = student.api("POST", API, {"offer_id": "douze", "periode": "deux-semaines", "prenom": "Inès",
                                    "motivation": MOTIVATION})
    assert bad.status_code == 400 and "offer_id" in bad.json()["detail"]
    bad = student.api("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "Inès",
                                    "motivation": "m" * 1001})
    assert bad.status_code == 400 and bad.json()["extra"][0]["key"] == "motivation"
    assert student.api("POST", API, {"offer_id": 10 ** 9, "periode": "deux-semaines", "prenom": "Inès",
                                     "motivation": MOTIVATION}).status_code == 404
    no_csrf = student.request("POST", API, json={"offer_id": offer_id, "periode": "deux-semaines",
                                                 "prenom": "Inès", "motivation": MOTIVATION})
    assert no_csrf.status_code == 403
    created = student.api("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "Inès",
                                        "motivation": MOTIVATION})
    assert created.status_code == 201, created.text
    doc = created.json()
    assert doc["status"] == "submitted" and doc["actions"] == ["cancel"] and doc["student_email"] is None
    one = f"{API}/{doc['id']}"
    listed = student.api("GET", API).json()
    assert (listed["total"], listed["pending"], listed["max_pending"]) == (1, 1, 5)

    # The employer reads (no e-mail yet), the student may not accept their own application.
    seen = boss.api("GET", one).json()
    assert seen["first_name"] == "Inès" and seen["student_email"] is None and email not in str(seen)
    assert seen["actions"] == ["read", "accept", "reject", "cancel"]
    assert student.api("POST", f"{one}/accept").status_code == 403
    assert boss.api("POST", f"{one}/confirm").status_code == 403
    assert boss.api("POST", f"{one}/archive").status_code == 400
    assert boss.api("POST", f"{one}/reject", {"reason": ""}).status_code == 400
    assert boss.api("POST", f"{one}/accept", {"reason": 12}).status_code == 400
    assert boss.api("POST", f"{one}/read").json()["status"] == "read"
    assert boss.api("POST", f"{one}/read").status_code == 400  # already read: the state machine refuses
    received = boss.api("GET", f"{API}/received?offer_id={offer_id}").json()
    assert [a["id"] for a in received["items"]] == [doc["id"]]

    # Strangers: another student, another organisation, a teacher -> 404 (or 403 for lists not theirs).
    other_student, _ = signed_in(site, "lyceen")
    assert other_student.api("GET", one).status_code == 404
    assert other_student.api("POST", f"{one}/cancel", {"reason": "x"}).status_code == 404
    assert other_student.api("GET", API).json()["total"] == 0
    other_boss, other_email = signed_in(site, "employeur", "/stages/employeur")
    run(db_url(site), lambda db: organisation_for(db, other_email, board, geocoder))
    assert other_boss.api("GET", one).status_code == 404
    assert other_boss.api("POST", f"{one}/accept").status_code == 404
    assert other_boss.api("GET", f"{API}/received?offer_id={offer_id}").status_code == 404
    assert other_boss.api("GET", API).status_code == 403
    teacher = Browser(site)
    teacher.sign_in(new_email("prof", "ac-lille.fr"), role="enseignant")
    assert teacher.api("GET", API).status_code == 403
    assert teacher.api("GET", one).status_code == 404
    assert teacher.api("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "X",
                                     "motivation": MOTIVATION}).status_code == 403
    assert boss.api("GET", f"{API}/received?offer_id=zero").status_code == 400

    # Accepted then confirmed: now the employer has the e-mail; an admin can read and cancel.
    assert boss.api("POST", f"{one}/accept").json()["status"] == "accepted"
    confirmed = student.api("POST", f"{one}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    assert boss.api("GET", one).json()["student_email"] == email
    boss_view = admin(site)
    assert boss_view.api("GET", one).json()["status"] == "confirmed"
    assert boss_view.api("POST", f"{one}/accept").status_code == 403
    cancelled = boss_view.api("POST", f"{one}/cancel", {"reason": "Offre retirée après signalement."})
    assert cancelled.status_code == 200 and cancelled.json()["cancelled_by"] == "admin"
    events = [e["to_status"] for e in student.api("GET", one).json()["events"]]
    assert events == ["submitted", "read", "accepted", "confirmed", "cancelled"]


def test_openapi_documents_the_applications(site):
    paths = site.get("/schema/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths[API])
    assert "post" in paths[API + "/{application_id}/{action}"] and "get" in paths[API + "/received"]


def test_a_partner_token_opens_no_application(site, board, geocoder):
    """The employer's own organisation's partner token, sent as the API expects it (Authorization header), is
    worth nothing here: applications are read and moved by signed-in people only. 401, nothing of the student."""
    from mps.db.models import StageOrganisation
    from mps.domain.stages.partners import tokens
    from tests.integration.stages.partner_helpers import API as PARTNER_API

    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    org_id, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder, seats=2))

    async def token_of_the_organisation(db):
        return (await tokens.create_token(db, await db.get(StageOrganisation, org_id), None, "Plateforme"))[1]
    token = run(db_url(site), token_of_the_organisation)
    student, email = signed_in(site, "lyceen")
    seeker(site, email)
    one = student.api("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "Inès",
                                    "motivation": MOTIVATION}).json()["id"]
    assert boss.api("POST", f"{API}/{one}/accept").json()["status"] == "accepted"
    assert student.api("POST", f"{API}/{one}/confirm").json()["status"] == "confirmed"  # e-mail now shown to the team

    partner = Browser(site)  # no session; a CSRF pair of its own, so that the token alone decides
    bearer = {"Authorization": f"Bearer {token}"}
    assert partner.get(PARTNER_API, headers=bearer).status_code == 200  # the token is good where it belongs
    for method, url, body in [("GET", API, None), ("GET", f"{API}/{one}", None),
                              ("GET", f"{API}/received?offer_id={offer_id}", None),
                              ("POST", API, {"offer_id": offer_id, "periode": "deux-semaines", "prenom": "X",
                                             "motivation": MOTIVATION}),
                              *[("POST", f"{API}/{one}/{action}", {"reason": "Plus de place, désolé."})
                                for action in ("read", "accept", "reject", "cancel", "confirm")]]:
        r = partner.api(method, url, body, headers=bearer)
        assert r.status_code in (401, 403), (method, url, r.status_code)
        assert email not in r.text and "Inès" not in r.text and MOTIVATION not in r.text, (method, url)
    for path in (f"/stages/employeur/offres/{offer_id}/candidatures", f"/stages/employeur/candidatures/{one}"):
        r = partner.get(path, headers=bearer, follow_redirects=False)
        assert r.status_code in (303, 401, 403) and "Inès" not in r.text and email not in r.text, path
    r = partner.post_form(f"/stages/employeur/candidatures/{one}/cancel", {"reason": "Fermé."}, headers=bearer,
                          follow_redirects=False)
    assert r.status_code in (303, 401, 403), r.status_code
    assert student.api("GET", f"{API}/{one}").json()["status"] == "confirmed"  # nothing moved
