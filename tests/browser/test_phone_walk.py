"""What a lycéen's walk on a phone (375 px) found: things touching, targets too small for a thumb.

Seen on the walk of 2 Dec 2026: the demo badge touched the stage offer's title; the « Quand » list ran into
the « Où » heading; a family link's name touched its « Actif » badge; the stage map's numbered points were
20 px wide; fields (40 px) and the « pourquoi » / « que veut dire » disclosures (24 px) were under 44 px."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from urllib.parse import quote

import pytest

from tests.browser.conftest import ROOT, free_port, sign_in, start_server_process
from mps.domain.classes.service import current_school_year
from tests.browser.people import api, new_email, post_form

PHONE = {"width": 375, "height": 812}


def student_on_a_phone(server, chromium, **context):
    """A new page at 375 px, signed in as a new student."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True, **context)
    sign_in(page, server["url"], server["tmp"], new_email("eleve"))
    return page


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


def board_with_offers(page, demo, more: str = "") -> None:
    """The board searched around the first demo offer's town that lists offers within 20 km (not every commune
    name is a town the board knows: « Saint-Martin » is a cedex, or a village of the Gers with none)."""
    for _, commune in demo["offers"]:
        page.goto(f"{demo['url']}/stages?autour={quote(commune)}&rayon=20{more}")
        if page.locator("main .fr-btns-group a", has_text="Liste").count():
            return
    raise AssertionError("no demo offer's town lists offers")


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
    board_with_offers(page, demo, "&vue=carte")
    boxes = page.evaluate("""() => [...document.querySelectorAll('main svg a')]
        .map((a) => { const r = a.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; })""")
    assert boxes, "no offer on the map"
    assert [b for b in boxes if min(b) < 24] == [], boxes
    views = [page.locator("main .fr-btns-group a", has_text=v).bounding_box()["height"] for v in ("Liste", "Carte")]
    assert min(views) >= 44, views  # a thumb high, as every control (test_phone.py: no offer there, no switch)
    # A tap on the edge of the hit area (beyond the drawn point) opens the offer.
    point = page.locator("main svg a").last  # drawn last: point 1, on top of any neighbour
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 1.5)
    page.wait_for_url("**/stages/offres/*")
    page.context.close()


def test_a_family_links_name_does_not_touch_its_badge(server, chromium):
    base = server["url"]
    page = student_on_a_phone(server, chromium)
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
    page.goto(server["url"] + "/recherche?q=bts+compta&famille=BTS&ville=Lyon&rayon=30&selective=true&apprentissage=false"
              "&statut=public")
    first = page.locator(".mps-results > li").first.bounding_box()
    assert first["y"] < PHONE["height"] - 100  # its title shows on the first screen
    summary = page.locator("details.mps-filters summary")
    assert summary.inner_text() == ("Modifier les filtres (5) : BTS, près de Lyon (30\u00a0km), sélectives, "
                                    "sans apprentissage, public")
    assert not page.is_visible("#ville")
    summary.click()
    assert page.input_value("#ville") == "Lyon" and page.is_visible("#apprentissage")
    page.goto(server["url"] + "/recherche?q=bts+compta")  # nothing set: the summary says what it holds
    assert page.inner_text("details.mps-filters summary") == (
        "Affiner : type de formation, lieu, sélectivité, alternance, public ou privé")
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
    page = student_on_a_phone(server, chromium, has_touch=True)
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
    board_with_offers(page, demo, "&secteur=&niveau=seconde")
    count = page.locator("main h2").first
    assert re.match(r"\d+ offres? à moins de 20 km", count.inner_text()), count.inner_text()
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


def test_a_suggestion_cards_buttons_come_right_under_its_disclosure(server, chromium):
    """Seen at 375 px: about 50 px of nothing between « Autres raisons, … » and « J'aime »: the 44 px minimum of a
    summary was added to its padding (60 px, the text at its top), then DSFR's 2rem before a card's buttons."""
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    assert api(page, base, "PUT", "/api/v1/profile", {"classe": "terminale", "bac": "Générale", "interets": ["ci7"],
                                                      "villes": [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}]}).ok
    page.goto(base + "/suggestions")
    cards = page.evaluate("""() => [...document.querySelectorAll('.mps-suggestions > li')].slice(0, 5).map((card) => {
        const summary = card.querySelector('.mps-card-more > summary').getBoundingClientRect();
        const button = card.querySelector('.fr-card__end button').getBoundingClientRect();
        return [Math.round(summary.height), Math.round(button.top - summary.bottom)]; })""")
    assert len(cards) == 5
    assert [c for c in cards if not (44 <= c[0] <= 48 and 0 <= c[1] <= 16)] == [], cards
    page.context.close()


