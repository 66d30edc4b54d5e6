"""What a lycéen's walk on a phone (375 px) found: things touching, targets too small for a thumb.

Seen on the walk of 2 Dec 2026: the demo badge touched the stage offer's title; the « Quand » list ran into
the « Où » heading; a family link's name touched its « Actif » badge; the stage map's numbered points were
20 px wide; fields (40 px) and the « pourquoi » / « que veut dire » disclosures (24 px) were under 44 px."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid

import pytest

from tests.browser.conftest import ROOT, free_port, sign_in, start_server_process
from tests.browser.people import api

PHONE = {"width": 375, "height": 812}


@pytest.fixture(scope="module")
def demo(server):
    """A second server on the session server's database, started with MPS_DEMO=1, and demo offers in it: the
    session server never shows them (never mixed with real offers), so other tests see no change."""
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{server['tmp'] / 'browser.sqlite'}",
           "MPS_VAR_DIR": str(server["tmp"]), "MPS_ROOT": str(server["tmp"] / "root"),
           "MPS_DATA_DIR": str(ROOT / "data"), "MPS_DEMO": "1", "MPS_JOBS": "off", "MPS_ENV": "development"}
    env.pop("SMTP_HOST", None)
    subprocess.run([str(ROOT / ".venv/bin/mps"), "demo", "stages", "--count", "40"], env=env, check=True,
                   capture_output=True)
    port = free_port()
    proc = start_server_process(server["tmp"], port, env, log="serve-demo.log")
    with sqlite3.connect(server["tmp"] / "browser.sqlite") as db:
        offers = db.execute("SELECT id, commune FROM stage_offers WHERE demo ORDER BY id").fetchall()
    yield {"url": f"http://127.0.0.1:{port}", "offers": offers}
    proc.terminate()
    proc.wait(timeout=20)


GAP_BELOW = """([above, below]) => document.querySelector(below).getBoundingClientRect().top
    - document.querySelector(above).getBoundingClientRect().bottom"""


def test_the_stage_offer_page_leaves_room_under_the_demo_badge_and_the_periods(demo, chromium):
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(f"{demo['url']}/stages/offres/{demo['offers'][0][0]}")
    assert "Démo" in page.text_content("main p.fr-badge", timeout=60000), page.url
    assert page.evaluate(GAP_BELOW, ["main p.fr-badge", "main h1"]) >= 12
    when = page.locator("main h2", has_text="Quand")
    assert when.count() == 1
    assert page.evaluate("""() => {
        const list = [...document.querySelectorAll('main h2')].find((h) => h.textContent.trim() === 'Quand')
            .nextElementSibling;
        const where = list.nextElementSibling;
        return list.tagName === 'UL' && where.textContent.trim() === 'Où'
            && where.getBoundingClientRect().top - list.getBoundingClientRect().bottom >= 16;
    }""")
    page.context.close()


def test_the_stage_map_points_are_a_thumb_wide_on_a_phone(demo, chromium):
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    for _, commune in demo["offers"]:  # a town the board knows by that name (not « Saint-Martin », a cedex)
        page.goto(f"{demo['url']}/stages?autour={commune}&rayon=20&vue=carte")
        if page.locator("main svg a").count():
            break
    boxes = page.evaluate("""() => [...document.querySelectorAll('main svg a')]
        .map((a) => { const r = a.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; })""")
    assert boxes, "no offer on the map"
    assert [b for b in boxes if min(b) < 24] == [], boxes
    # A tap on the edge of the hit area (beyond the drawn point) opens the offer.
    point = page.locator("main svg a").last  # drawn last: point 1, on top of any neighbour
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 1.5)
    page.wait_for_url("**/stages/offres/*")
    page.context.close()


def test_a_family_links_name_does_not_touch_its_badge(server, chromium):
    base = server["url"]
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    sign_in(page, base, server["tmp"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr")
    assert api(page, base, "POST", "/api/v1/me/family-links", {"label": "Maman", "days": 30}).ok
    page.goto(base + "/famille")
    gap = page.evaluate("""() => {
        const title = [...document.querySelectorAll('main h3')].find((h) => h.textContent.includes('Maman'));
        const range = document.createRange();
        range.selectNodeContents(title.firstChild);  // the name, a text node
        const name = range.getBoundingClientRect(), badge = title.querySelector('.fr-badge').getBoundingClientRect();
        // Beside it: a gap; wrapped under it: a new line.
        return badge.top >= name.bottom ? 99 : badge.left - name.right;
    }""")
    assert gap >= 6
    page.context.close()


TAPS = """() => [...document.querySelectorAll('main summary, main .fr-input, main .fr-select')]
    .filter((e) => e.getClientRects().length)
    .map((e) => [e.id || e.textContent.trim().slice(0, 30), Math.round(e.getBoundingClientRect().height)])"""


def test_fields_and_disclosures_are_44_px_high_on_a_phone(server, chromium):
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/recherche?q=bts+compta&ville=Lille&rayon=30")
    page.click("details.mps-filters summary")  # the fields show
    heights = page.evaluate(TAPS)
    labels = {label for label, _ in heights}
    assert {"q", "ville", "rayon", "famille"} <= labels and any(label.startswith("Que veut dire") for label in labels)
    assert [(label, h) for label, h in heights if h < 44] == []
    page.context.close()


def test_search_results_come_before_the_filters_set_which_their_summary_names(server, chromium):
    """A town set (« Près de ») opened the filters: the first result was 1,400 px down at 375 px. They stay closed,
    one tap away, and say what is set."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/recherche?q=bts+compta&famille=BTS&ville=Lyon&rayon=30&selective=true&apprentissage=false")
    first = page.locator(".mps-results > li").first.bounding_box()
    assert first["y"] < PHONE["height"] - 100  # its title shows on the first screen
    summary = page.locator("details.mps-filters summary")
    assert summary.inner_text() == ("Modifier les filtres (4) : BTS, près de Lyon (30\u00a0km), sélectives, "
                                    "sans apprentissage")
    assert not page.is_visible("#ville")
    summary.click()
    assert page.input_value("#ville") == "Lyon" and page.is_visible("#apprentissage")
    page.goto(server["url"] + "/recherche?q=bts+compta")  # nothing set: the summary says what it holds
    assert page.inner_text("details.mps-filters summary") == "Affiner : type de formation, lieu, sélectivité, alternance"
    page.context.close()


