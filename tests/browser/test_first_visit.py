"""A first visit in Chromium at 375 px: at most 150 KB on the wire (bench/page_weight.py measures it the
same way), no Marianne Medium file (weight 500 is drawn by the Bold already loaded), no DSFR icon file
(inlined in the CSS), and no « Mes vœux » fetched for a student with no favourite: the plan is kept on the
device once there is a favourite, or when « Tes étapes » or « Mes vœux » is opened."""
from __future__ import annotations

from tests.browser.conftest import IDB_GET, poll, wait_controlled

BUDGET = 150 * 1024  # docs/benchmarks.md, first visit
PAGES = ["/", "/recherche?q=bts+compta+lille", "/formations/but-informatique?ville=Nantes", "/fiches/7901"]
SYNCED = "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((v) => r(Boolean(v))))"


def _visit(chromium, url: str):
    """A new device's first visit: the page, its context and what went over the wire {url: bytes}."""
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, int] = {}
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    poll(page, SYNCED, ["meta", "lastSync"], timeout_s=60)  # the first sync is done
    page.wait_for_timeout(300)  # what it leads to (formerly GET /api/v1/plan) has started
    return page, context, {urls.get(rid, "?"): n for rid, n in sizes.items()}


def test_a_first_visit_stays_under_the_budget_without_medium_icons_files_or_plan(server, chromium):
    for path in PAGES:
        page, context, sent = _visit(chromium, server["url"] + path)
        total = sum(sent.values())
        assert total <= BUDGET, f"{path}: {total / 1024:.1f} KB > 150 KB: {sorted(sent.items(), key=lambda kv: -kv[1])[:8]}"
        assert not [u for u in sent if "Marianne-Medium" in u or "/static/dsfr/" in u or "/api/v1/plan" in u], path
        # Buttons (font-weight 500) use the Bold face, declared for 500 to 700; icons come from the CSS.
        faces = page.evaluate("() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.weight)")
        assert "500 700" in faces, faces
        mask = page.evaluate("""() => getComputedStyle(document.querySelector('.fr-header .fr-btn--menu'), '::before')
                                .getPropertyValue('mask-image')""")
        assert mask.startswith('url("data:image/svg+xml'), mask
        context.close()


def test_the_plan_is_kept_on_the_device_once_there_is_a_favourite(server, chromium):
    page, context, _sent = _visit(chromium, server["url"] + "/formations/but-informatique")
    assert page.evaluate(IDB_GET, ["meta", "plan"]) is None
    page.click("#favori button[type=submit]")  # saved on the server, pulled by the next sync
    page.wait_for_selector("#favori .fr-badge")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # that sync, now
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.wishes.length === 1))))",
         ["meta", "plan"], timeout_s=60)
    context.close()


def test_opening_the_timeline_keeps_the_plan_and_its_deadlines_with_no_favourite(server, chromium):
    page, context, _sent = _visit(chromium, server["url"] + "/")
    assert page.evaluate(IDB_GET, ["meta", "plan"]) is None
    page.goto(server["url"] + "/etapes")
    wait_controlled(page)
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.deadlines.length))))",
         ["meta", "plan"], timeout_s=60)
    context.close()