def test_the_class_table_is_one_block_per_student_on_a_phone_and_a_table_on_a_desktop(server, chromium):
    """The teacher's class (seven columns) scrolled sideways at 375 px. On a phone each student is a block: the name,
    then each figure after its column's name; on a desktop a table with its headers. A table for screen readers at
    both widths: its roles stay when its display changes."""
    base = server["url"]
    teacher = chromium.new_page(viewport=PHONE, is_mobile=True)
    sign_in(teacher, base, server["tmp"], new_email("prof", "ac-lille.fr"), role="enseignant")
    lycee = teacher.request.get(f"{base}/api/v1/lycees?q=lille").json()[0]
    made = post_form(teacher, base, "/classes", {"lycee_uai": lycee["uai"], "label": "Terminale 5",
                                                 "school_year": current_school_year()}, follow=False)
    class_id = made.headers["location"].rsplit("/", 1)[1]
    code = teacher.request.get(f"{base}/api/v1/classes").json()[0]["join_code"]
    for name in ("Maximilien-Alexandre", "Inès"):
        student = chromium.new_page()
        sign_in(student, base, server["tmp"], new_email("eleve"))
        assert post_form(student, base, "/ma-classe/rejoindre", {"code": code, "first_name": name, "initial": "D",
                                                               "consent": "oui"}).ok
        student.context.close()
    teacher.goto(f"{base}/classes/{class_id}")
    table = teacher.locator("main table")
    assert teacher.get_by_role("row").count() == 3 and teacher.get_by_role("columnheader").count() == 7
    assert teacher.get_by_role("rowheader", name="Maximilien-Alexandre D.").count() == 1
    measure = """(t) => ({overflow: Math.max(...[t, ...t.querySelectorAll('tbody, tbody *')].map((e) => e.scrollWidth - e.clientWidth),
        ...[...t.closest('.fr-table').querySelectorAll('div')].map((e) => e.scrollWidth - e.clientWidth)),
        display: getComputedStyle(t).display, head: t.tHead.getBoundingClientRect().height,
        right: Math.max(...[...t.querySelectorAll('tbody td, tbody th')].map((c) => c.getBoundingClientRect().right)),
        label: [t.querySelector('td[data-label]').dataset.label, getComputedStyle(t.querySelector('td[data-label]'), '::before').content]})"""
    phone = table.evaluate(measure)
    assert phone["overflow"] <= 0 and phone["right"] <= PHONE["width"] and phone["display"] == "block", phone
    assert phone["head"] <= 1 and phone["label"][0] == "Profil" and phone["label"][1] not in ("none", "normal"), phone  # names in the block
    teacher.set_viewport_size({"width": 1280, "height": 900})
    desktop = table.evaluate(measure)
    assert desktop["display"] == "table" and desktop["head"] > 30 and desktop["label"][1] == "none", desktop
    teacher.context.close()


