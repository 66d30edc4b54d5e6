"""The timeline on a phone (375 px, real Chromium): a visitor says their classe from /etapes, sees their steps
with the stage weeks, subscribes a calendar, and finds their next step on the home page."""
from __future__ import annotations

from datetime import datetime, timezone

from mps.lib.french import french_day
from mps.lib.school_calendar import school_year_of, seconde_stage_weeks


def test_a_seconde_on_a_phone(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(base + "/etapes")
        page.click("text=Indiquer ma classe")
        page.wait_for_load_state()
        assert page.url.endswith("/profil/situation")
        page.check("input[name=classe][value=seconde]", force=True)
        page.click("main form#profile-form button[type=submit]")
        page.wait_for_load_state()

        page.goto(base + "/etapes")
        assert page.locator("h1").inner_text() == "Tes étapes"
        assert "Seconde" in page.locator(".fr-text--lead").inner_text()
        first, second = seconde_stage_weeks(school_year_of(datetime.now(timezone.utc).date()) + 1)
        stage = page.locator(".mps-step", has_text="Stage de seconde")
        assert stage.is_visible()
        assert f"du {french_day(first.monday)} au {french_day(second.friday)}" in stage.inner_text()
        assert page.locator(".mps-step", has_text="Parcoursup").count() == 0  # not a terminale
        assert page.locator("a", has_text="Trouve ton stage").get_attribute("href") == "/stages"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sideways on a phone

        page.click("form[action='/etapes/agenda'] button[type=submit]")
        page.wait_for_load_state()
        url = page.locator("input[id^=agenda-]").input_value()
        assert url.endswith(".ics") and "/agenda/" in url
        feed = context.request.get(url)
        assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
        assert "Stage de seconde" in feed.text()

        page.goto(base + "/")
        assert "Ta prochaine étape" in page.locator("#prochaine-etape").inner_text()
    finally:
        context.close()
