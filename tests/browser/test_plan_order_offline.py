"""« Mes vœux » reordered offline in Chromium: « Monter » on the online page with the network gone and on
the offline page (drawn from IndexedDB) are kept on the device as set_position operations, the page
shows the new order (also after a reload), has no id twice, and once back online the server holds it."""
from __future__ import annotations

import json

from tests.browser.conftest import IDB_GET, poll, queue_length, wait_controlled

DUPLICATE_IDS = """() => { const seen = {}; document.querySelectorAll('[id]').forEach((e) => { seen[e.id] = (seen[e.id] || 0) + 1; });
  return Object.keys(seen).filter((k) => seen[k] > 1); }"""


ORDER_IS = """(want) => [...document.querySelectorAll('.mps-wish form[data-mps-plan-form]')].map((f) => f.dataset.id)
  .filter((v, i, a) => a.indexOf(v) === i).join() === want"""


def _three_favourites(page, base: str) -> list[dict]:
    """A BTS at 2 lycées (one multiple wish), a licence at 2 universities (two simple wishes of one favourite)
    and a BUT, in that order, picked from the API."""
    page.goto(f"{base}/connexion")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "mps_csrftoken")
    headers = {"x-csrftoken": token, "content-type": "application/json"}
    chosen = []
    for q, n in (("bts", 2), ("licence", 2), ("but", 1)):
        item = page.request.get(f"{base}/api/v1/formations", params={"q": q}).json()["items"][0]
        detail = page.request.get(f"{base}/api/v1/formations/{item['id']}").json()
        r = page.request.put(f"{base}/api/v1/favourites/formations/{item['id']}", headers=headers,
                             data=json.dumps({"places": [p["cod_aff_form"] for p in detail["places"][:n]]}))
        assert r.ok, r.text()
        chosen.append(detail)
    return chosen


MOVES = """() => [...document.querySelectorAll('.mps-wish')].map((li) => [li.querySelector('form[data-mps-plan-form]').dataset.id,
    [...li.querySelectorAll('.mps-order button')].map((b) => b.value).join()])"""


def _order(page) -> list[str]:
    """The favourite behind each wish, as the page lists them (both lists)."""
    ids = page.eval_on_selector_all(".mps-wish", "(lis) => lis.map((li) => li.querySelector('form[data-mps-plan-form]').dataset.id)")
    return list(dict.fromkeys(ids))


def test_wishes_moved_offline_keep_their_order_on_the_device_and_reach_the_server(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    bts, licence, but = (f["id"] for f in _three_favourites(page, base))
    page.goto(f"{base}/mes-voeux")
    wait_controlled(page)
    assert _order(page) == [bts, licence, but]
    assert page.evaluate(DUPLICATE_IDS) == []  # two wishes of the licence: each its own ids
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.wishes.length === 4))))",
         ["meta", "plan"], timeout_s=90)

    # The online page, network gone: « Monter » on the licence is kept on the device, the offline page shows it.
    context.set_offline(True)
    page.locator(f"form[data-mps-plan-move='{licence}'] button[value=haut]").first.click()
    page.wait_for_url("**/mes-voeux?deplace=*")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert "hors ligne" in page.title()
    assert _order(page) == [licence, bts, but]
    assert "Ordre enregistré sur ton appareil" in page.inner_text(".mps-plan")
    assert queue_length(page) >= 2

    # On the offline page itself: « Monter » on the BUT, drawn at once and again after a reload.
    but_wish = page.locator(".mps-wish", has=page.locator(f"form[data-id='{but}']"))
    but_wish.get_by_role("button", name="Monter").click()
    page.wait_for_function(ORDER_IS, arg=",".join([licence, but, bts]))
    assert "Ordre enregistré sur ton appareil" in page.inner_text(".mps-plan")
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert _order(page) == [licence, but, bts]
    ranks = [" ".join(t.split()).split(".")[0] for t in page.locator(".mps-wish h3").all_inner_texts()]
    assert ranks == ["1", "2", "3", "4"]  # numbered again in the new order
    # No « Monter » for the first favourite (both wishes of the licence), no « Descendre » for the last.
    assert page.evaluate(MOVES) == [[licence, "bas"], [licence, "bas"], [but, "haut,bas"], [bts, "haut"]]
    assert page.evaluate(DUPLICATE_IDS) == []

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    for _ in range(60):
        if queue_length(page) == 0:
            break
        page.wait_for_timeout(500)
    assert queue_length(page) == 0
    plan = page.request.get(f"{base}/api/v1/plan").json()
    assert list(dict.fromkeys(w["formation_ids"][0] for w in plan["wishes"])) == [licence, but, bts]
    page.goto(f"{base}/mes-voeux")  # online again: the server's page in the same order
    assert _order(page) == [licence, but, bts]
    assert page.evaluate(DUPLICATE_IDS) == []
    context.close()
