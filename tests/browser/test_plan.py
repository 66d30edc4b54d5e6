"""« Mes vœux » in Chromium: the page printed to PDF holds the wishes (print CSS, A4), an edit made
offline on the page reaches the server once back online, and offline the page is drawn from the
device (the plan counted at the last sync, with the edits made since)."""
from __future__ import annotations

import io
import json

from pypdf import PdfReader

from tests.browser.conftest import IDB_GET, poll, queue_length, wait_controlled


def _plan_with_two_formations(page, base: str) -> list[dict]:
    """Two real favourites with places, picked from the API (a BTS at 3 lycées and a licence)."""
    page.goto(f"{base}/connexion")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "mps_csrftoken")
    headers = {"x-csrftoken": token, "content-type": "application/json"}
    chosen = []
    for q in ("bts", "licence"):
        item = page.request.get(f"{base}/api/v1/formations", params={"q": q}).json()["items"][0]
        detail = page.request.get(f"{base}/api/v1/formations/{item['id']}").json()
        places = [p["cod_aff_form"] for p in detail["places"][:3 if q == "bts" else 1]]
        r = page.request.put(f"{base}/api/v1/favourites/formations/{item['id']}", headers=headers,
                             data=json.dumps({"places": places}))
        assert r.ok, r.text()
        chosen.append(detail)
    return chosen


def test_printed_page_holds_every_wish_without_the_site_chrome(server, chromium):
    base = server["url"]
    page = chromium.new_page()
    chosen = _plan_with_two_formations(page, base)
    page.goto(f"{base}/mes-voeux")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 2 and abs(float(box.height) - 842) < 2  # A4 in points
    assert "Mes vœux Parcoursup" in text
    for f in chosen:
        assert " ".join(f["label"].split())[:30] in text
    assert " ".join(chosen[0]["places"][0]["etablissement"].split())[:20] in text
    for chrome in ("Rechercher une formation", "Suivi et note", "Télécharger en PDF", "Monter"):
        assert chrome not in text  # navigation, forms and buttons stay off paper
    page.context.close()


def test_an_offline_edit_on_the_plan_reaches_the_server(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = context.new_page()
    chosen = _plan_with_two_formations(page, base)
    fid = chosen[1]["id"]
    page.goto(f"{base}/mes-voeux")
    wait_controlled(page)
    context.set_offline(True)
    form = page.locator(f"form[data-id='{fid}']")
    form.locator("xpath=..").locator("summary").click()
    form.locator("input[name=ajoute]").first.check(force=True)
    form.locator("textarea[name=note]").fill("Vu au salon")
    form.locator("button[type=submit]").click()
    status = _status(page, fid)
    page.wait_for_selector(f"{status} p")
    assert "enregistré sur ton appareil" in page.inner_text(status)
    assert queue_length(page) >= 2
    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")

    def on_server():
        plan = page.request.get(f"{base}/api/v1/plan").json()
        return [w for w in plan["wishes"] if w["formation_ids"] == [fid] and w["on_parcoursup"]
                and w["note"] == "Vu au salon"]
    deadline = 60
    while not on_server() and deadline:
        page.wait_for_timeout(500)
        deadline -= 1
    assert on_server(), "the offline edit reached the server"
    context.close()


def _status(page, fid: str) -> str:
    """The selector of the message under a favourite's form (its first wish): #statut-<id>[-<place>]."""
    return "#" + page.locator(f"form[data-mps-plan-form][data-id='{fid}']").first.get_attribute("data-status")


def _wishes(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".mps-wish h3").all_inner_texts()]


def _counts(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".mps-plan-counts li").all_inner_texts()]


def test_offline_the_plan_page_is_drawn_from_the_device_and_its_edits_reach_the_server(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    bts, licence = _plan_with_two_formations(page, base)
    page.goto(f"{base}/mes-voeux")
    wait_controlled(page)
    online_wishes, online_counts = _wishes(page), _counts(page)
    assert len(online_wishes) == 2
    # Seen online, the plan is kept on the device as the server counted it.
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.wishes.length === 2))))",
         ["meta", "plan"], timeout_s=90)

    context.set_offline(True)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert "hors ligne" in page.title()
    assert "dernier passage en ligne" in page.inner_text(".mps-plan")
    assert _wishes(page) == online_wishes and _counts(page) == online_counts

    # Offline edit of the licence's wish: kept on the device, shown at once, and after a reload.
    form = page.locator(f"form[data-id='{licence['id']}']")
    form.locator("xpath=..").locator("summary").click()
    form.locator("input[name=ajoute]").first.check(force=True)
    form.locator("textarea[name=note]").fill("Dossier prêt, écrit hors ligne")
    form.locator("button[type=submit]").click()
    status = _status(page, licence["id"])
    page.wait_for_selector(f"{status} p")
    assert "enregistré sur ton appareil" in page.inner_text(status)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    licence_wish = page.locator(".mps-wish", has_text="Dossier prêt, écrit hors ligne")
    assert "Déjà sur Parcoursup" in licence_wish.text_content()
    assert "1 / 2 vœux déjà ajoutés sur Parcoursup" in _counts(page)

    # The BTS removed from the favourites offline leaves the plan and its count.
    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list li")
    queued = queue_length(page)
    page.locator(f"#f-{bts['id']} [data-slot=remove]").click()
    for _ in range(50):  # recorded before leaving the page (the click's handler is asynchronous)
        if queue_length(page) > queued:
            break
        page.wait_for_timeout(100)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert len(_wishes(page)) == 1 and "Dossier prêt" in page.text_content(".mps-wish")
    assert _counts(page)[0].startswith("1 / 10")

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    for _ in range(60):
        if queue_length(page) == 0:
            break
        page.wait_for_timeout(500)
    plan = page.request.get(f"{base}/api/v1/plan").json()
    assert [w["formation_ids"] for w in plan["wishes"]] == [[licence["id"]]]
    assert plan["wishes"][0]["on_parcoursup"] and plan["wishes"][0]["note"] == "Dossier prêt, écrit hors ligne"
    context.close()


