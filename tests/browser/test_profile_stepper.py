"""The profile's 9 steps walked with the keyboard alone on a phone (375 px): each step is answered, the
DSFR stepper shows its progress bar at every step (its CSS stops at 8 steps: app.css carries the 9th),
and the profile the API returns holds exactly what was answered."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.test_keyboard import PHONE, tab_to

STEPS = ["situation", "bac", "specialites", "interets", "domaines", "metiers", "etudes", "villes", "moyenne"]


def pick_radio(page, name: str, label: str | re.Pattern) -> None:
    """Tab into the group (on its first or checked radio), then arrows until `label` is checked."""
    target = page.get_by_role("radio", name=label)
    tab_to(page, page.locator(f"input[name={name}]"))
    for _ in range(15):
        if target.is_checked():
            return
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


def tick(page, box) -> str:
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    return box.get_attribute("value")


def continue_to(page, next_step: str) -> None:
    tab_to(page, page.locator("#profile-form").get_by_role("button", name="Continuer", exact=True))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{next_step}")


def expect_progress(page, n: int) -> None:
    """« Étape n sur 9 » and a progress bar drawn for step n (DSFR reads --steps and --current-step)."""
    expect(page.locator(".fr-stepper__state")).to_have_text(f"Étape {n} sur 9")
    bar = page.locator(".fr-stepper__steps")
    style = bar.evaluate("""el => { const s = getComputedStyle(el);
        return [s.getPropertyValue('--steps').trim(), s.getPropertyValue('--current-step').trim(), s.backgroundImage,
                el.getBoundingClientRect().width]; }""")
    assert style[0] == "9" and style[1] == str(n), style
    assert style[2] != "none" and style[3] > 300, style


def test_every_profile_step_with_the_keyboard_on_a_phone_saves_what_was_answered(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "/profil/situation")

    expect_progress(page, 1)
    pick_radio(page, "situation", "J'ai quelques pistes")
    pick_radio(page, "classe", "Première")
    continue_to(page, "bac")

    expect_progress(page, 2)
    pick_radio(page, "bac", "Bac général")
    continue_to(page, "specialites")

    expect_progress(page, 3)
    specialites = [tick(page, page.get_by_role("checkbox", name=n, exact=True))
                   for n in ("Mathématiques", "Numérique et Sciences Informatiques (NSI)")]
    continue_to(page, "interets")

    expect_progress(page, 4)
    interets = [tick(page, page.locator("input[name=interets]").nth(i)) for i in (0, 3)]
    continue_to(page, "domaines")

    expect_progress(page, 5)
    domaines = [tick(page, page.locator("input[name=domaines]").nth(1))]
    continue_to(page, "metiers")

    expect_progress(page, 6)
    tab_to(page, page.locator("#q"))
    page.keyboard.type("infirmier")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/profil/metiers\?q=infirmier"))
    expect_progress(page, 6)
    metiers = [tick(page, page.locator("input[name=metiers]").first)]
    continue_to(page, "etudes")

    expect_progress(page, 7)
    pick_radio(page, "duree", "Plutôt courtes (2 à 3 ans)")
    pick_radio(page, "alternance", "Pourquoi pas")
    continue_to(page, "villes")

    expect_progress(page, 8)
    town = page.get_by_role("combobox", name=re.compile("^Ajoute une ville"))
    tab_to(page, town)
    page.keyboard.type("Lill")
    expect(town).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks the proposal
    chosen = town.input_value()
    page.keyboard.press("Enter")  # adds it
    expect(page.locator("#statut-villes")).to_contain_text("ajoutée à tes villes")
    continue_to(page, "moyenne")

    expect_progress(page, 9)
    moyenne = page.get_by_role("textbox", name=re.compile("^Ta moyenne générale"))
    tab_to(page, moyenne)
    page.keyboard.type("14,5")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suggestions")

    profile = page.request.get(base + "/api/v1/profile").json()
    assert (profile["situation"], profile["classe"], profile["bac"]) == ("quelques_pistes", "premiere", "Générale")
    assert sorted(profile["specialites"]) == sorted(specialites) and sorted(profile["interets"]) == sorted(interets)
    assert profile["domaines"] == domaines and profile["metiers"] == metiers
    assert (profile["duree"], profile["alternance"]) == ("courte", "interesse")
    assert [v["nom"].split(" (")[0] for v in profile["villes"]] == [chosen.split(" (")[0]]  # « Lillers (62190) »
    assert profile["moyenne"] == 14.5
    context.close()


def test_a_bac_pro_student_ticks_their_field_and_the_suggestions_say_which_bts_continues_it(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + "/profil/bac")
    pick_radio(page, "bac", re.compile("^Bac Professionnel$"))
    continue_to(page, "specialites")
    expect(page.get_by_text("La spécialité de ton bac pro (ou ta famille de métiers)")).to_be_visible()
    field = tick(page, page.get_by_role("checkbox", name="Maintenance des véhicules", exact=True))
    continue_to(page, "interets")
    assert page.request.get(base + "/api/v1/profile").json()["specialites"] == [field]
    page.goto(base + "/suggestions")
    expect(page.get_by_text("Ce BTS prolonge ton bac pro « Maintenance des véhicules »").first).to_be_attached()
    context.close()
