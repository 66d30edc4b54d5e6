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


QUEUE_FAVOURITE = """async (fid) => {
    const db = await new Promise((resolve) => { const r = indexedDB.open('mps'); r.onsuccess = () => resolve(r.result); });
    const tx = db.transaction(['queue'], 'readwrite');
    tx.objectStore('queue').put({op_id: 'op-' + fid, device_id: 'd-test', ts: Date.now(), kind: 'add_favourite',
                                 formation_id: fid, value: null, base: []});
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
}"""


def student_with_a_queued_favourite(chromium, server, email):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(server["url"] + "/")
    wait_controlled(page)
    sign_in(page, server["url"], server["tmp"], email)
    page.goto(server["url"] + "/favoris")
    poll(page, IDB_GET, ["meta", "lastSync"])
    context.route("**/api/v1/sync", lambda route: route.abort())  # no network for sync: the edit stays queued
    page.goto(server["url"] + "/compte")
    page.wait_for_load_state("networkidle")  # the page's own sync has tried and failed
    page.evaluate(QUEUE_FAVOURITE, "licence-psychologie")  # made offline, not sent yet
    return context, page


def favourites_on_the_server(chromium, server, email) -> str:
    context = chromium.new_context()
    page = context.new_page()
    sign_in(page, server["url"], server["tmp"], email)
    text = page.request.get(server["url"] + "/api/v1/favourites").text()
    context.close()
    return text


def test_sign_out_sends_the_edits_still_queued_before_forgetting_them(server, chromium):
    email = f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr"
    context, page = student_with_a_queued_favourite(chromium, server, email)
    context.unroute("**/api/v1/sync")  # back online just before signing out
    page.click("form[action='/deconnexion'] button[type=submit]")
    page.wait_for_selector("[data-mps-forgotten]")
    context.close()
    assert "licence-psychologie" in favourites_on_the_server(chromium, server, email)


def test_sign_out_asks_before_losing_edits_it_could_not_send(server, chromium):
    email = f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr"
    context, page = student_with_a_queued_favourite(chromium, server, email)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("form[action='/deconnexion'] button[type=submit]")
    for _ in range(200):  # the handler tries to send first (up to 8 s), then asks
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and "1 modification" in asked[0] and "perdue" in asked[0]
    assert page.url.endswith("/compte") and page.evaluate(IDB_GET, ["queue", "op-licence-psychologie"])  # kept
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("form[action='/deconnexion'] button[type=submit]")
    page.wait_for_selector("[data-mps-forgotten]")  # chosen: signed out, the device forgets
    context.close()
