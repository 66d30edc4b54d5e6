"""A new catalogue snapshot reaches the device, and one cut short or garbled never replaces the good one
(lib/catalogue.js refreshCatalogue): the offline search keeps working on the copy the device had."""
from __future__ import annotations

import json

from tests.browser.conftest import idb_get, wait_catalogue, wait_controlled

REFRESH = """() => navigator.serviceWorker.ready.then((r) => new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = (e) => resolve(e.data.result);
    r.active.postMessage({type: 'REFRESH_CATALOGUE'}, [ch.port2]);
}))"""


def answer(body: str, etag: str):
    """A route handler (one argument: Playwright passes the request too to a handler that takes two)."""
    return lambda route: route.fulfill(status=200, body=body, headers={"content-type": "application/json", "etag": etag})


def test_a_corrupt_or_cut_snapshot_never_replaces_the_one_on_the_device(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = context.new_page()
    page.goto(base + "/")
    wait_controlled(page)
    wait_catalogue(page)
    good_etag = idb_get(page, "catalogue", "etag")
    real = page.request.get(base + "/api/v1/catalogue/snapshot").text()
    garbled = json.loads(real)
    garbled["places"] = [[-1] * len(garbled["place_fields"])]  # format 7, but its places name no formation
    bodies = {"cut": real[: len(real) // 2], "garbled": json.dumps(garbled), "empty": json.dumps({
        **garbled, "formations": [], "places": []})}
    for name, body in bodies.items():
        context.route("**/api/v1/catalogue/snapshot", answer(body, f'"{name}"'))
        assert page.evaluate(REFRESH) == "corrupt", name
        assert idb_get(page, "catalogue", "etag") == good_etag, name
        context.unroute("**/api/v1/catalogue/snapshot")
    page.goto(base + "/hors-ligne/app")
    found = page.evaluate("async () => (await window.mpsOffline.loadCatalogue()).formations.length")
    assert found > 700
    # A real new snapshot (another ETag) is taken.
    context.route("**/api/v1/catalogue/snapshot", answer(real, '"next"'))
    assert page.evaluate(REFRESH) == "updated"
    assert idb_get(page, "catalogue", "etag") == '"next"'
    context.close()


def test_a_new_snapshot_is_said_at_the_bottom_of_the_window_without_moving_the_page(server, chromium):
    """A first download says nothing (nothing was replaced); a snapshot replacing the device's says « Le catalogue
    a été mis à jour » with what its counts changed, in a bar over the bottom of the window: the results stay put.
    « Tu es hors ligne », when the network goes meanwhile, stacks above it."""
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = context.new_page()
    page.goto(base + "/recherche?q=bts+compta")
    wait_controlled(page)
    wait_catalogue(page)
    page.wait_for_timeout(4000)  # the page's own refresh (3 s after load) has answered
    assert page.locator(".mps-catalogue-notice").count() == 0
    real = json.loads(page.request.get(base + "/api/v1/catalogue/snapshot").text())
    # The next catalogue: one formation fewer (its places with it), still one the device can read.
    last = len(real["formations"]) - 1
    at = real["place_fields"].index("formation")
    fewer = [p for p in real["places"] if p[at] != last]
    links = {job: [i for i in ix if i != last] for job, ix in real.get("metier_links", {}).items()}
    smaller = {**real, "formations": real["formations"][:last], "places": fewer, "metier_links": links}
    context.route("**/api/v1/catalogue/snapshot", answer(json.dumps(smaller), '"next"'))
    page.goto(base + "/recherche?q=bts+compta")
    first = page.locator(".mps-results > li").first
    top = first.bounding_box()["y"]
    notice = page.locator(".mps-catalogue-notice")
    notice.wait_for(timeout=15000)
    gone = len(real["places"]) - len(fewer)
    places = f"{gone} lieux de formation" if gone > 1 else "1 lieu de formation"
    assert " ".join(notice.inner_text().split()).startswith(
        f"Le catalogue a été mis à jour. 1 formation en moins, {places} en moins.")
    assert first.bounding_box()["y"] == top  # nothing moved
    bar = notice.bounding_box()
    assert bar["y"] + bar["height"] == 812 and bar["width"] == 375
    assert idb_get(page, "catalogue", "summary")["formations"] == last
    # The network goes while it shows: « Tu es hors ligne » stacks above it; the two overlapped.
    context.set_offline(True)
    offline = page.locator(".mps-offline-notice")
    offline.wait_for(timeout=5000)
    above = offline.bounding_box()
    assert above["y"] + above["height"] <= notice.bounding_box()["y"] and above["y"] > 0
    assert notice.bounding_box()["y"] + notice.bounding_box()["height"] == 812
    assert first.bounding_box()["y"] == top
    context.set_offline(False)
    offline.wait_for(state="detached", timeout=5000)
    notice.get_by_role("button", name="Masquer le message").click()
    assert notice.count() == 0
    context.close()
