"""A party's edits to a convention mail its signatories (a new signatory is invited, a change after a signature
voids them all and asks everyone again): each such edit counts against the editor's daily mails to typed
addresses, else one account could relay mail to any address or flood the signatories (SQLite and PostgreSQL)."""
from __future__ import annotations

from tests.integration.accounts.fixtures import new_email
from tests.integration.stages.agreement_helpers import fill_everything, placed_student, signatory_rows

STUDENT_PART = {"last_name": "Martin", "first_name": "Léa", "birth_date": "2010-03-14", "class_label": "2nde 4",
                "guardian_name": "Marc Martin"}


def test_edits_that_mail_count_against_the_editors_daily_mails_and_past_it_nothing_is_kept(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    base = f"/stages/conventions/{p.agreement_id}"
    allowance = site.app.state.settings.limits.typed_mails_per_person[0]
    typed = [new_email("inconnu") for _ in range(allowance + 2)]
    codes = [p.student.post_form(base + "/eleve", {**STUDENT_PART, "guardian_email": address},
                                 follow_redirects=False).status_code for address in typed]
    assert codes == [303] * allowance + [429, 429]
    assert [a for a in typed if site.smtp.for_address(a)] == typed[:allowance]
    guardian = next(r for r in signatory_rows(site, p.agreement_id) if r.role == "representant")
    assert guardian.email == typed[allowance - 1]  # the refused edits were not kept either
    # an edit that mails nobody is still saved
    same = p.student.post_form(base + "/eleve", {**STUDENT_PART, "guardian_email": typed[allowance - 1]},
                               follow_redirects=False)
    assert same.status_code == 303
