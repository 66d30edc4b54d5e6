"""On a phone (375 px): what a thumb taps is 44 px high at least, and the family link is copied in one tap.

Seen on the UX walk: DSFR's buttons (40 px) and its small controls (« J'aime », « Pas intéressé », « Monter », « Descendre », « Liste » /
« Carte », page numbers, filter tags) were 32 px high; the family link was plain text to select by hand."""
from __future__ import annotations

import uuid

from tests.browser.conftest import poll, sign_in
from tests.browser.people import api, first_formation, post_form

PHONE = {"width": 375, "height": 800}
# What a page shows as a control: DSFR buttons, links drawn as tags, page numbers.
TAPPABLE = "main .fr-btn, main a.fr-tag, main button.fr-tag, main .fr-pagination__link"
HEIGHTS = f"""() => [...document.querySelectorAll('{TAPPABLE}')]
    .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => [e.innerText.trim().split('\\n')[0], Math.round(e.getBoundingClientRect().height),
                 e.scrollWidth <= e.clientWidth + 1, Math.round(e.getBoundingClientRect().width)])"""


def test_every_control_a_student_taps_is_44_px_high_on_a_phone(server, chromium):
    """And none shows the text an icon-only control hides (the search button, « Suivante »): made wider than
    DSFR's 40 px, its hidden label peeks out beside the icon."""
    base = server["url"]
    page = chromium.new_page(viewport=PHONE)
    sign_in(page, base, server["tmp"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr")
    for q in ("bts+informatique", "licence+droit"):
        fid, _ = first_formation(page, base, q)
        assert post_form(page, base, "/favoris/ajouter", {"formation_id": fid, "next": "/favoris"}).ok
    profile = {"situation": "quelques_pistes", "classe": "terminale", "bac": "Générale",
               "specialites": ["Mathématiques", "Numérique et Sciences Informatiques (NSI)"], "interets": ["ci7"]}
    assert api(page, base, "PUT", "/api/v1/profile", profile).ok
    seen = set()
    # The stage board's « Liste » / « Carte » show only with offers: measured in test_phone_walk.py (demo offers).
    for path in ("/suggestions", "/favoris", "/mes-voeux", "/recherche?q=bts", "/stages?autour=Lille&rayon=20"):
        page.goto(base + path)
        heights = page.evaluate(HEIGHTS)
        assert heights, path
        seen |= {label for label, *_ in heights}
        assert [(label, h) for label, h, *_ in heights if h < 44] == [], path
        assert [label for label, _, whole, width in heights if not whole and width > 40] == [], path
    # The controls the walk found too small are among those measured.
    assert {"J'aime", "Pas intéressé", "Monter", "Descendre"} <= seen, seen
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps DSFR's own sizes
    page.goto(base + "/mes-voeux")  # small buttons (« Monter ») and others (« Télécharger en PDF »)
    assert {32, 40} <= {h for _, h, *_ in page.evaluate(HEIGHTS)}
    page.context.close()


def test_the_family_link_is_copied_in_one_tap(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport=PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    sign_in(page, base, server["tmp"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr")
    page.goto(base + "/famille")
    page.fill("#label", "Maman")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    field = page.locator("main input[readonly][id^='lien-']")
    url = field.input_value()
    assert "/partage/" in url and page.locator(f"label[for='{field.get_attribute('id')}']").count() == 1
    page.get_by_role("button", name="Copier le lien : Maman").click()
    assert poll(page, "() => navigator.clipboard.readText()") == url
    poll(page, "() => document.getElementById('mps-update').textContent.includes('Lien copié')", timeout_s=5)
    box = page.get_by_role("button", name="Copier le lien : Maman").bounding_box()
    assert box["height"] >= 44
    context.close()
