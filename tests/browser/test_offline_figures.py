"""Offline pages read as online: a place's key figures « 135 places pour 1 858 candidats » (thin space, not « 1858 »);
a search result's place taught at a distance names its département (« — (93) » had no town)."""
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


def test_a_remote_place_names_its_departement_offline(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)
    items = page.request.get(f"{base}/api/v1/formations", params={"q": "licence droit"}).json()["items"]
    remote = next(p for item in items for p in item["places"] if p["remote"] and not p["commune"])
    context.set_offline(True)
    page.goto(f"{base}/recherche?q=licence+droit")
    page.wait_for_selector(".mps-results .mps-places li")
    assert "hors ligne" in page.title()
    lines = page.eval_on_selector_all(".mps-places > li", "(lis) => lis.map((li) => li.textContent.replace(/\\s+/g, ' '))")
    assert [line for line in lines if "— (" in line] == [], lines
    assert any("à distance" in line for line in lines), lines  # the remote place was drawn
    page.goto(f"{base}/fiches/{remote['cod_aff_form']}")  # its own page: « (93) · académie de Créteil »
    page.wait_for_selector("main dl dd")
    assert "hors ligne" in page.title()
    assert f"{remote['departement']} (" in page.inner_text("main")
    context.close()
