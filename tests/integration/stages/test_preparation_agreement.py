"""The checklist shows where the student's agreement really is (SQLite and PostgreSQL), at each step of its life
made through the agreements' own pages: none yet, being filled, waiting for signatures, signatures voided by a
change, signed by everyone. Each step is read from the badge of the checklist's agreement box, so a wrong status
shown (or the same one whatever happens) fails."""
from __future__ import annotations

import html
import re

from tests.integration.accounts.fixtures import new_email
from tests.integration.stages.agreement_helpers import (HOST_PART, fill_everything, placed_student,
                                                        signatory_rows)
from tests.integration.stages.preparation_helpers import placed_student as placed_through_applications
from tests.integration.stages.test_agreements import sign_as

PREPARE = "/stages/mon-stage/preparer"
BOX = re.compile(r'<h3 class="fr-callout__title fr-h6">Ta convention de stage</h3>\s*<p class="fr-mb-1w">'
                 r'<span class="fr-badge fr-badge--(\w+)">([^<]+)</span></p>\s*<p class="fr-callout__text">([^<]+)</p>')


def shown(browser) -> list[tuple[str, str, str]]:
    """(badge kind, badge, sentence) of each stage's agreement box on the checklist."""
    page = browser.get(PREPARE)
    assert page.status_code == 200, page.text
    return [(kind, html.unescape(label), html.unescape(text)) for kind, label, text in BOX.findall(page.text)]


def test_the_checklist_shows_no_agreement_yet_for_a_stage_just_confirmed(site, geocoder):
    p = placed_through_applications(site, geocoder)
    assert shown(p.browser) == [("info", "Pas encore créée", "Ouvre ta convention pour la lancer : elle se remplit "
                                 "à partir de ton stage confirmé, puis chacun la signe.")]


def test_the_checklist_follows_the_agreement_from_draft_to_voided_to_signed(site, board, geocoder):
    p = placed_student(site, board, geocoder, two_hosts=True)
    boxes = shown(p.student)
    assert len(boxes) == 2 and {b[1] for b in boxes} == {"En préparation"}  # one agreement for both host structures

    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    assert {b[:2] for b in shown(p.student)} == {("new", "En cours de signature")}
    rows = signatory_rows(site, p.agreement_id)
    sign_as(site, rows[0].email)
    assert {b[1] for b in shown(p.student)} == {"En cours de signature"}  # one signature of five

    # A host changes its timetable after that signature: it is voided, the student is told to expect new links.
    browser, _email, _org, app_id = p.employers[0]
    r = browser.post_form(f"/stages/conventions/{p.agreement_id}/accueil", {
        **HOST_PART, "host": f"a{app_id}", "signer_email": rows[0].email, "tutor_email": "t2@entreprise.fr",
        "start": "9:30"}, follow_redirects=False)
    assert r.status_code == 303
    boxes = shown(p.student)
    assert {b[:2] for b in boxes} == {("warning", "Signatures annulées")} and "signe de nouveau" in boxes[0][2]

    rows = signatory_rows(site, p.agreement_id)
    for row in rows[:-1]:
        sign_as(site, row.email)
    assert {b[1] for b in shown(p.student)} == {"Signatures annulées"}  # not signed again by everyone yet
    sign_as(site, rows[-1].email)
    assert {b[:2] for b in shown(p.student)} == {("success", "Signée")}
