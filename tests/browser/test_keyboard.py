"""Keyboard-only journeys (RGAA 12.13, 7.1, 7.5, 11.10; WCAG 2.1.1, 2.4.3, 3.3.1, 4.1.3): every step is a
key press; each asserts where focus is, the accessible name of what is focused, and that what was
typed survives an error. The server is shared by the session, the browser by this module."""
from __future__ import annotations

import re
import time
import uuid
from email import message_from_bytes, policy

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.people import new_email

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def tab_to(page, locator, limit: int = 120, key: str = "Tab") -> None:
    """Press Tab until (one of) `locator` has focus; fails when it cannot be reached with the keyboard."""
    for _ in range(limit):
        page.keyboard.press(key)
        if locator.evaluate_all("els => els.includes(document.activeElement)"):
            return
    raise AssertionError(f"not reachable with {key}: {locator}")


def focused_id(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.id : ''")


def live_text(page) -> str:
    """What the page's live region (empty at load) says now."""
    return page.wait_for_function(
        "() => { const t = document.getElementById('mps-update').textContent.trim(); return t || false; }",
        timeout=10000).json_value()


def expect_error_summary(page, title: str, field: str, field_label: str) -> None:
    """Errors: « Erreur – » in the title, focus on the summary (named by its heading); its link, named
    as the field, moves focus to the field."""
    page.wait_for_function("document.title.startsWith('Erreur – ')", timeout=15000)
    summary = page.get_by_role("group", name=title)
    expect(summary).to_be_focused()
    link = summary.get_by_role("link", name=field_label)
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement && document.activeElement.id === {field!r}")
    target = page.locator(f"#{field}")
    if target.evaluate("el => !['radio', 'checkbox'].includes(el.type)"):  # a group's fieldset names its message
        expect(target).to_have_attribute("aria-invalid", "true")


@pytest.fixture(scope="module")
def context(chromium):
    contexts = []

    def make(viewport=PHONE):
        ctx = chromium.new_context(viewport=viewport)
        contexts.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in contexts:
        ctx.close()


def test_search_then_formation_then_favourite_with_note(server, context):
    base, page = server["url"], context(PHONE)
    page.goto(base + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Contenu")).to_be_focused()  # first stop: the skip links
    search = page.get_by_role("searchbox", name="Rechercher une formation").and_(page.locator("#home-q"))
    tab_to(page, search)
    page.keyboard.type("bts informatique")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche?q=bts+informatique*")
    first = page.locator("main ol a[href^='/formations/'], main ul a[href^='/formations/']").first
    label = first.inner_text().strip()
    tab_to(page, first)
    expect(page.get_by_role("link", name=label).first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/formations/*")
    expect(page.get_by_role("heading", level=1)).to_have_text(label)
    fid = page.url.rsplit("/", 1)[1].split("?")[0]

    add = page.get_by_role("button", name="Ajouter à mes favoris")
    tab_to(page, add)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'favori-statut'")
    expect(page.locator("#favori-statut")).to_have_text("Ajoutée à tes favoris.")
    assert live_text(page) == "Ajoutée à tes favoris."

    to_list = page.get_by_role("link", name="Voir mes favoris")
    tab_to(page, to_list)
    page.keyboard.press("Enter")
    page.wait_for_url("**/favoris*")
    note = page.get_by_role("textbox", name=f"Ma note sur {label}")
    tab_to(page, note)
    page.keyboard.type("Journée portes ouvertes le 14 mars")
    save = page.get_by_role("button", name=f"Enregistrer : {label}")
    tab_to(page, save)
    page.keyboard.press("Enter")
    expect(page.locator(f"#statut-{fid}")).to_have_text("C'est enregistré.")
    expect(save).to_be_focused()  # focus stays on the control used
    assert live_text(page) == "C'est enregistré."
    page.reload()
    expect(page.get_by_role("textbox", name=f"Ma note sur {label}")).to_have_value("Journée portes ouvertes le 14 mars")


def test_profile_to_suggestions_with_errors_on_the_way(server, context):
    """Radio and checkbox steps cannot hold a wrong answer; the three that can (spécialités, town,
    moyenne) are each answered wrong first, corrected from the error summary, then sent."""
    base, page = server["url"], context(PHONE)
    page.goto(base + "/profil/situation")
    submit = page.locator("#profile-form").get_by_role("button", name="Continuer")

    first_radio = page.get_by_role("radio", name="J'ai quelques pistes")
    tab_to(page, page.get_by_role("radio", name="Je n'ai pas encore d'idée"))
    page.keyboard.press("ArrowDown")  # arrows move within a radio group and check
    expect(first_radio).to_be_checked()
    tab_to(page, page.get_by_role("radio", name="Seconde"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Terminale")).to_be_checked()
    tab_to(page, submit)
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/bac")

    bac = page.get_by_role("radio", name="Bac général")
    tab_to(page, page.locator("input[name=bac]"))  # Tab enters a radio group on its checked radio
    for _ in range(12):
        if bac.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(bac).to_be_checked()
    tab_to(page, page.locator("#profile-form").get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/specialites")

    wanted = ["Mathématiques", "Physique-Chimie (PC)", "Sciences de la vie et de la Terre (SVT)",
              "Numérique et Sciences Informatiques (NSI)"]
    for name in wanted:
        box = page.get_by_role("checkbox", name=name, exact=True)
        tab_to(page, box)
        page.keyboard.press("Space")
    tab_to(page, page.locator("#profile-form").get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect_error_summary(page, "Ta réponse n’a pas encore été enregistrée", "specialites", "Tes spécialités")
    for name in wanted:  # the four stay ticked
        expect(page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    expect(page.get_by_role("group", name=re.compile("^Tes spécialités"))).to_have_attribute(
        "aria-labelledby", "specialites-legend specialites-messages")
    svt = page.get_by_role("checkbox", name=wanted[2], exact=True)
    tab_to(page, svt)
    page.keyboard.press("Space")
    tab_to(page, page.locator("#profile-form").get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/interets")
    page.goto(base + "/profil/villes")

    town = page.get_by_role("combobox", name=re.compile("^Ajoute une ville"))
    tab_to(page, town)
    page.keyboard.type("Atlantide")
    page.keyboard.press("Enter")  # no town proposed: Enter sends the text, the server refuses it
    expect_error_summary(page, "Ta réponse n’a pas encore été enregistrée", "ville",
                         "Ajoute une ville où tu aimerais étudier (nom ou code postal)")
    town = page.get_by_role("combobox", name=re.compile("^Ajoute une ville"))
    expect(town).to_have_value("Atlantide")  # kept
    expect(town).to_have_attribute("aria-describedby", "ville-messages")
    page.keyboard.press("Control+a")
    page.keyboard.type("Lill")
    expect(town).to_have_attribute("aria-expanded", "true")
    assert re.match(r"\d+ villes proposées", live_text(page))
    page.keyboard.press("ArrowDown")
    active = town.get_attribute("aria-activedescendant")
    chosen = page.locator(f"#{active}").inner_text()
    page.keyboard.press("Enter")  # picks the highlighted town, does not send « Lill »
    expect(town).to_have_value(chosen)
    expect(town).to_have_attribute("aria-expanded", "false")
    assert page.url.endswith("/profil/villes")  # nothing was sent
    page.keyboard.press("Enter")  # list closed: Enter adds the town
    expect(page.locator("#statut-villes")).to_contain_text("ajoutée à tes villes")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ville'")
    expect(page.get_by_role("button", name=f"Retirer {chosen.split(' (')[0]}", exact=False)).to_have_count(1)
    tab_to(page, page.locator("#profile-form").get_by_role("button", name="Continuer"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/profil/moyenne")

    moyenne = page.get_by_role("textbox", name=re.compile("^Ta moyenne générale"))
    tab_to(page, moyenne)
    page.keyboard.type("25")
    page.keyboard.press("Enter")
    expect_error_summary(page, "Ta réponse n’a pas encore été enregistrée", "moyenne", "Ta moyenne générale (sur 20)")
    expect(moyenne).to_have_value("25")
    expect(moyenne).to_have_attribute("aria-describedby", "moyenne-messages")
    page.keyboard.press("Control+a")
    page.keyboard.type("15,75")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suggestions")
    expect(page).to_have_title(re.compile("^Mes suggestions"))


def test_sign_in_with_an_error_first(server, context):
    base, page = server["url"], context(DESKTOP)
    page.goto(base + "/connexion")
    email = page.get_by_role("textbox", name=re.compile("^Adresse e-mail"))
    tab_to(page, email)
    expect(email).to_have_attribute("aria-required", "true")
    page.keyboard.type("eleve.journee@")
    page.keyboard.press("Enter")
    expect_error_summary(page, "Ton lien n’a pas encore été envoyé", "email", "Adresse e-mail")
    expect(email).to_have_value("eleve.journee@")
    expect(email).to_have_attribute("aria-describedby", "email-messages")
    address = f"eleve.{uuid.uuid4().hex[:6]}@exemple.fr"
    outbox = server["tmp"] / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    page.keyboard.press("Control+a")
    page.keyboard.type(address)
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile("^Vérifie ta messagerie"))
    for _ in range(300):
        new = set(outbox.glob("*.eml")) - before if outbox.exists() else set()
        if new:
            break
        time.sleep(0.1)
    text = message_from_bytes(max(new).read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    page.goto(base + text[text.index("/connexion/lien"):].split()[0])
    confirm = page.locator("main form").get_by_role("button")
    tab_to(page, confirm)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Mon compte").first).to_be_attached()


def test_teacher_creates_a_class_choosing_the_lycee_from_the_list(server, context):
    base, page = server["url"], context(PHONE)
    sign_in(page, base, server["tmp"], new_email("prof", "ac-lille.fr"), role="enseignant")
    page.goto(base + "/classes")
    expect(page.get_by_text("Sauf mention contraire, tous les champs sont obligatoires.")).to_be_visible()
    lycee = page.get_by_role("textbox", name=re.compile("^Lycée"))
    tab_to(page, lycee)
    expect(lycee).to_have_attribute("aria-required", "true")
    page.keyboard.type("lille")
    label = page.get_by_role("textbox", name=re.compile("^Classe"))
    tab_to(page, label)
    page.keyboard.type("Terminale 3")
    page.keyboard.press("Enter")
    expect_error_summary(page, "Votre classe n’a pas encore été créée", "lycee_uai", "Votre lycée")
    expect(page.get_by_role("textbox", name=re.compile("^Classe"))).to_have_value("Terminale 3")
    expect(page.get_by_role("textbox", name=re.compile("^Lycée"))).to_have_value("lille")
    page.keyboard.press("ArrowDown")  # the second lycée of the list
    chosen = page.locator("input[name=lycee_uai]:checked")
    expect(chosen).to_have_count(1)
    tab_to(page, page.get_by_role("button", name="Créer la classe"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/classes/[0-9a-f]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Terminale 3")


def test_menu_skip_link_opens_the_menu_on_a_phone(server, context):
    page = context(PHONE)
    page.goto(server["url"] + "/recherche")
    menu = page.get_by_role("link", name="Menu", exact=True)
    tab_to(page, menu)
    page.keyboard.press("Enter")
    expect(page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Rechercher une formation")).to_be_focused()
