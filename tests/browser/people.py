"""A small world for the accessibility checks: a visitor, a student with a profile, favourites and a
class, the class's teacher, and a family member with a share link, all made through the real app.

Built once per test module (one server for the session, one browser per module): setting it up
through the pages the people use would cost minutes, so the set-up posts the same forms and API
calls with each person's cookies; the tests then look at the pages.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.conftest import ROOT, sign_in
from mps.domain.classes.service import current_school_year

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text() if AXE.exists() else ""
AXE_RUN = """() => axe.run(document, {resultTypes: ['violations']})
    .then((r) => r.violations.map((v) => [v.id, v.impact, v.nodes.length, v.nodes[0].target.join(' ')]))"""


def csrf(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "mps_csrftoken")


def post_form(page, base: str, path: str, data: dict, follow: bool = True):
    """The page's person posts a form (with the CSRF token, as the page's own form would)."""
    page.goto(base + "/")  # sets the CSRF cookie for a new context
    kw = {} if follow else {"max_redirects": 0}
    return page.request.post(base + path, form={**data, "_csrf_token": csrf(page.context)}, **kw)


def api(page, base: str, method: str, path: str, json=None):
    return page.request.fetch(base + path, method=method, data=json,
                              headers={"x-csrftoken": csrf(page.context), "content-type": "application/json"})


def new_email(who: str, domain: str = "exemple.fr") -> str:
    return f"{who}.{uuid.uuid4().hex[:8]}@{domain}"


@dataclass
class World:
    base: str
    tmp: Path
    pages: dict = field(default_factory=dict)  # who -> Page (visitor, student, seeker, teacher, family, ...)
    formation_id: str = ""
    formation_label: str = ""
    other_formation_id: str = ""
    place_cod: str = ""
    class_id: str = ""
    student_id: str = ""
    join_code: str = ""
    share_path: str = ""
    closed_share_path: str = ""
    csp_violations: list[str] = field(default_factory=list)
    stage_offer_id: int = 0
    stage_application_id: int = 0  # the student's confirmed stage (tests/browser/stage_placed.py)

    def page(self, who: str):
        return self.pages[who]


def page_url(w: World, who: str) -> str:
    page = w.pages.get(who)
    return page.url if page else ""


def inject_axe(page) -> None:
    """axe-core through DevTools evaluation, which the page's CSP (no inline script) does not govern."""
    page.evaluate(AXE_SOURCE)


def first_formation(page, base: str, q: str) -> tuple[str, str]:
    page.goto(f"{base}/recherche?q={q}")
    link = page.locator("main a[href^='/formations/']").first
    return link.get_attribute("href").rsplit("/", 1)[1], link.inner_text().strip()


