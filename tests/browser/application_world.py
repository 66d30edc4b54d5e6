"""The accessibility world's applications: a second offer of the world's employer, open for the coming June,
that a student with no stage yet (the world's « seeker ») can apply to; the world's student holds a confirmed
stage on the first one, so they see « Ton stage est déjà trouvé » instead of the form. Built on first use."""
from __future__ import annotations

import sqlite3

from tests.browser.people import World, post_form


def open_offer(w: World) -> int:
    if getattr(w, "open_offer_id", 0):
        return w.open_offer_id
    employer = w.page("employer")
    made = post_form(employer, w.base, "/stages/employeur/offres/etapes", {
        "etape": "4", "title": "Une semaine à l'atelier de vitrail", "secteur": "s24", "commune": "Lille",
        "description": "Tu découpes et assembles le verre avec l'équipe.", "niveau": "seconde",
        "periodes": "semaine-1", "seats": "3"}, follow=False)
    w.open_offer_id = int(made.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert post_form(employer, w.base, f"/stages/employeur/offres/{w.open_offer_id}/envoyer", {}).ok
    with sqlite3.connect(w.tmp / "browser.sqlite") as db:  # past the early-access window
        db.execute("UPDATE stage_offers SET open_to_all_at = published_at WHERE id = ?", (w.open_offer_id,))
    return w.open_offer_id


def apply_form(page, w: World) -> None:
    page.goto(f"{w.base}/stages/offres/{open_offer(w)}/postuler")
    assert page.locator("#motivation").count() == 1, "the apply form, not « Ton stage est déjà trouvé »"


def apply_error(page, w: World) -> None:
    """Sent without a period nor a motivation: the summary lists both, focus on it."""
    apply_form(page, w)
    page.fill("#motivation", "")
    page.locator("form[action$='/postuler'] button[type=submit]").click()
    page.wait_for_load_state()


def received(page, w: World) -> None:
    page.goto(f"{w.base}/stages/employeur/offres/{w.stage_offer_id}/candidatures")


def received_one(page, w: World) -> None:
    page.goto(f"{w.base}/stages/employeur/candidatures/{w.stage_application_id}")
    page.locator("details summary").first.click()  # the cancel form, opened
