"""Issue 14: a student reads offline the stage offers they have already opened (the service worker keeps
the pages it served, network first); an offer never opened gives the offline page, not an error."""
from __future__ import annotations

from tests.browser.conftest import wait_controlled
from tests.browser.people import World, post_form, stage_board


def test_an_offer_seen_online_is_read_offline_even_after_it_changed_on_the_server(server, chromium):
    base, tmp = server["url"], server["tmp"]
    w = World(base=base, tmp=tmp)
    for who in ("employer", "admin"):
        w.pages[who] = chromium.new_context().new_page()
    stage_board(w, base, tmp)

    context = chromium.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(f"{base}/stages")
    wait_controlled(page)
    page.goto(f"{base}/stages/offres/{w.stage_offer_id}")
    assert "L'atelier de menuiserie" in page.inner_text("main h1")

    # The employer closes the offer: online, the page would no longer show it. Offline, the student keeps
    # the copy they saw, so the page comes from the device, not from the server.
    assert post_form(w.page("employer"), base, f"/stages/employeur/offres/{w.stage_offer_id}/fermer", {}).ok
    assert "L'atelier de menuiserie" not in context.request.get(f"{base}/stages/offres/{w.stage_offer_id}").text()
    context.set_offline(True)
    page.goto(f"{base}/stages/offres/{w.stage_offer_id}")
    assert "L'atelier de menuiserie" in page.inner_text("main h1")
    assert "Tu suis les menuisiers" in page.inner_text("main")

    page.goto(f"{base}/stages/offres/{w.stage_offer_id + 1000}")  # never opened: the offline page
    assert "hors ligne" in (page.title() + page.inner_text("main")).lower()
    context.close()
    for p in w.pages.values():
        p.context.close()
