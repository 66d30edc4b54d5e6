"""A place's key figures offline read as online: « 135 places pour 1 858 candidats » (thin space), not « 1858 »."""
from __future__ import annotations

from tests.browser.test_offline import ready


def test_a_places_figures_offline_set_thousands_apart(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)
    places = page.request.get(f"{base}/api/v1/formations/but-informatique").json()["places"][:12]
    details = [page.request.get(f"{base}/api/v1/places/{p['cod_aff_form']}").json() for p in places]
    place = next(p for p in details if p["capacity"] and (p["candidates"] or 0) >= 1000)
    online = page.request.get(f"{base}/fiches/{place['cod_aff_form']}").text()
    context.set_offline(True)
    page.goto(f"{base}/fiches/{place['cod_aff_form']}")
    page.wait_for_selector("main dl dd")
    assert "hors ligne" in page.title()
    figures = page.inner_text("main dl")
    candidates = f"{place['candidates']:,}".replace(",", "\u202f")
    sentence = f"{place['capacity']} places pour {candidates} candidats."
    assert sentence in figures and sentence in online, figures
    context.close()
