"""Links tapped on their own, not read in a sentence, are a thumb high on a phone and a line high on a desktop.

Seen on the walk of 3 Dec 2026 at 375 px: a search result's places (« Lycée Ampère »), a formation page's « Profil
des admis et chiffres » and « Fiche Parcoursup » were 21 px boxes, under WCAG 2.2's 24 px (2.5.8). « Mes vœux »
is measured in test_phone_plan.py."""
from __future__ import annotations

from tests.browser.test_phone_walk import PHONE

# page -> its links, and whether each stays on one line (« Fiche Parcoursup » broke after « Fiche » at 375 px)
LINKS = {
    "/recherche?q=bts+compta&ville=Lyon&rayon=30": ("main .mps-places > li > a", False),
    "/formations/bts-services-comptabilite-et-gestion": ("main .mps-place-list .fr-link", True),
}
# Each link: its text, the height of its lowest line box (a long name wraps: each line is tapped), its lines, its right.
MEASURE = """(selector) => [...document.querySelectorAll(selector)].filter((a) => a.getClientRects().length)
    .map((a) => { const lines = [...a.getClientRects()].filter((r) => r.width > 1);
                  return [a.textContent.trim(), Math.round(Math.min(...lines.map((r) => r.height))), lines.length,
                          Math.round(Math.max(...lines.map((r) => r.right)))]; })"""
# The height of each link's line (its parent) as drawn, then without the links' padding: the padding widens what a
# tap hits, never the distance between lines (a 44 px inline-block made its line 20 px taller).
SAME_LINES = """(selector) => { const links = [...document.querySelectorAll(selector)];
    const heights = () => links.map((a) => a.parentElement.getBoundingClientRect().height);
    const drawn = heights();
    links.forEach((a) => { a.style.padding = '0'; });
    const bare = heights();
    links.forEach((a) => { a.style.padding = ''; });
    return drawn.every((h, i) => Math.abs(h - bare[i]) < 1); }"""


def test_links_tapped_on_their_own_are_44_px_on_a_phone_and_24_on_a_desktop(server, chromium):
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    for path, (selector, one_line) in LINKS.items():
        page.goto(server["url"] + path)
        links = page.evaluate(MEASURE, selector)
        assert len(links) >= 3, path
        assert [link for link in links if link[1] < 44 or link[3] > PHONE["width"]] == [], path
        if one_line:
            assert [link for link in links if link[2] != 1] == [], path
        assert page.evaluate(SAME_LINES, selector), path
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], path
    page.set_viewport_size({"width": 1280, "height": 900})
    for path, (selector, _) in LINKS.items():
        page.goto(server["url"] + path)
        links = page.evaluate(MEASURE, selector)
        assert [link for link in links if not 24 <= link[1] < 44] == [], path  # a line high: DSFR's look
    page.context.close()


def test_the_footers_links_never_break_inside(server, chromium):
    """« Je donne mon avis » broke after « Je » at 375 px."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/")
    lines = page.evaluate("""() => [...document.querySelectorAll('.fr-footer__bottom-link')]
        .map((a) => [a.textContent.trim(), a.getClientRects().length])""")
    assert ["Je donne mon avis", 1] in lines and [line for line in lines if line[1] != 1] == [], lines
    page.context.close()


def test_a_stage_search_with_no_offer_says_so_and_offers_no_view_to_switch(server, chromium):
    """« 0 offre à moins de 20 km de Lille (59) » above « Liste » and « Carte » buttons, with nothing to list or map.
    The session's server shows no demo offer, and no test posts one in Corsica (other tests post in Lille)."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/stages?autour=Ajaccio&rayon=20")
    count = page.inner_text("main h2 >> nth=0")
    assert count.startswith("Aucune offre à moins de 20 km") and "Ajaccio" in count, count
    assert page.locator("main a", has_text="Carte").count() == 0 and page.locator("main .fr-callout").count() == 1
    page.context.close()


# The width of a field's placeholder in its own font, and the room the field gives it.
PLACEHOLDER_FITS = """(selector) => { const input = document.querySelector(selector), style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [Math.ceil(ctx.measureText(input.placeholder).width), Math.floor(room)]; }"""


def test_the_home_searchs_example_shows_whole_on_a_phone(server, chromium):
    """« bts compta lille, licence psycho l » at 375 px: the example was cut, its label hidden (DSFR search bar)."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True)
    page.goto(server["url"] + "/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    width, room = page.evaluate(PLACEHOLDER_FITS, "#home-q")
    assert width <= room, (width, room)
    page.context.close()


def test_a_radio_button_is_tapped_on_a_44_px_label(server, chromium):
    """« Tu es… » on the sign-in page, « Où en es-tu ? », the feedback's note: DSFR's radio label is a 24 px line. On
    a phone the label, circle included, is the 44 px target: a tap under the text, in the circle's column, ticks it."""
    page = chromium.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(server["url"] + "/connexion")
    labels = page.locator("main .fr-radio-group label")
    assert labels.count() == 4
    for i in (1, 3, 0):
        label = labels.nth(i)
        label.scroll_into_view_if_needed()  # a tap lands on the screen only
        box = label.bounding_box()
        assert box["height"] >= 44, label.inner_text()
        page.touchscreen.tap(box["x"] + 4, box["y"] + box["height"] - 3)
        assert page.locator(f"#{label.get_attribute('for')}").is_checked(), label.inner_text()
    # The circle (a background of the label) stays level with the label's first line of text.
    circle_y = page.evaluate("""() => getComputedStyle(document.querySelector('main .fr-radio-group label'))
        .backgroundPositionY.split(',')[0].trim()""")
    assert "0.375rem" in circle_y or "7px" in circle_y, circle_y
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps DSFR's size
    assert labels.first.bounding_box()["height"] < 44
    page.context.close()