def make_world(base: str, tmp: Path, chromium) -> World:
    w = World(base=base, tmp=tmp)
    for who in ("visitor", "student", "seeker", "teacher", "family", "employer", "admin"):
        # The real Content-Security-Policy here: every page state is also checked for violations.
        page = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=False).new_page()
        page.on("console", lambda msg, who=who: "Content Security Policy" in msg.text
                and w.csp_violations.append(f"{who} {page_url(w, who)}: {msg.text}"))
        w.pages[who] = page
    student, teacher = w.page("student"), w.page("teacher")

    w.formation_id, w.formation_label = first_formation(student, base, "bts+informatique")
    w.other_formation_id, _ = first_formation(student, base, "licence+droit")
    student.goto(f"{base}/formations/{w.formation_id}")
    w.place_cod = student.locator("main a[href^='/fiches/']").first.get_attribute("href").rsplit("/", 1)[1]

    sign_in(student, base, tmp, new_email("eleve"))
    sign_in(w.page("seeker"), base, tmp, new_email("eleve-sans-stage"))  # applies: the student above is placed
    profile = {"situation": "quelques_pistes", "classe": "terminale", "bac": "Générale",
               "specialites": ["Mathématiques", "Numérique et Sciences Informatiques (NSI)"],
               "interets": ["ci7"], "villes": [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}], "moyenne": 13.5}
    assert api(student, base, "PUT", "/api/v1/profile", profile).ok
    for fid in (w.formation_id, w.other_formation_id):
        assert post_form(student, base, "/favoris/ajouter", {"formation_id": fid, "next": "/favoris"}).ok
    post_form(student, base, f"/favoris/{w.formation_id}", {"ambition": "realiste", "note": "Portes ouvertes en mars"})
    share = api(student, base, "POST", "/api/v1/me/family-links", {"label": "Maman", "days": 30}).json()
    w.share_path = share["url"][share["url"].index("/partage/"):]
    closed = api(student, base, "POST", "/api/v1/me/family-links", {"label": "Ancien", "days": 7}).json()
    api(student, base, "DELETE", f"/api/v1/me/family-links/{closed['id']}")
    w.closed_share_path = closed["url"][closed["url"].index("/partage/"):]

    sign_in(teacher, base, tmp, new_email("prof", "ac-lille.fr"), role="enseignant")
    lycee = teacher.request.get(f"{base}/api/v1/lycees?q=lille").json()[0]
    made = post_form(teacher, base, "/classes", {"lycee_uai": lycee["uai"], "label": "Terminale 3",
                                                 "school_year": current_school_year()}, follow=False)
    w.class_id = made.headers["location"].rsplit("/", 1)[1]
    w.join_code = teacher.request.get(f"{base}/api/v1/classes").json()[0]["join_code"]
    assert post_form(student, base, "/ma-classe/rejoindre", {"code": w.join_code, "first_name": "Camille",
                                                           "initial": "D", "consent": "oui"}).ok
    teacher.goto(f"{base}/classes/{w.class_id}")
    w.student_id = re.search(r"/eleves/([^\"?#]+)", teacher.content()).group(1)
    stage_board(w, base, tmp)
    from tests.browser.stage_placed import place_student  # it imports this module
    w.stage_application_id = place_student(w)
    return w


def stage_board(w: World, base: str, tmp: Path) -> None:
    """An employer publishes an offer in Lille (the form's four steps sent at once), an admin publishes it,
    and it is opened to all (past the early-access window)."""
    import sqlite3

    from tests.integration.stages.preparation_helpers import new_siret  # a new one: a second world may be built

    employer, admin = w.page("employer"), w.page("admin")
    sign_in(employer, base, tmp, new_email("rh", "entreprise.fr"), role="employeur")
    assert post_form(employer, base, "/stages/employeur/organisation",
                     {"name": "Menuiserie du Vieux-Lille", "siret": new_siret(), "employer_kind": "prive"}).ok
    made = post_form(employer, base, "/stages/employeur/offres/etapes", {
        "etape": "4", "title": "L'atelier de menuiserie", "secteur": "s24", "commune": "Lille",
        "description": "Tu suis les menuisiers à l'atelier et sur un chantier.", "niveau": "seconde",
        "periodes": "deux-semaines", "seats": "2"}, follow=False)
    w.stage_offer_id = int(made.headers["location"].split("?")[0].rsplit("/", 1)[1])
    assert post_form(employer, base, f"/stages/employeur/offres/{w.stage_offer_id}/envoyer", {}).ok
    admin_email = new_email("admin")
    sign_in(admin, base, tmp, admin_email)
    with sqlite3.connect(tmp / "browser.sqlite") as db:  # admins are named by an operator, never on a page
        db.execute("UPDATE people SET role = 'admin' WHERE email = ?", (admin_email,))
    assert post_form(admin, base, f"/stages/moderation/offres/{w.stage_offer_id}", {"decision": "publier"}).ok
    with sqlite3.connect(tmp / "browser.sqlite") as db:
        db.execute("UPDATE stage_offers SET open_to_all_at = published_at WHERE id = ?", (w.stage_offer_id,))


def close_world(w: World) -> None:
    for page in w.pages.values():
        page.context.close()
