"""The stage's preparation and report in a real browser, by keyboard only: a box ticked with Space is saved
at once and said in the live region; ticked offline it waits on the device and the service worker saves it
back online even with the page closed (Background Sync); a
report over its limit is refused by the counter before sending, the text kept whole."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import poll, wait_controlled
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

    # Offline, then the page closed before the network is back: the service worker sends the tick
    # (Background Sync). Chromium's offline emulation does not reach the worker, which may send it at once;
    # either way only the server's state after going back online is asserted, read without the page.
    context = page.context
    page.goto(world.base + "/stages")  # no checklist page left open to send it when the network is back
    offline_page = context.new_page()
    offline_page.goto(world.base + "/stages/mon-stage/preparer")
    wait_controlled(offline_page)
    context.set_offline(True)
    question = offline_page.get_by_role("checkbox", name="Où dois-je me présenter le premier jour, et à qui ?")
    tab_to(offline_page, question)
    offline_page.keyboard.press("Space")
    poll(offline_page, "document.getElementById('mps-update').textContent.includes('même si tu fermes la page')",
         timeout_s=10)
    offline_page.close()
    context.set_offline(False)
    url = f"{world.base}/stages/mon-stage/preparer"
    for _ in range(100):
        html = context.request.get(url).text()
        if _checked(html, "Où dois-je me présenter le premier jour"):
            break
        page.wait_for_timeout(200)
    assert _checked(html, "Où dois-je me présenter le premier jour")
    assert _checked(html, "Une pièce d&#39;identité ou ta carte") or _checked(html, "Une pièce d'identité ou ta carte")


def _checked(html: str, label: str) -> bool:
    """Whether the server drew the checkbox labelled `label` ticked (its input just before the label)."""
    before = html.split(label, 1)[0]
    box = before.rsplit("<input", 1)[1].split(">", 1)[0]
    return " checked" in box


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
