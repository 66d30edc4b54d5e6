"""The stage's preparation and report in a real browser, by keyboard only: a box ticked with Space is saved
at once and said in the live region; ticked offline it waits on the device and is saved back online; a
report over its limit is refused by the counter before sending, the text kept whole."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import poll
from tests.browser.people import close_world, make_world
from tests.browser.test_keyboard import live_text, tab_to


@pytest.fixture(scope="module")
def world(server, chromium):
    w = make_world(server["url"], server["tmp"], chromium)
    yield w
    close_world(w)


def test_ticks_by_keyboard_are_saved_online_and_offline(world):
    page = world.page("student")
    page.goto(world.base + "/stages/mon-stage/preparer")
    box = page.get_by_role("checkbox", name="Une pièce d'identité ou ta carte de lycéen ou de collégien")
    expect(box).not_to_be_checked()
    tab_to(page, box)
    page.keyboard.press("Space")
    assert live_text(page) == "Coché et enregistré."
    expect(box).to_be_focused()
    expect(page.locator("[data-mps-checklist-progress]")).to_have_text("3 sur 17 points cochés")

    page.context.set_offline(True)
    question = page.get_by_role("checkbox", name="Où dois-je me présenter le premier jour, et à qui ?")
    tab_to(page, question)
    page.keyboard.press("Space")
    # (the page first says it went offline; then the tick's message)
    poll(page, "document.getElementById('mps-update').textContent.includes('dès que tu seras en ligne')", timeout_s=10)
    assert page.evaluate(f"JSON.parse(localStorage.getItem('mps-checklist-{world.stage_application_id}')).length") == 1
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # what the browser fires when the network is back
    poll(page, f"localStorage.getItem('mps-checklist-{world.stage_application_id}') === null", timeout_s=10)
    page.evaluate(f"localStorage.removeItem('mps-checklist-{world.stage_application_id}')")
    page.reload()  # from the server, not from the device's queue (emptied above)
    expect(page.get_by_role("checkbox", name="Où dois-je me présenter le premier jour, et à qui ?")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Une pièce d'identité ou ta carte de lycéen ou de collégien")).to_be_checked()


def test_a_report_over_its_limit_is_stopped_by_the_counter_and_kept_whole(world):
    page = world.page("student")
    page.goto(world.base + "/stages/mon-stage/compte-rendu")
    field = page.get_by_role("textbox", name="Ce qui t'a plu")
    tab_to(page, field)
    text = "Le travail du bois, " * 76  # 1 520 characters
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)
    message = page.locator(f"#aime-{world.stage_application_id}-messages")
    expect(message).to_contain_text("Ce texte fait 1")
    expect(message).to_contain_text("rien n’a été coupé")
    expect(field).to_have_attribute("aria-invalid", "")
    tab_to(page, page.get_by_role("button", name="Enregistrer mon compte-rendu : L'atelier de menuiserie"))
    page.keyboard.press("Enter")
    expect(field).to_be_focused()  # not sent: focus back on the field that is too long
    assert page.url.endswith("/stages/mon-stage/compte-rendu") and field.input_value() == text
