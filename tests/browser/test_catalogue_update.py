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
