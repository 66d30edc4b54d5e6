"""Controls repeated per item and the messages of actions that remove an item (RGAA 11.9, 7.1, 7.5;
WCAG 2.4.6, 4.1.2, 4.1.3, 2.4.3): each repeated control names its item, so that a list of controls read
out of context still says which formation it acts on; after « retirer » or « pas intéressé » the
message is read from the live region (empty at load) and focus lands on something sensible, never on
<body>. Every action is a key press."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import IDB_GET, poll, sign_in, wait_catalogue, wait_controlled
from tests.browser.people import api, new_email
from tests.browser.test_keyboard import PHONE, focused_id, live_text, tab_to

QUERIES = ["bts informatique", "licence droit", "but gea", "staps", "bts comptabilite"]
PROFILE = {"situation": "quelques_pistes", "classe": "terminale", "bac": "Générale",
           "specialites": ["Mathématiques", "Numérique et Sciences Informatiques (NSI)"], "interets": ["ci7"]}


def announced(page) -> str:
    """The latest message sent to the live region (lib/announce.js), apart from its standing notices."""
    return page.wait_for_function(
        "() => { const s = document.querySelector('#mps-update .mps-announce');"
        " return (s && s.textContent.trim()) || false; }", timeout=10000).json_value()


@pytest.fixture(scope="module")
def student(server, chromium):
    """A signed-in student with three favourites of distinct names and two formations set aside."""
    base = server["url"]
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    sign_in(page, base, server["tmp"], new_email("eleve"))
    assert api(page, base, "PUT", "/api/v1/profile", PROFILE).ok
    picked: dict[str, str] = {}
    for q in QUERIES:
        for item in page.request.get(f"{base}/api/v1/formations", params={"q": q}).json()["items"]:
            if item["id"] not in picked and item["label"] not in picked.values():
                picked[item["id"]] = item["label"]
                break
    ids = list(picked)
    for fid in ids[:3]:
        assert api(page, base, "PUT", f"/api/v1/favourites/formations/{fid}", {"note": ""}).ok
    for fid in ids[3:]:
        assert api(page, base, "PUT", f"/api/v1/favourites/not-interested/{fid}").ok
    yield {"page": page, "base": base, "favourites": ids[:3], "aside": ids[3:], "labels": picked,
           "context": context}
    context.close()


def test_each_repeated_favourite_control_names_its_formation(student):
    page, base, labels = student["page"], student["base"], student["labels"]
    page.goto(base + "/favoris")
    assert len(student["favourites"]) == 3 and len(student["aside"]) == 2
    for fid in student["favourites"]:
        label = labels[fid]
        # One control per name (strict locators fail on two), and it is this formation's.
        ambition = page.get_by_role("combobox", name=f"Pour moi, ce choix est… ({label})", exact=True)
        expect(ambition).to_have_attribute("id", f"ambition-{fid}")
        remove = page.get_by_role("button", name=f"Retirer des favoris : {label}", exact=True)
        expect(remove).to_have_attribute("id", f"remove-{fid}")
        tab_to(page, ambition)  # reachable with the keyboard, and focus is where the name says
        tab_to(page, remove)
    for fid in student["aside"]:
        label = labels[fid]
        restore = page.get_by_role("button", name=f"Remettre {label}", exact=True)
        expect(restore).to_have_count(1)
        expect(restore.locator("xpath=..")).to_contain_text(label)  # the button of the line naming it
        tab_to(page, restore)
    # The visible text alone repeats: the names are what tell the controls apart.
    expect(page.get_by_role("button", name="Remettre", exact=False)).to_have_count(len(student["aside"]))


def test_removing_a_town_is_announced_and_focus_stays_in_the_list(student):
    page, base = student["page"], student["base"]
    towns = [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}, {"nom": "Lyon (69)", "lat": 45.76, "lon": 4.84}]
    assert api(page, base, "PUT", "/api/v1/profile", {**PROFILE, "villes": towns}).ok
    page.goto(base + "/profil/villes")
    first = page.get_by_role("button", name="Retirer Lille (59)", exact=True)
    tab_to(page, first)
    page.keyboard.press("Enter")
    expect(page.locator("#statut-villes")).to_have_text("Lille (59) retirée de tes villes.")
    assert live_text(page) == "Lille (59) retirée de tes villes."
    # The removed town's button is gone: focus is on the button now in its place (the next town's).
    expect(page.get_by_role("button", name="Retirer Lyon (69)", exact=True)).to_be_focused()
    expect(page.get_by_role("button", name="Retirer Lille (59)", exact=True)).to_have_count(0)
    page.keyboard.press("Enter")  # the last town: no button left in the list, focus goes to the town field
    expect(page.locator("#statut-villes")).to_have_text("Lyon (69) retirée de tes villes.")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ville'")
    assert live_text(page) == "Lyon (69) retirée de tes villes."


def test_not_interested_then_undo_on_suggestions(student):
    page, base = student["page"], student["base"]
    page.goto(base + "/suggestions")
    expect(page.locator("#annuler")).to_be_empty()  # the region is empty at load
    button = page.locator("form[action='/suggestions/pas-interesse'] button").first
    label = " ".join(button.text_content().split(" : ", 1)[1].split())
    tab_to(page, page.get_by_role("button", name=f"Pas intéressé : {label}", exact=True))
    page.keyboard.press("Enter")
    said = f"« {label} » ne te sera plus suggérée."
    expect(page.locator("#annuler p")).to_have_text(said)
    # Designed (suggestions/list.html): focus goes to the message, whose next stop is « Annuler ».
    page.wait_for_function("document.activeElement && document.activeElement.id === 'annuler'")
    assert live_text(page).startswith(said)
    undo = page.get_by_role("button", name=f"Annuler : suggérer à nouveau {label}", exact=True)
    page.keyboard.press("Tab")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    # Back in the list: focus on its message in its card (not <body>), read from the live region.
    status = page.locator("[id^='statut-']", has_text="Remise dans tes suggestions.")
    expect(status).to_have_count(1)
    assert focused_id(page) == status.get_attribute("id")
    assert live_text(page) == "Remise dans tes suggestions."
    expect(page.locator("#annuler")).to_be_empty()


def test_offline_remove_keeps_focus_on_the_list(student):
    page, base, labels = student["page"], student["base"], student["labels"]
    context = student["context"]
    page.goto(base + "/favoris")
    wait_controlled(page)
    wait_catalogue(page)
    page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.active.postMessage({type: 'SYNC_NOW'}))")
    for fid in student["favourites"]:  # the device knows the favourites before the network goes
        poll(page, IDB_GET, ["marks", fid])
    context.set_offline(True)
    try:
        page.goto(base + "/favoris")
        page.wait_for_selector(".mps-fav-list li a[id^='lien-']")
        links = page.locator(".mps-fav-list a[id^='lien-']")
        order = [a.get_attribute("id")[len("lien-"):] for a in links.all()]
        assert sorted(order) == sorted(student["favourites"])
        gone, after = order[0], order[1]
        remove = page.get_by_role("button", name=f"Retirer des favoris : {labels[gone]}", exact=True)
        tab_to(page, remove)
        page.keyboard.press("Enter")
        # The list was drawn again: focus is on the next favourite (its link names it), not on <body>,
        # and the message is in the live region.
        page.wait_for_function(f"document.activeElement && document.activeElement.id === 'lien-{after}'")
        expect(page.locator(f"#lien-{gone}")).to_have_count(0)
        said = f"{labels[gone]} : retirée de tes favoris."
        expect(page.locator("#statut-formations")).to_have_text(said)
        assert announced(page) == said  # the live region also holds the « hors ligne » notice
        # The last one: no next favourite, focus goes to the message.
        for fid in order[1:]:
            page.get_by_role("button", name=f"Retirer des favoris : {labels[fid]}", exact=True).focus()
            page.keyboard.press("Enter")
            expect(page.locator(f"#lien-{fid}")).to_have_count(0)
        page.wait_for_function("document.activeElement && document.activeElement.id === 'statut-formations'")
    finally:
        context.set_offline(False)
