"""A name typed with line breaks (a form's body may hold them) reaches mail subjects on one line: no header is
added to the mail, and the edit that sends it is kept (it answered 500 when the email package refused it)."""
from __future__ import annotations

import pytest

from tests.integration.accounts.fixtures import new_email
from tests.integration.stages.agreement_helpers import HOST_PART, placed_student


@pytest.mark.parametrize("line_break", ["\r\n", "\u2028"])  # U+2028 too: the email package refused it (500)
def test_a_student_name_with_line_breaks_adds_no_header_to_the_mails(site, board, geocoder, line_break):
    p = placed_student(site, board, geocoder)
    base = f"/stages/conventions/{p.agreement_id}"
    intruder, head = new_email("intrus"), new_email("ce.0590117g", "ac-lille.fr")
    r = p.student.post_form(base + "/eleve", {"last_name": f"Martin{line_break}Bcc: {intruder}", "first_name": "Léa",
                                              "birth_date": "2010-03-14", "class_label": "2nde 4",
                                              "guardian_name": f"Marc{line_break}X-Injected: 1",
                                              "guardian_email": new_email("parent")}, follow_redirects=False)
    assert r.status_code == 303, r.text
    r = p.student.post_form(base + "/etablissement", {"head_name": "Claire Roy", "head_email": head},
                            follow_redirects=False)
    assert r.status_code == 303, r.text
    browser, _email, _org, app_id = p.employers[0]
    r = browser.post_form(base + "/accueil", {**HOST_PART, "host": f"a{app_id}",
                                              "signer_email": new_email("signataire", "entreprise.fr"),
                                              "tutor_email": new_email("tuteur", "entreprise.fr")},
                          follow_redirects=False)
    assert r.status_code == 303, r.text  # the invitations went out: their subjects name the student
    invitation = site.smtp.for_address(head)[-1]
    assert "Martin" in invitation["Subject"] and "\n" not in invitation["Subject"]
    assert invitation["Bcc"] is None and invitation["X-Injected"] is None
    assert site.smtp.for_address(intruder) == []
