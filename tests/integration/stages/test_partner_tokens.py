"""Partner tokens through their pages (SQLite and PostgreSQL): an employer makes one for their organisation
and sees it once, the list shows only its prefix and when it was last used, revoking stops it; an admin does
the same for any organisation; other roles and other organisations' members cannot."""
from __future__ import annotations

import re

from sqlalchemy import select

from mps.db.models import StagePartnerToken
from mps.domain.stages.partners import tokens
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.helpers import run
from tests.integration.stages.partner_helpers import API, drop_organisation, fresh_siret, make_partner
from tests.integration.stages.test_pages import make_admin

TOKEN = re.compile(r'value="(mpsp_[0-9a-f]{8}_[A-Za-z0-9_-]{43})"')


def employer_with_org(site, name="Vélos du Nord") -> Browser:
    browser = Browser(site)
    browser.sign_in(new_email("rh", "entreprise.fr"), role="employeur", next_url="/stages/employeur")
    saved = browser.post_form("/stages/employeur/organisation", {"name": name, "siret": fresh_siret(),
                                                                 "employer_kind": "association"},
                              follow_redirects=False)
    assert saved.status_code == 303, saved.text
    return browser


def org_id_of(site, prefix: str) -> int:
    async def work(db):
        return (await db.execute(select(StagePartnerToken.organisation_id)
                                 .where(StagePartnerToken.prefix == prefix))).scalar_one()
    return run(db_url(site), work)


def test_employer_makes_a_token_sees_it_once_uses_it_and_revokes_it(site):
    browser = employer_with_org(site)
    assert "Aucun jeton" in browser.get("/stages/employeur/api").text
    refused = browser.post_form("/stages/employeur/api", {"label": "  "})
    assert refused.status_code == 400 and "Donnez un nom" in refused.text
    made = browser.post_form("/stages/employeur/api", {"label": "Plateforme ViensVoirMonTaf"})
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    token = TOKEN.search(made.text).group(1)
    prefix = token[:tokens.PREFIX_LEN]
    org_id = org_id_of(site, prefix)
    try:
        again = browser.get("/stages/employeur/api").text
        assert token not in again and token[tokens.PREFIX_LEN:] not in again  # shown once
        assert f"{prefix}…" in again and "Plateforme ViensVoirMonTaf" in again and "jamais" in again

        assert site.get(API, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        listed = browser.get("/stages/employeur/api").text
        assert "jamais" not in listed.split(prefix)[1].split("</tr>")[0]  # last use now shown

        token_id = int(re.search(r'action="/stages/employeur/api/(\d+)/revoquer"', listed).group(1))
        revoked = browser.post_form(f"/stages/employeur/api/{token_id}/revoquer", follow_redirects=False)
        assert revoked.status_code == 303
        assert "Révoqué le" in browser.get("/stages/employeur/api").text
        assert site.get(API, headers={"Authorization": f"Bearer {token}"}).status_code == 401
    finally:
        drop_organisation(site, org_id)


def test_roles_and_organisations_are_kept_apart(site):
    other = make_partner(site, name="Autre organisation")
    try:
        student = Browser(site)
        student.sign_in(new_email())
        assert student.get("/stages/employeur/api").status_code == 404
        assert student.get("/stages/partenaires").status_code == 404
        assert student.post_form(f"/stages/partenaires/{other.org_id}", {"label": "x"}).status_code == 404

        teacher = Browser(site)
        teacher.sign_in(new_email("prof", "ac-lille.fr"), role="enseignant")
        assert teacher.get("/stages/employeur/api").status_code == 404

        employer = employer_with_org(site, name="Employeur voisin")
        assert employer.get("/stages/partenaires").status_code == 404
        assert employer.get(f"/stages/partenaires/{other.org_id}").status_code == 404
        # Revoking another organisation's token from one's own page: not found, and the token still works.
        assert employer.post_form(f"/stages/employeur/api/{other.token_id}/revoquer").status_code == 404
        assert site.get(API, headers=other.headers).status_code == 200
        assert other.token[:tokens.PREFIX_LEN] not in employer.get("/stages/employeur/api").text

        assert Browser(site).get("/stages/employeur/api", follow_redirects=False).status_code in (302, 303)
    finally:
        drop_organisation(site, other.org_id)


def test_admin_makes_and_revokes_tokens_for_any_organisation(site):
    other = make_partner(site, name="Association des Ateliers")
    admin, email = Browser(site), new_email("admin")
    admin.sign_in(email)
    make_admin(site, email)
    try:
        listing = admin.get("/stages/partenaires")
        assert listing.status_code == 200 and f'href="/stages/partenaires/{other.org_id}"' in listing.text
        page = admin.get(f"/stages/partenaires/{other.org_id}")
        assert page.status_code == 200 and other.token[:tokens.PREFIX_LEN] in page.text
        made = admin.post_form(f"/stages/partenaires/{other.org_id}", {"label": "Rectorat"})
        token = TOKEN.search(made.text).group(1)
        assert org_id_of(site, token[:tokens.PREFIX_LEN]) == other.org_id
        assert site.get(API, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        revoked = admin.post_form(f"/stages/partenaires/{other.org_id}/{other.token_id}/revoquer",
                                  follow_redirects=False)
        assert revoked.status_code == 303
        assert site.get(API, headers=other.headers).status_code == 401
        assert admin.get("/stages/partenaires/999999999").status_code == 404
    finally:
        drop_organisation(site, other.org_id)
