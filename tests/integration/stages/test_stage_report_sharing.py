"""After the stage (SQLite and PostgreSQL): the teacher of the student's class reads the report only while
the student shares it (dated, revocable), a teacher of another class never; what the student liked becomes
profile items that change their suggestions."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from mps.db.models import StageDebrief
from mps.domain.profile.service import load_profile
from tests.integration.accounts.fixtures import db_url
from tests.integration.stages.helpers import run
from tests.integration.stages.preparation_helpers import placed_student, signed_in, teacher_with_class

REPORT = "/stages/mon-stage/compte-rendu"
WRITTEN = {"decouvert": "Le service des urgences et le laboratoire.",
           "aime": "J'ai aimé les soins aux patients, surtout aider les infirmiers.",
           "moins_aime": "Les horaires très tôt le matin.", "metiers_vus": "infirmier, aide-soignant", "version": "0"}


def report_row(site, application_id: int) -> StageDebrief:
    async def work(db):
        return await db.scalar(select(StageDebrief).where(StageDebrief.application_id == application_id))
    return run(db_url(site), work)


def test_the_teacher_reads_the_report_only_while_the_student_shares_it(site, geocoder):
    p = placed_student(site, geocoder)
    nothing = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "1"},
                                  follow_redirects=False)  # no report yet: nothing shared, nothing said
    assert nothing.status_code == 303 and "ok=" not in nothing.headers["location"]
    assert p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", WRITTEN,
                               follow_redirects=False).status_code == 303
    teacher, class_id = teacher_with_class(site, [p.student_id], name="Inès B.")
    other_teacher, other_class = teacher_with_class(site, [], name="")
    page = teacher.get(f"/classes/{class_id}/stages")
    assert page.status_code == 200 and "Aucun élève de cette classe ne partage" in page.text
    assert "urgences" not in page.text
    assert f'href="/classes/{class_id}/stages"' in teacher.get(f"/classes/{class_id}").text

    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "1"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Partagé depuis le" in p.browser.get(r.headers["location"]).text
    page = teacher.get(f"/classes/{class_id}/stages")
    assert "Inès B. – Découvrir les métiers de l&#39;hôpital" in page.text
    assert "Le service des urgences et le laboratoire." in page.text and "Partagé le" in page.text
    # A teacher of another class, and the student's own account, never see it.
    assert "urgences" not in other_teacher.get(f"/classes/{other_class}/stages").text
    assert other_teacher.get(f"/classes/{class_id}/stages").status_code == 404
    assert p.browser.get(f"/classes/{class_id}/stages").status_code == 404
    employer, _ = signed_in(site, role="employeur")
    assert employer.get(f"/classes/{class_id}/stages").status_code == 404

    row = report_row(site, p.application_id)
    assert row.shared_at is not None and [e["shared"] for e in row.consent_log] == [True]
    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "0"}, follow_redirects=False)
    assert "n&#39;est plus partagé" in p.browser.get(r.headers["location"]).text
    assert "urgences" not in teacher.get(f"/classes/{class_id}/stages").text
    row = report_row(site, p.application_id)
    assert row.shared_at is None and [e["shared"] for e in row.consent_log] == [True, False]
    assert all(e["at"] for e in row.consent_log)
    # Shared again, then the student leaves the class: the teacher no longer sees it.
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "1"})
    assert "urgences" in teacher.get(f"/classes/{class_id}/stages").text
    assert p.browser.post_form(f"/ma-classe/{class_id}/quitter", {}).status_code in (200, 303)
    assert "urgences" not in teacher.get(f"/classes/{class_id}/stages").text


def suggestions_of(browser) -> tuple[list[str], str]:
    page = browser.get("/suggestions")
    assert page.status_code == 200
    return re.findall(r'<li id="f-([^"]+)" class="fr-card', page.text), html.unescape(page.text)


def test_what_the_student_liked_becomes_interests_and_metiers_that_change_the_suggestions(site, geocoder):
    p = placed_student(site, geocoder, secteur="s43")  # Santé
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", WRITTEN)
    before_ids, before = suggestions_of(p.browser)
    assert "que tu as en tête" not in before and "Tu as choisi « Soigner »" not in before

    page = html.unescape(p.browser.get(REPORT).text)
    offered = re.findall(r'name="ajout" value="([^"]+)"', page)
    nurse = next(k for k in offered if k.startswith("metiers:"))
    assert "domaines:dom27" in offered and "interets:ci13" in offered  # the sector; « soins » in what they liked
    assert "Tu as vu « infirmier » pendant ton stage." in page and "secteur « Santé »" in page

    chosen = [nurse, "domaines:dom27", "interets:ci13"]
    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/profil", {"ajout": chosen + ["domaines:dom1"]},
                            follow_redirects=False)  # dom1 (agriculture) is not proposed: ignored
    assert r.status_code == 303 and "ok=profil" in r.headers["location"]

    async def profile(db):
        return await load_profile(db, p.student_id)
    doc = run(db_url(site), profile)
    assert doc.metiers == [nurse.split(":")[1]] and doc.domaines == ["dom27"] and doc.interets == ["ci13"]
    assert sorted(report_row(site, p.application_id).added) == sorted(chosen)

    after_ids, after = suggestions_of(p.browser)
    assert after_ids[:10] != before_ids[:10]
    assert "que tu as en tête" in after and "Tu as choisi « Soigner »" in after
    page = html.unescape(p.browser.get(REPORT).text)
    assert "Tout ce que ton compte-rendu propose est déjà dans ton profil." in page or nurse not in \
        re.findall(r'name="ajout" value="([^"]+)"', page)

    # Adding again changes nothing; ticking nothing says so.
    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/profil", {"ajout": chosen}, follow_redirects=False)
    assert "ok=rien" in r.headers["location"]
    assert run(db_url(site), profile).metiers == doc.metiers
