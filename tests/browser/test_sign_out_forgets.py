"""A shared family phone: after sign-out, and after deleting the account, this device holds nothing of the
previous student in IndexedDB (favourites, marks, queued edits, device id, stage ticks) nor in the service
worker's page caches. The pages tell the worker (CLEAR_USER_DATA) and empty IndexedDB themselves: the
Clear-Site-Data header is not honoured by every browser, nor ever over plain http."""
from __future__ import annotations

import uuid

from tests.browser.conftest import IDB_GET, poll, sign_in, wait_catalogue, wait_controlled

USER_STORES = ["favoris", "preferences", "marks", "queue", "meta", "checklist"]
PRIVATE_CACHES = ["mps-pages-v1", "mps-favoris-v1"]

# What is left of the person: {store: count} for non-empty stores, {cache: count} for non-empty caches.
LEFT = """async ([stores, cacheNames]) => {
    const left = {};
    const db = await new Promise((resolve) => {
        const req = indexedDB.open('mps');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
    });
    for (const store of stores) {
        if (!db || !db.objectStoreNames.contains(store)) continue;
        const n = await new Promise((resolve) => {
            const count = db.transaction(store).objectStore(store).count();
            count.onsuccess = () => resolve(count.result);
        });
        if (n) left[store] = n;
    }
    if (db) db.close();
    for (const name of cacheNames) {
        if (!(await caches.has(name))) continue;
        const n = (await (await caches.open(name)).keys()).length;
        if (n) left[name] = n;
    }
    return left;
}"""

# A favourite edited offline and not yet sent, a stage tick, a page kept offline: what a real session leaves.
PLANT = """async () => {
    const db = await new Promise((resolve) => { const r = indexedDB.open('mps'); r.onsuccess = () => resolve(r.result); });
    const tx = db.transaction(['queue', 'marks', 'favoris', 'checklist'], 'readwrite');
    tx.objectStore('marks').put({formation_id: 'fl1', kind: 'favori', deleted: false, version: 0, seq: 1});
    tx.objectStore('queue').put({op_id: 'op-test', device_id: 'd', ts: Date.now(), kind: 'add_favourite',
                                 formation_id: 'fl1', value: null, base: null});
    tx.objectStore('favoris').put({id: 'fl1', titre: 'BTS secret', url: '/formations/fl1', ajouteLe: Date.now()});
    tx.objectStore('checklist').put({op: 'c1', stage: 1, item: 'assurance', done: true, ts: Date.now()});
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
    await (await caches.open('mps-pages-v1')).put('/favoris', new Response('page privée'));
}"""


def ignoring_clear_site_data(context) -> None:
    """Answers as a browser that ignores Clear-Site-Data sees them (Safari before 17, any browser over http)."""
    def strip(route):
        response = route.fetch(max_redirects=0)
        route.fulfill(response=response, headers={k: v for k, v in response.headers.items()
                                                  if k.lower() != "clear-site-data"})
    for path in ("/deconnexion", "/mes-donnees/supprimer"):
        context.route(f"**{path}", strip)


def left_of_person(page) -> dict:
    return page.evaluate(LEFT, [USER_STORES, PRIVATE_CACHES])


def signed_in_with_data(chromium, server):
    base = server["url"]
    context = chromium.new_context()
    ignoring_clear_site_data(context)
    page = context.new_page()
    page.goto(base + "/")
    wait_controlled(page)
    wait_catalogue(page)
    sign_in(page, base, server["tmp"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr")
    page.goto(f"{base}/favoris")
    poll(page, IDB_GET, ["meta", "lastSync"])  # the page's own sync is done: what is planted now stays queued
    page.evaluate(PLANT)
    assert {"marks", "meta", "queue", "favoris", "checklist", "mps-pages-v1"} <= set(left_of_person(page))
    return context, page


def test_after_sign_out_the_device_holds_nothing_of_the_student(server, chromium):
    context, page = signed_in_with_data(chromium, server)
    page.goto(server["url"] + "/compte")
    page.click("form[action='/deconnexion'] button[type=submit]")
    page.wait_for_selector("[data-mps-forgotten]")
    assert left_of_person(page) == {}
    context.close()


def test_after_deleting_the_account_the_device_holds_nothing_of_the_student(server, chromium):
    context, page = signed_in_with_data(chromium, server)
    page.goto(server["url"] + "/mes-donnees")
    page.check("input[name=confirm]", force=True)
    page.click("form[action='/mes-donnees/supprimer'] button[type=submit]")
    page.wait_for_selector("[data-mps-forgotten]")
    assert left_of_person(page) == {}
    context.close()