# The last line box of each link opening a new window: wider than the icon alone (16 px and its margin).
LONE_ICONS = """() => [...document.querySelectorAll('a[target=_blank]')].filter((a) => a.getClientRects().length > 1)
    .map((a) => [a.textContent.trim(), Math.round([...a.getClientRects()].filter((r) => r.width > 1).pop().width)])
    .filter(([, width]) => width < 26)"""


def test_the_new_window_icon_stays_with_the_last_word_of_its_link(server, chromium):
    """Seen at 375 px: the icon alone on a line under « Fiche Parcoursup », « Défenseur des droits »."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    wrapped = 0
    for path in ("/formations/bts-services-comptabilite-et-gestion", "/accessibilite", "/sources"):
        page.goto(server["url"] + path)
        assert page.evaluate(LONE_ICONS) == [], path
        wrapped += page.evaluate("() => [...document.querySelectorAll('a[target=_blank]')]"
                                 ".filter((a) => a.getClientRects().length > 1).length")
    assert wrapped > 0  # links that wrap were measured (where the icon used to fall alone)
    page.context.close()


def test_the_follow_up_checkboxes_of_mes_voeux_are_tapped_on_a_44_px_label(server, chromium):
    """« Suivi et note »: DSFR's small box is 16 px and its label one 24 px line. On a phone the label, box
    included, is the 44 px target: a tap on the box's left edge or under the text ticks it."""
    base = server["url"]
    page = chromium.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    sign_in(page, base, server["tmp"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr")
    page.goto(base + "/")
    assert api(page, base, "PUT", "/api/v1/favourites/formations/but-informatique", {}).ok
    page.goto(base + "/mes-voeux")
    page.locator("details.mps-wish-edit summary").first.click()
    labels = page.locator("details.mps-wish-edit[open] .fr-checkbox-group label")
    assert labels.count() >= 2
    for i in range(labels.count()):
        label = labels.nth(i)
        box = label.bounding_box()
        assert box["height"] >= 44, label.inner_text()
        checkbox = page.locator(f"#{label.get_attribute('for')}")
        before = checkbox.is_checked()
        page.touchscreen.tap(box["x"] + 2, box["y"] + box["height"] - 3)  # the box's column, below the box
        assert checkbox.is_checked() != before, label.inner_text()
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps DSFR's size
    assert labels.first.bounding_box()["height"] < 44
    page.context.close()


def test_stage_offers_come_before_the_criteria_once_searched(demo, chromium):
    """The board's six fields stood above the offers: the count was 1,100 px down at 375 px. Once offers are listed,
    all but « Autour de » fold under a summary naming them; before a search they show."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    town = demo["offers"][0][1]
    page.goto(f"{demo['url']}/stages?autour={town}&rayon=20&secteur=&niveau=seconde")
    count = page.locator("main h2").first
    assert "offre" in count.inner_text()
    top = count.bounding_box()["y"]
    assert top < PHONE["height"]  # on the first screen
    summary = page.locator("main details.mps-filters summary")
    assert summary.inner_text() == "Modifier les critères : 20\u00a0km, Seconde (stage de juin)"
    assert not page.is_visible("#secteur")
    summary.click()
    assert page.is_visible("#secteur") and page.input_value("#rayon") == "20"
    assert count.bounding_box()["y"] - top > 300  # what the closed criteria save
    page.goto(f"{demo['url']}/stages")  # nothing searched yet: every field shows
    assert page.is_visible("#secteur")
    page.context.close()


def test_the_headers_search_field_says_what_it_is_for_on_a_desktop(server, chromium):
    """At 1280 px the header's field was an empty grey box beside a magnifier (DSFR hides its label)."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server["url"] + "/stages")
    field = page.locator("#header-search-input")
    assert field.is_visible() and "formation" in field.get_attribute("placeholder")
    page.context.close()
