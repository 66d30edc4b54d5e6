"""The accessibility world's convention de stage: the world's student placed at the world's offer (the
confirmed application written as the applications service leaves it), the agreement opened and every part
filled through the pages' forms, so that the signing link waits in the outbox. Built on first use."""
from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timezone
from email import message_from_bytes, policy

from tests.browser.people import World, new_email, post_form

SIGN_SUBJECT = "Ta convention de stage est prête à signer"


def _confirm(w: World) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(w.tmp / "browser.sqlite") as db:
        period_id, code, year = db.execute(
            "SELECT p.id, p.code, o.school_year FROM stage_offer_periods p JOIN stage_offers o ON o.id = p.offer_id "
            "WHERE p.offer_id = ? ORDER BY p.id LIMIT 1", (w.stage_offer_id,)).fetchone()
        db.execute("INSERT INTO stage_applications (student_id, offer_id, period_id, period_code, school_year, status, "
                   "motivation, first_name, school_uai, created_at, updated_at, confirmed_at, reject_reason, "
                   "cancel_reason, cancelled_by) VALUES (?, ?, ?, ?, ?, 'confirmed', 'Le bois me plaît.', 'Camille', "
                   "'', ?, ?, ?, '', '', '')", (w.student_id, w.stage_offer_id, period_id, code, year, now, now, now))
        db.execute("UPDATE stage_offer_periods SET taken = taken + 1 WHERE id = ?", (period_id,))


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
    _confirm(w)
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
