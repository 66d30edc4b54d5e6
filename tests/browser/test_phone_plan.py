"""« Mes vœux » on a phone (375 px) and a desktop, as the walk of 3 Dec 2026 found it.

The four export buttons (print, PDF, CSV, agenda: 240 px at 375 px) stood between the next dates and the wishes; a
wish's links (« Parcoursup » of each place, « La formation sur ONISEP », « Choisir où candidater ») were 21 px high,
under WCAG 2.2's 24 px (2.5.8) and far from a thumb's 44 px."""
from __future__ import annotations

from tests.browser.people import api
from tests.browser.test_phone_walk import student_on_a_phone

WISH_LINKS = """() => [...document.querySelectorAll('main .mps-wish a')].filter((a) => a.getClientRects().length)
    .map((a) => [a.textContent.trim(), Math.round(a.getBoundingClientRect().height)])"""
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def plan_with_places_and_without(page, base: str) -> None:
    """Three favourites: one with two places chosen (a « Parcoursup » link each), two without (« Choisir où … »)."""
    page.goto(base + "/formations/but-informatique")
    places = page.eval_on_selector_all("main a[href^='/fiches/']",
                                       "(links) => [...new Set(links.map((a) => a.getAttribute('href').split('/').pop()))]")
    assert len(places) >= 2
    for fid in ("but-informatique", "licence-droit", "bts-services-comptabilite-et-gestion"):
        assert api(page, base, "PUT", f"/api/v1/favourites/formations/{fid}", {}).ok
    assert api(page, base, "PUT", "/api/v1/favourites/formations/but-informatique", {"places": places[:2]}).ok


def test_the_plans_exports_come_after_the_wishes(server, chromium):
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    plan_with_places_and_without(page, base)
    page.goto(base + "/mes-voeux")
    tops = page.evaluate("""() => { const top = (e) => e.getBoundingClientRect().top + scrollY;
        const wishes = [...document.querySelectorAll('main .mps-wish')];
        return {dates: top(document.getElementById('dates-titre')), first: top(wishes[0]),
                last: wishes.at(-1).getBoundingClientRect().bottom + scrollY,
                exports: ['/mes-voeux.pdf', '/api/v1/plan.csv', '/mes-voeux.ics']
                    .map((href) => top(document.querySelector(`main a[href="${href}"]`)))}; }""")
    assert tops["dates"] < tops["first"] and all(t > tops["last"] for t in tops["exports"]), tops
    assert page.get_by_role("heading", name="Garder ton brouillon").count() == 1
    # Nothing between the dates and the first wish but the list's heading: the student reads the wishes next.
    assert tops["first"] - tops["dates"] < 500, tops
    assert page.evaluate(OVERFLOW) <= 0
    # « Monter » on the first favourite and « Descendre » on the last moved nothing (« Favoris » had none).
    moves = page.evaluate("""() => [...document.querySelectorAll('main .mps-wish')].map((li) =>
        [...li.querySelectorAll('.mps-order button')].map((b) => b.value).join())""")
    assert moves == ["bas", "haut,bas", "haut"], moves
    page.context.close()


def test_a_wishs_links_are_a_thumb_high_on_a_phone_and_a_line_high_on_a_desktop(server, chromium):
    base = server["url"]
    page = student_on_a_phone(server, chromium)
    plan_with_places_and_without(page, base)
    page.goto(base + "/mes-voeux")
    links = page.evaluate(WISH_LINKS)
    names = [name for name, _ in links]
    assert sum(n.startswith("Parcoursup") for n in names) == 2, names
    assert sum(n.startswith("Choisir où candidater") for n in names) == 2, names
    assert sum(n.startswith("La formation sur ONISEP") for n in names) == 3, names
    assert [(name, h) for name, h in links if h < 44] == [], links
    # The underline stays under the text, not at the bottom of the thumb's room.
    underline = page.evaluate("""() => { const a = document.querySelector('main .mps-wish a[href*="onisep"]');
        return getComputedStyle(a).backgroundOrigin; }""")
    assert set(underline.split(", ")) == {"content-box"}, underline
    page.set_viewport_size({"width": 1280, "height": 900})
    desktop = page.evaluate(WISH_LINKS)
    assert [(name, h) for name, h in desktop if h < 24] == [], desktop
    assert any(h < 44 for _, h in desktop)  # a desktop keeps the text's own line
    page.context.close()


def test_an_empty_plan_offers_nothing_to_export(server, chromium):
    page = student_on_a_phone(server, chromium)
    page.goto(server["url"] + "/mes-voeux")
    assert page.locator("main a[href='/mes-voeux.pdf']").count() == 0
    assert "Aucun pour l'instant" in page.inner_text("main")
    assert page.evaluate(OVERFLOW) <= 0
    page.context.close()

