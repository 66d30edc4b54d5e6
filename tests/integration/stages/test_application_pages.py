"""Applications through the pages (SQLite and PostgreSQL): a student applies from the offer page, the employer
opens it (read), refuses without a reason (400, nothing lost), accepts; the student confirms; e-mails at each
step, the student's e-mail given to the employer only once confirmed."""
from __future__ import annotations

import re

from sqlalchemy import select

from mps.db.models import Person, StageApplication
from mps.domain.stages.seekers import save_seeker
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.application_helpers import MOTIVATION, organisation_for
from tests.integration.stages.helpers import run

LYCEE_REP = "0590001A"


def signed_in(site, role: str, next_url: str = "/compte") -> tuple[Browser, str]:
    browser, email = Browser(site), new_email("eleve" if role == "lyceen" else "rh")
    browser.sign_in(email, role=role, next_url=next_url)
    return browser, email


def seeker(site, email: str, niveau: str = "seconde") -> str:
    async def work(db):
        person = (await db.execute(select(Person).where(Person.email == email))).scalar_one()
        await save_seeker(db, person.id, niveau=niveau)
        return person.id
    return run(db_url(site), work)


def mails(site, email: str) -> list[tuple[str, str]]:
    return [(m["Subject"], m.get_body(preferencelist=("plain",)).get_content())
            for m in site.smtp.for_address(email)]


def test_apply_answer_confirm_through_the_pages(site, board, geocoder):
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder, seats=1,
                                                                periodes=["semaine-1", "semaine-2"]))
    student, email = signed_in(site, "lyceen")
    seeker(site, email)
    offer_page = student.get(f"/stages/offres/{offer_id}")
    assert f'href="/stages/offres/{offer_id}/postuler"' in offer_page.text
    form = student.get(f"/stages/offres/{offer_id}/postuler")
    assert form.status_code == 200 and 'data-mps-counter="1000"' in form.text and "maxlength" not in form.text
    assert "ne verra ton adresse e-mail que si tu confirmes" in form.text

    # Too long: refused whole, the text kept in the field, the field named.
    long = "x" * 1001
    r = student.post_form(f"/stages/offres/{offer_id}/postuler", {"periode": "semaine-1", "prenom": "Inès",
                                                                   "motivation": long})
    assert r.status_code == 400 and "rien n&#39;a été coupé" in r.text and long in r.text
    assert 'aria-invalid="true"' in r.text and 'href="#motivation"' in r.text
    r = student.post_form(f"/stages/offres/{offer_id}/postuler", {"periode": "semaine-3", "prenom": "Inès",
                                                                   "motivation": MOTIVATION})
    assert r.status_code == 400 and "périodes proposées" in r.text
    r = student.post_form(f"/stages/offres/{offer_id}/postuler", {"periode": "semaine-1", "prenom": "Inès",
                                                                   "motivation": MOTIVATION}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/stages/candidatures")
    mine = student.get("/stages/candidatures")
    assert "Envoyée" in mine.text and "Candidatures en attente : 1 sur 5" in mine.text

    subject, text = mails(site, boss_email)[-1]
    assert subject.startswith("Nouvelle candidature") and "Inès" in text and email not in text
    received = boss.get(f"/stages/employeur/offres/{offer_id}/candidatures")
    assert received.status_code == 200 and "Inès" in received.text and email not in received.text
    application_id = int(re.search(r'/stages/employeur/candidatures/(\d+)"', received.text).group(1))

    opened = boss.get(f"/stages/employeur/candidatures/{application_id}")
    assert opened.status_code == 200 and MOTIVATION.replace("'", "&#39;") in opened.text and email not in opened.text
    assert mails(site, email)[-1][0] == "Ton stage : candidature lue"
    r = boss.post_form(f"/stages/employeur/candidatures/{application_id}/reject", {"reason": "  "})
    assert r.status_code == 400 and "Indiquez une raison" in r.text
    r = boss.post_form(f"/stages/employeur/candidatures/{application_id}/accept", {}, follow_redirects=False)
    assert r.status_code == 303
    assert mails(site, email)[-1][0] == "Ton stage : candidature acceptée"
    mine = student.get("/stages/candidatures")
    assert "Confirmer ce stage" in mine.text and "Confirme avant le" in mine.text
    prepare = 'href="/stages/mon-stage/preparer"'  # « Mon stage confirmé » only once it is
    assert prepare not in student.get("/stages").text

    r = student.post_form(f"/stages/candidatures/{application_id}/confirm", {}, follow_redirects=False)
    assert r.status_code == 303
    assert prepare in student.get("/stages").text
    subject, text = mails(site, boss_email)[-1]
    assert subject.startswith("Stage confirmé") and email in text
    assert email in boss.get(f"/stages/employeur/candidatures/{application_id}").text

    # The student cancels with a reason: the seat is freed, the employer told.
    r = student.post_form(f"/stages/candidatures/{application_id}/cancel", {"reason": ""})
    assert r.status_code == 400 and "Indique une raison" in r.text
    r = student.post_form(f"/stages/candidatures/{application_id}/cancel", {"reason": "Je déménage en juin."},
                          follow_redirects=False)
    assert r.status_code == 303
    assert mails(site, boss_email)[-1][0].startswith("Candidature annulée")

    async def state(db):
        return (await db.get(StageApplication, application_id)).status
    assert run(db_url(site), state) == "cancelled"


def test_pages_answer_other_people_with_404_or_sign_in(site, board, geocoder):
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder))
    student, email = signed_in(site, "lyceen")
    seeker(site, email)
    student.post_form(f"/stages/offres/{offer_id}/postuler", {"periode": "deux-semaines", "prenom": "Léo",
                                                              "motivation": MOTIVATION})

    async def first(db):
        return (await db.execute(select(StageApplication.id).where(StageApplication.offer_id == offer_id))).scalar_one()
    application_id = run(db_url(site), first)
    other_boss, other_email = signed_in(site, "employeur", "/stages/employeur")
    run(db_url(site), lambda db: organisation_for(db, other_email, board, geocoder))
    assert other_boss.get(f"/stages/employeur/candidatures/{application_id}").status_code == 404
    assert other_boss.get(f"/stages/employeur/offres/{offer_id}/candidatures").status_code == 404
    assert other_boss.post_form(f"/stages/employeur/candidatures/{application_id}/accept", {}).status_code == 404
    other_student, _ = signed_in(site, "lyceen")
    assert other_student.post_form(f"/stages/candidatures/{application_id}/cancel",
                                   {"reason": "Pas moi"}).status_code == 404
    assert student.post_form(f"/stages/candidatures/{application_id}/accept", {}).status_code == 404
    assert boss.get("/stages/candidatures").status_code == 404
    anonymous = Browser(site)
    r = anonymous.get(f"/stages/offres/{offer_id}/postuler", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/connexion?next=")


def test_a_placed_student_sees_their_stage_is_found_instead_of_the_form(site, board, geocoder):
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, first = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder))
    _, second = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder))
    student, email = signed_in(site, "lyceen")
    seeker(site, email)
    assert "Envoyer ma candidature" in student.get(f"/stages/offres/{second}/postuler").text
    student.post_form(f"/stages/offres/{first}/postuler", {"periode": "deux-semaines", "prenom": "Léo",
                                                           "motivation": MOTIVATION})

    async def first_application(db):
        return (await db.execute(select(StageApplication.id).where(StageApplication.offer_id == first))).scalar_one()
    application_id = run(db_url(site), first_application)
    assert boss.post_form(f"/stages/employeur/candidatures/{application_id}/accept", {},
                          follow_redirects=False).status_code == 303
    assert student.post_form(f"/stages/candidatures/{application_id}/confirm", {},
                             follow_redirects=False).status_code == 303

    page = student.get(f"/stages/offres/{second}/postuler")
    assert page.status_code == 200 and "Ton stage est déjà trouvé" in page.text
    assert 'href="/stages/candidatures"' in page.text
    assert f'action="/stages/offres/{second}/postuler"' not in page.text and "Envoyer ma candidature" not in page.text
    # Sending anyway is still refused by the rule, with the message naming why.
    r = student.post_form(f"/stages/offres/{second}/postuler", {"periode": "deux-semaines", "prenom": "Léo",
                                                                "motivation": MOTIVATION})
    assert r.status_code == 400 and "déjà trouvé" in r.text


