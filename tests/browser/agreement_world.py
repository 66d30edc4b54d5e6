"""The accessibility world's convention de stage: the world's student is placed at the world's offer
(tests/browser/stage_placed.py), the agreement is opened and every part filled through the pages' forms, so
that the signing link waits in the outbox. Built on first use."""
from __future__ import annotations

import time
from email import message_from_bytes, policy

from tests.browser.people import World, new_email, post_form

SIGN_SUBJECT = "Ta convention de stage est prête à signer"


def _sign_link(w: World) -> str:
    outbox = w.tmp / "outbox"
    for _ in range(300):
        for path in sorted(outbox.glob("*.eml"), reverse=True):
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            if msg["Subject"] == SIGN_SUBJECT:
                text = msg.get_body(("plain",)).get_content()
                return text[text.index("/stages/conventions/signer"):].split()[0]
        time.sleep(0.1)
    raise AssertionError("no signing link in the outbox")


def agreement_id(w: World) -> int:
    """The world's agreement, made once: every part filled, so that it waits for signatures."""
    if getattr(w, "agreement_id", 0):
        return w.agreement_id
    assert w.stage_application_id, "the world's student has a confirmed stage (stage_placed.py)"
    student, employer, base = w.page("student"), w.page("employer"), w.base
    opened = post_form(student, base, "/stages/conventions", {}, follow=False)
    assert opened.status == 303, opened.text()
    w.agreement_id = int(opened.headers["location"].rsplit("/", 1)[1])
    url = f"/stages/conventions/{w.agreement_id}"
    assert post_form(student, base, url + "/eleve", {
        "last_name": "Durand", "first_name": "Camille", "birth_date": "2010-05-02", "class_label": "Seconde 3",
        "guardian_name": "Nadia Durand", "guardian_email": new_email("parent")}, follow=False).status == 303
    assert post_form(student, base, url + "/etablissement", {
        "head_name": "Claire Roy", "head_email": new_email("ce.0590117g", "ac-lille.fr")}, follow=False).status == 303
    employer.goto(base + url)
    host = employer.locator("input[name=host]").first.get_attribute("value")
    made = post_form(employer, base, url + "/accueil", {
        "host": host, "signer_name": "Paul Dupont", "signer_email": new_email("paul", "entreprise.fr"),
        "tutor_name": "Ana Lopes", "tutor_email": new_email("ana", "entreprise.fr"), "days": "lun", "start": "9:00",
        "end": "16:30", "pause_minutes": "60"}, follow=False)
    assert made.status == 303, made.text()
    w.sign_path = _sign_link(w)
    return w.agreement_id


def sign_path(w: World) -> str:
    agreement_id(w)
    return w.sign_path