def test_offline_a_sub_wish_is_marked_on_the_device_and_the_server_gets_that_one_only(server, chromium):
    """The offline /mes-voeux (IndexedDB): ticking one sub-wish of the BTS is kept on the device, counted
    there, and once back online the server holds that place marked and not the BTS's other places."""
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    bts, _licence = _plan_with_two_formations(page, base)
    codes = [p["cod_aff_form"] for p in bts["places"][:3]]
    page.goto(f"{base}/mes-voeux")
    wait_controlled(page)
    # Both wishes on the device before going offline: a plan stored while the page still held one made « 0 / 1 ».
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.wishes.length === 2))))",
         ["meta", "plan"], timeout_s=90)
    context.set_offline(True)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert "hors ligne" in page.title()
    form = page.locator(f"form[data-id='{bts['id']}']")
    form.locator("xpath=..").locator("summary").click()
    boxes = form.locator("input[name=ajoute]")
    assert boxes.count() == len(codes)  # a multiple wish (BTS): one box per sub-wish
    form.locator(f"input[name=ajoute][value='{codes[1]}']").check(force=True)
    form.locator("button[type=submit]").click()
    page.wait_for_selector(f"{_status(page, bts['id'])} p")
    assert queue_length(page) == 1
    page.goto(f"{base}/mes-voeux")  # drawn again from the device
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert page.locator(f"form[data-id='{bts['id']}'] input[name=ajoute][value='{codes[1]}']").is_checked()
    assert not page.locator(f"form[data-id='{bts['id']}'] input[name=ajoute][value='{codes[0]}']").is_checked()
    assert "1 sur 3 sous-vœux déjà sur Parcoursup" in page.locator(".mps-wish", has=form).text_content()
    assert "0 / 2 vœux déjà ajoutés sur Parcoursup" in _counts(page)  # the wish is not all added yet

    context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    for _ in range(60):
        if queue_length(page) == 0:
            break
        page.wait_for_timeout(500)
    plan = page.request.get(f"{base}/api/v1/plan").json()
    marked = {p["cod_aff_form"]: p["on_parcoursup"] for w in plan["wishes"] if bts["id"] in w["formation_ids"]
              for p in w["places"]}
    assert marked == {c: c == codes[1] for c in codes}
    context.close()


def _plan_over_the_limit(page, base: str) -> tuple[list[str], int]:
    """Favourites, one school place each, until the server counts one wish more than the session allows."""
    page.goto(f"{base}/connexion")
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "mps_csrftoken")
    headers = {"x-csrftoken": token, "content-type": "application/json"}
    limit = page.request.get(f"{base}/api/v1/plan").json()["counts"]["school_limit"]
    chosen, school = [], 0
    for q in ("licence", "bts", "but", "classe", "ecole", "diplome", "master", "formation"):
        for item in page.request.get(f"{base}/api/v1/formations", params={"q": q}).json()["items"]:
            places = [p for p in page.request.get(f"{base}/api/v1/formations/{item['id']}").json()["places"]
                      if not p.get("apprenticeship")]
            if school > limit or item["id"] in chosen or not places:
                continue
            r = page.request.put(f"{base}/api/v1/favourites/formations/{item['id']}", headers=headers,
                                 data=json.dumps({"places": [places[0]["cod_aff_form"]]}))
            assert r.ok, r.text()
            chosen.append(item["id"])
            school = page.request.get(f"{base}/api/v1/plan").json()["counts"]["school"]
    assert school == limit + 1, "the shipped catalogue gives one school wish more than the limit"
    return chosen, limit


def test_offline_a_removed_wish_takes_the_too_many_warning_away(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = context.new_page()
    chosen, limit = _plan_over_the_limit(page, base)
    page.goto(f"{base}/mes-voeux")
    wait_controlled(page)
    assert "Parcoursup en accepte" in page.inner_text("main")  # the server's « trop de vœux »
    poll(page, "(arg) => new Promise((r) => (" + IDB_GET + ")(arg).then((p) => r(Boolean(p && p.doc.counts.school > p.doc.counts.school_limit))))",
         ["meta", "plan"], timeout_s=90)

    context.set_offline(True)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    warnings = page.locator("[data-slot=warnings-box]")
    assert warnings.is_visible() and f"accepte {limit} au plus" in warnings.inner_text()
    assert "de plus possible" not in page.inner_text("[data-slot=missing]")

    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list li")
    queued = queue_length(page)
    page.locator(f"#f-{chosen[-1]} [data-slot=remove]").click()
    for _ in range(50):
        if queue_length(page) > queued:
            break
        page.wait_for_timeout(100)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert _counts(page)[0].startswith(f"{limit} / {limit}")
    assert "Parcoursup en accepte" not in page.inner_text(".mps-plan")  # recounted: no longer too many
    assert "de plus possible" not in page.inner_text("[data-slot=missing]")  # 0 left, not the old figure
    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list li")
    queued = queue_length(page)
    page.locator(f"#f-{chosen[-2]} [data-slot=remove]").click()
    for _ in range(50):
        if queue_length(page) > queued:
            break
        page.wait_for_timeout(100)
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert "1 vœu de plus possible sous statut étudiant." in page.inner_text("[data-slot=missing]")
    context.close()
