"""Every page state a visitor, a student, a teacher or a family member can reach, error states included,
checked with axe-core at 375 and 1280 px, with no sideways scrolling at 375 px (RGAA 10.11).

The states name the statement's pages (backend/mps/domain/pages/accessibility.toml): a test fails when
the statement lists a page no state checks, or a state checks a page the statement does not list, and
another when the app gains a page (GET route) that no state visits.
Set MPS_SCREENSHOTS=<dir> to keep a full-page screenshot of every state at both widths.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path
from typing import Callable

import pytest

from mps.domain.pages.statement import statement
from tests.browser.application_world import apply_error, apply_form, received, received_one
from tests.browser.agreement_world import agreement_id, sign_path
from tests.browser.conftest import poll
from tests.browser.people import AXE_RUN, World, close_world, inject_axe, make_world, new_email

WIDTHS = (375, 1280)
STEPS = ["situation", "bac", "specialites", "interets", "domaines", "metiers", "etudes", "villes", "moyenne"]
FOUR = ["Mathématiques", "Physique-Chimie (PC)", "Sciences de la vie et de la Terre (SVT)",
        "Numérique et Sciences Informatiques (NSI)"]
# GET routes that are not pages a person reads (or are checked elsewhere).
NOT_PAGES = {"/healthz", "/readyz", "/metrics", "/manifest.webmanifest", "/sw.js", "/static/{file_path:path}", "/dev/outbox",
             "/mes-donnees/export.json", "/agenda/{token:str}", "/partage/{token:str}/agenda.ics",  # ICS feeds
             "/mes-voeux.pdf", "/mes-voeux.ics",  # the plan's PDF and ICS files
             "/stages/chiffres.csv",  # the stage figures as CSV
             "/stages/conventions/{agreement_id:int}/convention.pdf",  # the agreement's PDF and audit CSV
             "/stages/conventions/{agreement_id:int}/journal.csv", "/stages/conventions/signer/convention.pdf",
             "/formations"}  # a redirect to /recherche


def agreement_page(page, w):
    page.goto(f"{w.base}/stages/conventions/{agreement_id(w)}")


def agreement_error(page, w):
    agreement_page(page, w)
    page.fill("#head_email", "claire.roy@gmail.com")
    page.locator("form[action$='/etablissement'] button[type=submit]").click()
    page.wait_for_load_state()
    _errors(page)


def sign_error(page, w):
    page.goto(w.base + sign_path(w))
    page.fill("#code", "000000")
    page.check("#accord", force=True)
    page.locator("form[action='/stages/conventions/signer'] button[type=submit]").click()
    page.wait_for_load_state()
    poll(page, "document.activeElement && document.activeElement.id === 'erreur'", timeout_s=5)


@dataclass(frozen=True)
class State:
    name: str
    page: str  # the statement's page id
    route: str  # the app route it shows
    who: str  # visitor | student | seeker (a student with no stage yet) | teacher | family | employer | admin
    go: str | Callable[[object, World], None]  # a path, or actions that end on the state


def submit(page) -> None:
    page.locator("main form[method=post] button[type=submit]:visible").first.click()
    page.wait_for_load_state()


def _errors(page) -> None:
    """The form came back with errors: « Erreur – » in the title, focus on the summary (also when the
    form was sent with fetch and only the content was replaced)."""
    poll(page, "document.title.startsWith('Erreur – ')", timeout_s=15)
    poll(page, "document.activeElement && document.activeElement.id === 'erreurs'", timeout_s=5)


def search_filters(page, w):
    page.goto(w.base + "/recherche?q=bts")
    page.click("details.mps-filters summary")


def specialites_error(page, w):
    page.goto(w.base + "/profil/specialites")
    for name in FOUR:
        page.check(f"input[name=specialites][value='{name}']", force=True)
    submit(page)
    _errors(page)


def villes_error(page, w):
    page.goto(w.base + "/profil/villes")
    page.fill("#ville", "Atlantide")
    page.press("#ville", "Enter")
    page.wait_for_load_state()
    _errors(page)


def moyenne_error(page, w):
    page.goto(w.base + "/profil/moyenne")
    page.fill("#moyenne", "25")
    submit(page)
    _errors(page)


def sign_in_error(page, w):
    page.goto(w.base + "/connexion")
    page.fill("#email", "pas une adresse")
    submit(page)
    _errors(page)


def link_sent(page, w):
    page.goto(w.base + "/connexion")
    page.fill("#email", new_email("visiteur"))
    submit(page)
    assert "Vérifie ta messagerie" in page.title()


def link_confirm(page, w):
    outbox = w.tmp / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    link_sent(page, w)
    for _ in range(300):
        new = set(outbox.glob("*.eml")) - before if outbox.exists() else set()
        if new:
            break
        time.sleep(0.1)
    text = message_from_bytes(max(new).read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    page.goto(w.base + text[text.index("/connexion/lien"):].split()[0])


def feedback_error(page, w):
    page.goto(w.base + "/avis")
    page.fill("#text", "Je ne trouve pas les BTS en alternance.")
    submit(page)
    _errors(page)


def erase_error(page, w):
    page.goto(w.base + "/mes-donnees")
    submit(page)
    _errors(page)


def favourite_saved(page, w):
    page.goto(w.base + "/favoris")
    page.click(f"#save-{w.formation_id}")
    page.wait_for_selector(f"#statut-{w.formation_id} p")


def set_aside(page, w):
    page.goto(w.base + "/suggestions")
    page.locator("form[action='/suggestions/pas-interesse'] button").first.click()
    page.wait_for_selector("#annuler form")


def role_error(page, w):
    page.goto(w.base + "/compte")
    page.check("input[name=role][value=enseignant]", force=True)
    submit(page)
    _errors(page)


def family_error(page, w):
    page.goto(w.base + "/famille")
    page.fill("#email", "maman@")
    submit(page)
    _errors(page)


def consent_error(page, w):
    page.goto(f"{w.base}/ma-classe/rejoindre?code={w.join_code}")
    submit(page)
    _errors(page)


def class_error(page, w):
    page.goto(w.base + "/classes")
    page.fill("#label", "")
    submit(page)
    _errors(page)


def calendar_link(page, w):
    page.goto(w.base + "/etapes")
    if not page.locator("form[action$='/desactiver']").count():
        page.click("form[action='/etapes/agenda'] button[type=submit]")
        page.wait_for_load_state()


def note_error(page, w):
    page.goto(f"{w.base}/classes/{w.class_id}/eleves/{w.student_id}?q=informatique")
    page.locator("input[name=note]").first.fill("x" * 1001)
    page.locator("form[action$='/proposer'] button[type=submit]").first.click()
    page.wait_for_load_state()
    _errors(page)


def stage_school_error(page, w):
    page.goto(w.base + "/stages")
    page.fill("#etablissement", "zzzz qqqq")
    page.locator("form[action='/stages/etablissement'] button[type=submit]").click()
    page.wait_for_load_state()
    _errors(page)


def stage_report_error(page, w):
    page.goto(f"{w.base}/stages/offres/{w.stage_offer_id}")
    page.locator("form[action$='/signaler'] button[type=submit]").click()
    page.wait_for_load_state()
    _errors(page)


def stage_step_error(page, w):
    page.goto(w.base + "/stages/employeur/offres/nouvelle")
    page.fill("#title", "Go")
    submit(page)
    _errors(page)


def stage_tick(page, w):
    """A box of the checklist ticked with JavaScript: saved at once, the progress updated, no reload."""
    page.goto(w.base + "/stages/mon-stage/preparer")
    before = page.locator("[data-mps-checklist-progress]").first.inner_text()
    page.locator("input[name=fait]:not(:checked)").first.check(force=True)
    poll(page, f"document.querySelector('[data-mps-checklist-progress]').textContent !== {before!r}", timeout_s=10)


def stage_debrief_error(page, w):
    page.goto(w.base + "/stages/mon-stage/compte-rendu")
    for name in ("decouvert", "aime", "moins_aime", "metiers_vus"):
        page.fill(f"#{name}-{w.stage_application_id}", "")
    page.locator("form[action$='/compte-rendu'] button[type=submit]").click()
    page.wait_for_load_state()
    _errors(page)


def partner_token_made(page, w):
    page.goto(w.base + "/stages/employeur/api")
    page.fill("#label", "Plateforme de test")
    page.locator("form[action='/stages/employeur/api'] button[type=submit]").click()
    page.locator("#jeton").wait_for()


def partner_token_error(page, w):
    page.goto(w.base + "/stages/employeur/api")
    page.locator("form[action='/stages/employeur/api'] button[type=submit]").click()
    page.wait_for_load_state()
    _errors(page)


def partner_organisation(page, w):
    page.goto(w.base + "/stages/partenaires")
    page.locator("main a[href^='/stages/partenaires/']").first.click()
    page.wait_for_load_state()



def figures_computed(path: str):
    """The figures page once its background job saved them (the first visit asks for the run)."""
    def go(page, world):
        for _ in range(120):
            page.goto(f"{world.base}{path}")
            if page.locator("#chiffres-date").count():
                return
            page.wait_for_timeout(500)
        raise AssertionError("the stage figures were never computed")
    return go

STATES = [
    State("accueil", "accueil", "/", "visitor", "/"),
    State("recherche", "recherche", "/recherche", "visitor", "/recherche"),
    State("recherche-resultats", "recherche", "/recherche", "visitor", "/recherche?q=bts+compta+lille"),
    State("recherche-filtres-ouverts", "recherche", "/recherche", "visitor", search_filters),
    State("recherche-sans-resultat", "recherche", "/recherche", "visitor", "/recherche?q=zzqqxx+wwkk"),
    State("formation", "formation", "/formations/{formation_id:str}", "visitor",
          lambda p, w: p.goto(f"{w.base}/formations/{w.formation_id}")),
    State("formation-triee", "formation", "/formations/{formation_id:str}", "visitor",
          lambda p, w: p.goto(f"{w.base}/formations/{w.formation_id}?ville=Lille#lieux")),
    State("fiche", "fiche", "/fiches/{cod_aff_form:str}", "visitor", lambda p, w: p.goto(f"{w.base}/fiches/{w.place_cod}")),
    State("suggestions-profil-vide", "suggestions", "/suggestions", "visitor", "/suggestions"),
    State("profil-vide", "profil", "/profil", "visitor", "/profil"),
    *[State(f"profil-{s}", "profil-etapes", "/profil/{step:str}", "visitor", f"/profil/{s}") for s in STEPS],
    State("profil-metiers-recherche", "profil-etapes", "/profil/{step:str}", "visitor", "/profil/metiers?q=infirmier"),
    State("profil-specialites-erreur", "profil-etapes", "/profil/{step:str}", "visitor", specialites_error),
    State("profil-villes-erreur", "profil-etapes", "/profil/{step:str}", "visitor", villes_error),
    State("profil-moyenne-erreur", "profil-etapes", "/profil/{step:str}", "visitor", moyenne_error),
    State("favoris-vide", "favoris", "/favoris", "visitor", "/favoris"),
    State("etapes-visiteur", "etapes", "/etapes", "visitor", "/etapes"),
    State("connexion", "connexion", "/connexion", "visitor", "/connexion"),
    State("connexion-erreur", "connexion", "/connexion", "visitor", sign_in_error),
    State("connexion-lien-envoye", "connexion", "/connexion", "visitor", link_sent),
    State("connexion-confirmation", "connexion", "/connexion/lien", "visitor", link_confirm),
    State("connexion-lien-invalide", "connexion", "/connexion/lien", "visitor", "/connexion/lien?t=abimé"),
    State("avis", "avis", "/avis", "visitor", "/avis?page=/recherche"),
    State("avis-erreur", "avis", "/avis", "visitor", feedback_error),
    State("avis-merci", "avis", "/avis/merci", "visitor", "/avis/merci?page=/recherche"),
    State("accessibilite", "informations", "/accessibilite", "visitor", "/accessibilite"),
    State("mentions-legales", "informations", "/mentions-legales", "visitor", "/mentions-legales"),
    State("confidentialite", "informations", "/confidentialite", "visitor", "/confidentialite"),
    State("sources", "informations", "/sources", "visitor", "/sources"),
    State("statistiques", "informations", "/statistiques", "visitor", "/statistiques"),
    State("hors-ligne", "hors-ligne", "/hors-ligne", "visitor", "/hors-ligne"),
    State("hors-ligne-app", "hors-ligne", "/hors-ligne/app", "visitor", "/hors-ligne/app"),
    State("page-introuvable", "erreur", "", "visitor", "/nulle-part"),
    State("mes-donnees-visiteur", "mes-donnees", "/mes-donnees", "visitor", "/mes-donnees"),
    State("suggestions", "suggestions", "/suggestions", "student", "/suggestions"),
    State("suggestions-formation-ecartee", "suggestions", "/suggestions", "student", set_aside),
    State("profil-rempli", "profil", "/profil", "student", "/profil"),
    State("profil-villes-remplie", "profil-etapes", "/profil/{step:str}", "student", "/profil/villes"),
    State("favoris", "favoris", "/favoris", "student", "/favoris"),
    State("favoris-enregistre", "favoris", "/favoris", "student", favourite_saved),
    State("favoris-lieux", "favoris-lieux", "/favoris/{formation_id:str}/lieux", "student",
          lambda p, w: p.goto(f"{w.base}/favoris/{w.formation_id}/lieux")),
    State("mes-voeux", "mes-voeux", "/mes-voeux", "student", "/mes-voeux"),
    State("formation-en-favori", "formation", "/formations/{formation_id:str}", "student",
          lambda p, w: p.goto(f"{w.base}/formations/{w.formation_id}")),
    State("etapes", "etapes", "/etapes", "student", "/etapes"),
    State("etapes-agenda", "etapes", "/etapes", "student", calendar_link),
    State("rappels-visiteur", "rappels", "/rappels", "visitor", "/rappels"),
    State("rappels", "rappels", "/rappels", "student", "/rappels"),
    State("compte", "compte", "/compte", "student", "/compte"),
    State("compte-erreur", "compte", "/compte", "student", role_error),
    State("famille", "famille", "/famille", "student", "/famille"),
    State("famille-erreur", "famille", "/famille", "student", family_error),
    State("ma-classe", "ma-classe", "/ma-classe", "student", "/ma-classe"),
    State("ma-classe-rejoindre", "ma-classe", "/ma-classe/rejoindre", "student", "/ma-classe/rejoindre"),
    State("ma-classe-code-errone", "ma-classe", "/ma-classe/rejoindre", "student", "/ma-classe/rejoindre?code=faux"),
    State("ma-classe-consentement-erreur", "ma-classe", "/ma-classe/rejoindre", "student", consent_error),
    State("mes-donnees", "mes-donnees", "/mes-donnees", "student", "/mes-donnees"),
    State("mes-donnees-erreur", "mes-donnees", "/mes-donnees", "student", erase_error),
    State("classes", "classes", "/classes", "teacher", "/classes"),
    State("classes-erreur", "classes", "/classes", "teacher", class_error),
    State("classe", "classe", "/classes/{class_id:str}", "teacher", lambda p, w: p.goto(f"{w.base}/classes/{w.class_id}")),
    State("classe-projeter", "classe", "/classes/{class_id:str}/projeter", "teacher",
          lambda p, w: p.goto(f"{w.base}/classes/{w.class_id}/projeter")),
    State("eleve", "eleve", "/classes/{class_id:str}/eleves/{student_id:str}", "teacher",
          lambda p, w: p.goto(f"{w.base}/classes/{w.class_id}/eleves/{w.student_id}?q=informatique")),
    State("eleve-erreur", "eleve", "/classes/{class_id:str}/eleves/{student_id:str}", "teacher", note_error),
    State("partage", "partage", "/partage/{token:str}", "family", lambda p, w: p.goto(w.base + w.share_path)),
    State("stages", "stages", "/stages", "visitor", "/stages"),
    State("stages-liste", "stages", "/stages", "visitor", "/stages?autour=Lille&rayon=20"),
    State("stages-carte", "stages", "/stages", "visitor", "/stages?autour=Lille&rayon=20&vue=carte"),
    State("stages-ville-inconnue", "stages", "/stages", "visitor", "/stages?autour=Atlantide"),
    State("stages-etablissement-erreur", "stages", "/stages", "student", stage_school_error),
    State("stage-offre", "stages", "/stages/offres/{offer_id:int}", "student",
          lambda p, w: p.goto(f"{w.base}/stages/offres/{w.stage_offer_id}")),
    State("stage-signalement-erreur", "stages", "/stages/offres/{offer_id:int}", "student", stage_report_error),
    State("stages-employeur", "stages-employeur", "/stages/employeur", "employer", "/stages/employeur"),
    State("stages-offre-etape", "stages-employeur", "/stages/employeur/offres/nouvelle", "employer",
          "/stages/employeur/offres/nouvelle"),
    State("stages-offre-etape-erreur", "stages-employeur", "/stages/employeur/offres/nouvelle", "employer",
          stage_step_error),
    State("stages-offre-modifier", "stages-employeur", "/stages/employeur/offres/{offer_id:int}/modifier", "employer",
          lambda p, w: p.goto(f"{w.base}/stages/employeur/offres/{w.stage_offer_id}/modifier")),
    State("stages-offre-employeur", "stages-employeur", "/stages/employeur/offres/{offer_id:int}", "employer",
          lambda p, w: p.goto(f"{w.base}/stages/employeur/offres/{w.stage_offer_id}")),
    State("stages-moderation", "stages-moderation", "/stages/moderation", "admin", "/stages/moderation"),
    State("stages-moderation-candidatures", "stages-moderation", "/stages/moderation/candidatures", "admin",
          "/stages/moderation/candidatures"),
    State("stage-postuler", "stages-candidatures", "/stages/offres/{offer_id:int}/postuler", "seeker", apply_form),
    State("stage-postuler-erreur", "stages-candidatures", "/stages/offres/{offer_id:int}/postuler", "seeker",
          lambda p, w: (apply_error(p, w), _errors(p))),
    State("stage-mes-candidatures", "stages-candidatures", "/stages/candidatures", "student", "/stages/candidatures"),
    State("stages-candidatures-recues", "stages-candidatures-employeur",
          "/stages/employeur/offres/{offer_id:int}/candidatures", "employer", received),
    State("stages-candidature-recue", "stages-candidatures-employeur",
          "/stages/employeur/candidatures/{application_id:int}", "employer", received_one),
    State("stage-preparer", "stage-preparation", "/stages/mon-stage/preparer", "student", "/stages/mon-stage/preparer"),
    State("stage-preparer-coche", "stage-preparation", "/stages/mon-stage/preparer", "student", stage_tick),
    State("stage-compte-rendu", "stage-preparation", "/stages/mon-stage/compte-rendu", "student",
          "/stages/mon-stage/compte-rendu"),
    State("stage-compte-rendu-erreur", "stage-preparation", "/stages/mon-stage/compte-rendu", "student",
          stage_debrief_error),
    State("classe-comptes-rendus-stage", "classe-stages", "/classes/{class_id:str}/stages", "teacher",
          lambda p, w: p.goto(f"{w.base}/classes/{w.class_id}/stages")),
    State("stages-chiffres", "stages-chiffres", "/stages/chiffres", "visitor", figures_computed("/stages/chiffres")),
    State("stages-chiffres-ep", "stages-chiffres", "/stages/chiffres", "visitor",
          figures_computed("/stages/chiffres?par=ep&niveau=3e")),
    State("stages-api", "stages-api", "/stages/employeur/api", "employer", "/stages/employeur/api"),
    State("stages-api-jeton", "stages-api", "/stages/employeur/api", "employer", partner_token_made),
    State("stages-api-erreur", "stages-api", "/stages/employeur/api", "employer", partner_token_error),
    State("stages-partenaires", "stages-api", "/stages/partenaires", "admin", "/stages/partenaires"),
    State("stages-partenaires-organisation", "stages-api", "/stages/partenaires/{org_id:int}", "admin",
          partner_organisation),
    State("stages-conventions", "stages-conventions", "/stages/conventions", "employer", "/stages/conventions"),
    State("stages-convention", "stages-conventions", "/stages/conventions/{agreement_id:int}", "student", agreement_page),
    State("stages-convention-erreur", "stages-conventions", "/stages/conventions/{agreement_id:int}", "student",
          agreement_error),
    State("stages-convention-employeur", "stages-conventions", "/stages/conventions/{agreement_id:int}", "employer",
          agreement_page),
    State("stages-convention-signer", "stages-convention-signature", "/stages/conventions/signer", "visitor",
          lambda p, w: p.goto(w.base + sign_path(w))),
    State("stages-convention-signer-erreur", "stages-convention-signature", "/stages/conventions/signer", "visitor",
          sign_error),
    State("partage-desactive", "partage", "/partage/{token:str}", "family", lambda p, w: p.goto(w.base + w.closed_share_path)),
]


@pytest.fixture(scope="module")
def world(server, chromium):
    w = make_world(server["url"], server["tmp"], chromium)
    yield w
    close_world(w)


def test_the_statement_lists_exactly_the_pages_checked_here():
    assert {s.page for s in STATES} == {p["id"] for p in statement()["pages"]}


def test_every_page_of_the_app_is_visited_by_a_state():
    from mps.asgi import create_app

    routes = {r.path for r in create_app().routes
              if any("GET" in getattr(h, "http_methods", ()) for h in getattr(r, "route_handlers", []))}
    pages = {p for p in routes if not p.startswith(("/api/", "/schema", "/admin"))} - NOT_PAGES
    assert pages - {s.route for s in STATES} == set()


@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_page_state_has_no_axe_violation_at_both_widths(world, state):
    page = world.page(state.who)
    shots = os.environ.get("MPS_SCREENSHOTS")
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if isinstance(state.go, str):
            page.goto(world.base + state.go)
        else:
            state.go(page, world)
        page.wait_for_load_state()
        inject_axe(page)
        violations = page.evaluate(AXE_RUN)
        if violations:
            found[width] = violations
        if width == WIDTHS[0]:
            scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert scroll[0] <= scroll[1], f"{state.name} scrolls sideways at {width} px: {scroll}"
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{state.name}-{width}.png", full_page=True)
    assert found == {}
    assert world.csp_violations == []  # the app's own scripts and styles obey its CSP


def test_a_csp_violation_on_a_page_would_be_caught(world):
    """The check above can fail: an inline script added to a page is refused and reported."""
    page = world.page("visitor")
    page.goto(world.base + "/")
    seen = len(world.csp_violations)
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; "
                  "document.body.append(s); }")
    poll(page, "true")  # give the console event a turn
    page.wait_for_timeout(300)
    assert len(world.csp_violations) > seen and page.evaluate("window.x") is None
    del world.csp_violations[seen:]