def test_the_breadcrumb_button_is_a_thumb_high_and_a_links_arrow_never_alone_on_a_line(server, chromium):
    """At 375 px « Voir le fil d'Ariane » (formation and place pages) was a 20 px target; the arrow of « Mon stage
    confirmé : le préparer, puis écrire mon compte-rendu → » (the stage board) fell alone on a line."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/formations/bts-services-comptabilite-et-gestion")
    reach = page.evaluate("""() => { const b = document.querySelector('main .fr-breadcrumb__button'), r = b.getBoundingClientRect();
        const x = r.left + r.width / 2;
        return [r.top + r.height / 2 - 21, r.top + r.height / 2 + 21].map((y) => document.elementFromPoint(x, y) === b); }""")
    assert reach == [True, True]
    # The board's link, as the page writes it, in the main column of a phone (the text that wrapped there).
    width = page.evaluate("""() => { const p = document.createElement('p'), link = 'fr-link fr-icon-arrow-right-line fr-link--icon-right';
        p.innerHTML = `<a class="${link}" href="/stages/candidatures">Mes candidatures</a>
          · <a class="${link}" href="/stages/mon-stage/preparer">Mon stage confirmé : le préparer, puis écrire mon compte-rendu</a>`;
        document.querySelector('main h1').after(p);
        const a = p.lastElementChild;
        const boxes = [...a.getClientRects()].filter((r) => r.width > 1);
        return [boxes.length, Math.round(boxes.pop().width)]; }""")
    assert width[0] > 1 and width[1] > 26, width  # it wraps, and its last line holds a word with the arrow
    page.context.close()


def test_a_places_bars_stay_on_one_line_with_their_figure(server, chromium):
    """« Mentions au bac des admis » at 375 px: a bar sized by its cell pushed « 32 % » under it in some rows only."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/formations/bts-services-comptabilite-et-gestion")
    cells = []
    for href in page.eval_on_selector_all("main a[href^='/fiches/']", "(links) => links.slice(0, 6).map((a) => a.getAttribute('href'))"):
        page.goto(server["url"] + href)
        cells += page.evaluate("""() => [...document.querySelectorAll('main td')].filter((td) => td.querySelector('.mps-bar'))
            .map((td) => { const bar = td.querySelector('.mps-bar').getBoundingClientRect(), range = document.createRange();
                range.selectNodeContents(td);
                const text = [...range.getClientRects()].pop();
                return [td.textContent.trim(), Math.round(bar.width), Math.abs((bar.top + bar.bottom) - (text.top + text.bottom)) < 12,
                        td.getBoundingClientRect().right <= innerWidth]; })""")
    assert len(cells) > 5
    assert [c for c in cells if not (c[1] == 64 and c[2] and c[3])] == [], cells
    page.context.close()


def test_choosing_a_favourites_places_is_a_thumb_high(server, chromium):
    """« Choisir mes lieux », each favourite's next step, was a 21 px small link at 375 px."""
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    page.goto(base + "/")
    assert api(page, base, "PUT", "/api/v1/favourites/formations/but-informatique", {}).ok
    page.goto(base + "/favoris")
    link = page.locator("main a[href$='/lieux']")
    assert link.count() == 1 and link.bounding_box()["height"] >= 44
    page.context.close()


def test_the_town_places_are_sorted_from_shows_in_the_sort_field(server, chromium):
    """The profile's town sorted the places (« triés … de Lille (59) ») under an empty « Trier par distance depuis »."""
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    assert api(page, base, "PUT", "/api/v1/profile", {"villes": [{"nom": "Lille (59)", "lat": 50.63, "lon": 3.06}]}).ok
    page.goto(base + "/formations/bts-services-comptabilite-et-gestion")
    assert "Lille (59)" in page.inner_text("main p[role=status]") and page.input_value("#ville") == "Lille (59)"
    page.click("main form[action*='#lieux'] button[type=submit]")  # sent as it stands: the same sort
    page.wait_for_load_state()
    assert "Lille (59)" in page.inner_text("main p[role=status]") and not page.locator("main .fr-alert--error").count()
    page.goto(base + "/formations/bts-services-comptabilite-et-gestion?ville=Lyon")
    assert page.input_value("#ville") == "Lyon"
    page.context.close()


def test_a_wishs_badges_do_not_touch(server, chromium):
    """« VŒU SIMPLE » and « RÈGLE À VÉRIFIER » touched on « Mes vœux » (the template's lines are trimmed: no space)."""
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    page.goto(base + "/")
    assert api(page, base, "PUT", "/api/v1/favourites/formations/licence-droit", {}).ok
    page.goto(base + "/mes-voeux")
    gaps = page.evaluate("""() => [...document.querySelectorAll('main .mps-wish .fr-badge + .fr-badge')].map((b) => {
        const a = b.previousElementSibling.getBoundingClientRect(), r = b.getBoundingClientRect();
        return r.top >= a.bottom ? 99 : Math.round(r.left - a.right); })""")
    assert gaps and min(gaps) >= 4, gaps
    page.context.close()
