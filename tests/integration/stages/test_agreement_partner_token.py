"""A partner token (Authorization header) of a host structure opens none of the agreement's pages (SQLite and
PostgreSQL): they are for the signed-in parties and the signed links only. Refused, nothing of the document."""
from __future__ import annotations

from mps.db.models import StageOrganisation
from mps.domain.stages.partners import tokens
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.agreement_helpers import HOST_PART, fill_everything, placed_student, signatory_rows
from tests.integration.stages.helpers import run
from tests.integration.stages.partner_helpers import API as PARTNER_API

REFUSED = (303, 401, 403, 404)  # a page sends whoever is not signed in to the sign-in page


def test_a_host_structures_partner_token_opens_no_agreement_page(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    _browser, _email, org_id, app_id = p.employers[0]

    async def token_of_the_host(db):
        return (await tokens.create_token(db, await db.get(StageOrganisation, org_id), None, "Plateforme"))[1]
    bearer = {"Authorization": f"Bearer {run(db_url(site), token_of_the_host)}"}
    partner = Browser(site)
    assert partner.get(PARTNER_API, headers=bearer).status_code == 200  # the token is good where it belongs
    before = [(r.signed_at, r.email) for r in signatory_rows(site, p.agreement_id)]

    base = f"/stages/conventions/{p.agreement_id}"
    for url in ("/stages/conventions", base, base + "/convention.pdf", base + "/journal.csv"):
        r = partner.get(url, headers=bearer, follow_redirects=False)
        assert r.status_code in REFUSED, (url, r.status_code)
        assert "Menuiserie Dupont" not in r.text and "Martin" not in r.text and not r.content.startswith(b"%PDF"), url
        if r.status_code == 303:
            assert r.headers["location"].startswith("/connexion"), url
    for suffix, form in (("/accueil", {**HOST_PART, "host": f"a{app_id}", "signer_email": "pirate@exemple.fr",
                                       "tutor_email": "pirate@exemple.fr"}),
                         ("/eleve", {"last_name": "Pirate"}), ("/etablissement", {"head_name": "Pirate"}),
                         ("/relancer", {"signataire": "1"})):
        r = partner.post_form(base + suffix, form, headers=bearer, follow_redirects=False)
        assert r.status_code in REFUSED, (suffix, r.status_code)
    r = partner.post_form("/stages/conventions", {}, headers=bearer, follow_redirects=False)
    assert r.status_code in REFUSED
    for url in ("/stages/conventions/signer", "/stages/conventions/signer/convention.pdf"):  # only a signed link opens
        r = partner.get(url, headers=bearer)
        assert r.status_code in (400, 404) and not r.content.startswith(b"%PDF"), url
    assert [(r.signed_at, r.email) for r in signatory_rows(site, p.agreement_id)] == before  # nothing changed