def test_admins_read_every_application_and_change_none(site, board, geocoder):
    from tests.integration.stages.test_pages import make_admin
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder))
    student, email = signed_in(site, "lyceen")
    seeker(site, email)
    student.post_form(f"/stages/offres/{offer_id}/postuler", {"periode": "deux-semaines", "prenom": "Léo",
                                                              "motivation": MOTIVATION})

    async def first(db):
        return (await db.execute(select(StageApplication.id).where(StageApplication.offer_id == offer_id))).scalar_one()
    application_id = run(db_url(site), first)
    assert student.get("/stages/moderation/candidatures").status_code == 404  # students and employers: not theirs
    assert boss.get("/stages/moderation/candidatures").status_code == 404
    admin, admin_email = signed_in(site, "lyceen")
    make_admin(site, admin_email)
    page = admin.get("/stages/moderation/candidatures")
    assert page.status_code == 200 and f'data-application="{application_id}"' in page.text
    row = page.text.split(f'data-application="{application_id}"', 1)[1].split("</tr>", 1)[0]
    assert "Envoyée" in row and "Menuiserie Dupont" in row and "deux-semaines" in row
    assert MOTIVATION.replace("'", "&#39;") not in page.text and email not in page.text  # no personal text
    assert not re.search(r'method="post" action="/stages/(moderation|candidatures|employeur)', page.text)  # read-only
    refused = admin.get("/stages/moderation/candidatures", params={"statut": "confirmed"})
    assert refused.status_code == 200 and f'data-application="{application_id}"' not in refused.text
    bad = admin.get("/stages/moderation/candidatures", params={"statut": "perdue"})
    assert bad.status_code == 400 and "statut" in bad.text
    assert admin.get("/stages/moderation/candidatures", params={"page": "0"}).status_code == 400


def test_only_a_visitor_is_asked_to_sign_in_to_report_an_offer(site, board, geocoder):
    """The report form's hint « Il faut être connecté·e » was shown to signed-in students too, who read it as
    « you are not signed in »: now only a visitor gets it, as a link to sign in and come back."""
    boss, boss_email = signed_in(site, "employeur", "/stages/employeur")
    _, offer_id = run(db_url(site), lambda db: organisation_for(db, boss_email, board, geocoder))
    sign_in_link = f'href="/connexion?next=/stages/offres/{offer_id}"'
    visitor = Browser(site).get(f"/stages/offres/{offer_id}")
    assert visitor.status_code == 200 and sign_in_link in visitor.text
    student, _ = signed_in(site, "lyceen")
    page = student.get(f"/stages/offres/{offer_id}")
    assert "Envoyer le signalement" in page.text and sign_in_link not in page.text
