"""Offline use in Chromium: search, formation pages and favourites work without network, and every
edit made offline reaches the server; two devices of the same student converge (docs/sync.md)."""
from __future__ import annotations

import html
import json
import re
import uuid

import pytest

from mps.domain.catalogue.filters_summary import WORDING
from tests.browser.conftest import IDB_GET, poll, queue_length, sign_in, wait_catalogue, wait_controlled

# Online and offline search must agree: same words, same first results.
QUERIES = ["bts compta lille", "licence psycho lyon", "fac droit paris", "prepa mpsi", "infirmier",
           "but info", "staps", "ecole ingenieur toulouse", "psychologie", "informatque", "licence histoire 59000",
           "bts mco rhone"]


def marks_in_idb(page) -> dict:
    return page.evaluate("""() => new Promise((resolve) => {
        const req = indexedDB.open('mps');
        req.onsuccess = () => {
            const all = req.result.transaction('marks').objectStore('marks').getAll();
            all.onsuccess = () => resolve(Object.fromEntries(all.result.map((m) => [m.formation_id,
                [m.kind, m.deleted, m.ambition, m.note, m.places]])));
        };
    })""")


def server_marks(page, base: str) -> dict:
    doc = page.request.get(f"{base}/api/v1/favourites").json()
    return {f["formation_id"]: (f["ambition"], f["note"]) for f in doc["formations"]}


def ready(context, base: str, path: str = "/"):
    page = context.new_page()
    page.goto(base + path)
    wait_controlled(page)
    wait_catalogue(page)
    return page


def test_offline_search_pages_and_edits_then_the_server_holds_exactly_them(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)

    # Offline search gives the same first results as the server for the same words.
    context.set_offline(True)
    page.goto(f"{base}/recherche?q=bts+compta+lille")
    page.wait_for_selector(".mps-results h2 a")
    assert "hors ligne" in page.title()
    top = page.evaluate("""async (queries) => {
        const cat = await window.mpsOffline.loadCatalogue();
        return queries.map((q) => cat.search.search({q}).hits.slice(0, 5).map((h) => h.fid));
    }""", QUERIES)
    context.set_offline(False)
    for q, ids in zip(QUERIES, top):
        online = page.request.get(f"{base}/api/v1/formations", params={"q": q}).json()["items"][:5]
        assert ids == [i["id"] for i in online], q
    context.set_offline(True)

    # Open a formation from the results, make it a favourite, set another one aside then remove it.
    page.click(".mps-results h2 a >> nth=0")
    page.wait_for_selector("article h1")
    first = page.url.rsplit("/", 1)[1].split("?")[0]  # results carry the town (?ville=)
    press(page, "favori", "true")
    page.goto(f"{base}/recherche?q=licence+psychologie")
    page.click(".mps-results h2 a >> nth=0")
    page.wait_for_selector("article h1")
    second = page.url.rsplit("/", 1)[1].split("?")[0]
    press(page, "favori", "true")
    press(page, "favori", "false")  # changed my mind
    press(page, "aside", "true")

    # Favourites page, offline: ambition and note.
    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list li")
    page.select_option(".mps-fav-list select[name=ambition]", "ambitieux")
    page.fill(".mps-fav-list textarea[name=note]", "Portes ouvertes samedi, écrit hors ligne")
    save_on_device(page)
    # Every edit is on the device at once. The queue holds the six edits not yet acknowledged: fewer when
    # Chromium's Background Sync already sent some (DevTools' offline emulation does not reach the service
    # worker, which sees the real loopback network); the server check below proves none was lost.
    on_device = marks_in_idb(page)
    assert on_device[first][:4] == ["favori", False, "ambitieux", "Portes ouvertes samedi, écrit hors ligne"]
    assert on_device[second][:2] == ["corbeille", False]
    assert queue_length(page) <= 6
    # The list was drawn again: focus is back on this favourite's « Enregistrer », which names it, and
    # the message is next to it and in the live region (not on <body>, RGAA 7.5 / WCAG 2.4.3).
    page.wait_for_function(f"document.activeElement && document.activeElement.id === 'save-{first}'")
    assert page.evaluate("document.activeElement.textContent").startswith("Enregistrer : ")
    assert page.inner_text(f"#statut-{first}") == "C’est enregistré sur ton appareil."
    poll(page, "() => document.getElementById('mps-update').textContent.includes('C’est enregistré')")

    context.set_offline(False)  # back online: the page sends the queue
    for _ in range(50):
        if queue_length(page) == 0:
            break
        page.wait_for_timeout(100)
    assert queue_length(page) == 0
    assert server_marks(page, base) == {first: ("ambitieux", "Portes ouvertes samedi, écrit hors ligne")}
    aside = page.request.get(f"{base}/api/v1/favourites").json()["not_interested"]
    assert [a["formation_id"] for a in aside] == [second]
    context.close()


@pytest.mark.parametrize("first_back", ["phone", "laptop"])
def test_two_devices_of_the_same_student_edit_offline_and_converge(server, chromium, first_back):
    base = server["url"]
    email = f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr"
    devices = {}
    for name in ("phone", "laptop"):
        context = chromium.new_context()
        page = context.new_page()
        sign_in(page, base, server["tmp"], email)
        page.goto(f"{base}/recherche")
        wait_controlled(page)
        wait_catalogue(page)
        devices[name] = (context, page)
    phone, laptop = devices["phone"][1], devices["laptop"][1]

    shared = "bts-services-comptabilite-et-gestion"
    assert phone.request.put(f"{base}/api/v1/favourites/formations/{shared}", data=json.dumps({"note": "Départ"}),
                             headers={"content-type": "application/json", "x-csrftoken": csrf(devices["phone"][0])}).ok
    for context, page in devices.values():  # both learn the favourite, then lose the network
        page.goto(f"{base}/favoris")
        page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.active.postMessage({type: 'SYNC_NOW'}))")
        poll(page, IDB_GET, ["marks", shared])
        context.set_offline(True)

    edit_note(phone, base, "Note du téléphone", ambition="realiste")
    edit_note(laptop, base, "Note de l'ordinateur")
    laptop.goto(f"{base}/formations/but-informatique")
    laptop.wait_for_selector("article h1")
    press(laptop, "favori", "true")

    order = [first_back, "laptop" if first_back == "phone" else "phone"]
    for name in order:
        context, page = devices[name]
        context.set_offline(False)
        for _ in range(60):
            if queue_length(page) == 0:
                break
            page.wait_for_timeout(100)
        assert queue_length(page) == 0
    final = server_marks(phone, base)
    assert set(final) == {shared, "but-informatique"}
    ambition, note = final[shared]
    assert ambition == "realiste"
    assert "Note du téléphone" in note and "Note de l'ordinateur" in note and "Autre version" in note
    for context, page in devices.values():  # a sync later, both devices hold the server's marks
        page.goto(f"{base}/favoris")
        page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.active.postMessage({type: 'SYNC_NOW'}))")
        poll(page, IDB_GET, ["marks", shared])
    for _ in range(50):
        if marks_in_idb(phone) == marks_in_idb(laptop) and marks_in_idb(phone)[shared][3] == note:
            break
        phone.wait_for_timeout(100)
    assert marks_in_idb(phone) == marks_in_idb(laptop)
    assert marks_in_idb(phone)[shared][3] == note
    for context, _ in devices.values():
        context.close()


def press(page, slot: str, pressed: str) -> None:
    """Click a toggle of the offline formation page and wait until the device recorded it."""
    page.click(f"[data-slot={slot}]")
    page.wait_for_selector(f"[data-slot={slot}][aria-pressed={pressed}]")


def save_on_device(page) -> None:
    """Press the favourite's « Enregistrer » offline and wait until the device holds the edit: its status is
    written after the write (the pending flag alone may already show for earlier edits)."""
    page.click(".mps-fav-list button[type=submit]")
    page.wait_for_function("""() => [...document.querySelectorAll('[id^="statut-"]')]
        .some((e) => e.textContent === 'C’est enregistré sur ton appareil.')""")
    assert page.is_visible("[data-slot=pending]")


def csrf(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "mps_csrftoken")


def edit_note(page, base: str, note: str, ambition: str | None = None) -> None:
    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list li")
    if ambition:
        page.select_option(".mps-fav-list select[name=ambition]", ambition)
    page.fill(".mps-fav-list textarea[name=note]", note)
    save_on_device(page)


@pytest.mark.parametrize("path", ["/", "/etapes"])
def test_the_first_page_seen_opens_offline_at_once_after_a_reload(server, chromium, path):
    """It loaded before the service worker existed: the worker keeps it when it starts (sw.js keepOpenPages)."""
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base + path)
    h1 = page.inner_text("h1")
    wait_controlled(page)
    poll(page, "(url) => caches.match(url).then(Boolean)", base + path)
    context.set_offline(True)
    page.reload()
    assert page.inner_text("h1") == h1 != "Tu es hors ligne"
    context.close()


def test_offline_search_shows_its_filters_and_a_new_search_keeps_them(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = ready(context, base)
    query = "q=bts&famille=BTS&ville=Lyon&rayon=30&selective=true&statut=sous_contrat"
    online = page.request.get(f"{base}/recherche?{query}").text()
    context.set_offline(True)
    page.goto(f"{base}/recherche?{query}")
    page.wait_for_selector(".mps-results h2 a")
    # Closed, as online, the summary naming what is set (catalogue/_filters.html); one tap opens them.
    assert not page.is_visible("#ville")
    assert page.inner_text("details.mps-filters summary") == (
        "Modifier les filtres (4) : BTS, près de Lyon (30\u00a0km), sélectives, privé sous contrat")
    # Each place line says its status, in the server's words (status.py LINE).
    lines = page.locator(".mps-places [data-slot=where]").all_inner_texts()
    assert lines and all(line.endswith("· privé sous contrat") for line in lines), lines
    page.click("details.mps-filters summary")
    assert page.is_visible("#ville")
    shown = page.evaluate(
        "() => ['famille', 'ville', 'rayon', 'selective', 'statut'].map((id) => document.getElementById(id).value)")
    assert shown == ["BTS", "Lyon", "30", "true", "sous_contrat"]
    # The same lists as the server's form.
    for name in ("famille", "departement", "academie", "region", "statut"):
        offline = page.evaluate(f"() => [...document.getElementById('{name}').options].map((o) => [o.value, o.text])")
        select = online.split(f'id="{name}"', 1)[1].split("</select>", 1)[0]
        assert [tuple(o) for o in offline] == [tuple(map(html.unescape, o)) for o in re.findall(
            r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)], name
    # A result leads to its formation page with the town, whose places start there (as online).
    page.click(".mps-results h2 a >> nth=0")
    page.wait_for_selector("article h1")
    assert page.url.endswith("?ville=Lyon")
    # Its favourite button says what it does (it was a bare heart: DSFR hid the text of a group's icon button).
    assert page.evaluate("""() => { const b = document.querySelector('article [data-slot=favori]');
        return b.scrollWidth <= b.clientWidth && b.getBoundingClientRect().width > 150; }""")
    assert "Lyon" in page.inner_text("[data-slot=places] [data-slot=where] >> nth=0")
    page.go_back()
    page.wait_for_selector("#q")
    page.fill("#q", "compta")
    page.click("#search-main button[type=submit]")
    page.wait_for_url("**q=compta**")
    assert "famille=BTS&ville=Lyon&rayon=30" in page.url and "selective=true" in page.url
    # A status word is the filter offline too (search.js readStatus), shown set and said with the count.
    page.goto(f"{base}/recherche?q=bts+public+lyon")
    page.wait_for_selector(".mps-results h2 a")
    assert page.input_value("#statut") == "public" and "— public" in page.inner_text("[data-slot=status]")
    context.close()


PUT_MARK = """(mark) => new Promise((resolve) => {
    const req = indexedDB.open('mps');
    req.onsuccess = () => {
        const tx = req.result.transaction('marks', 'readwrite');
        tx.objectStore('marks').put(mark);
        tx.oncomplete = () => { req.result.close(); resolve(true); };
    };
})"""
QUEUED = """() => new Promise((resolve) => {
    const req = indexedDB.open('mps');
    req.onsuccess = () => {
        const all = req.result.transaction('queue').objectStore('queue').getAll();
        all.onsuccess = () => { req.result.close(); resolve(all.result); };
    };
})"""


def test_a_note_typed_offline_names_the_version_it_was_typed_on_not_one_pulled_meanwhile(server, chromium):
    """docs/sync.md rule 4: an edit replaces only the note versions the student saw. Here a sync pulls another
    device's version while the offline page shows the older one: both must stay (the edit's base is the one shown)."""
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)
    context.set_offline(True)
    fid = "but-informatique"
    mark = {"formation_id": fid, "kind": "favori", "deleted": False, "ambition": None, "note": "Version A",
            "note_heads": ["head-a"], "places": [], "added_places": [], "version": 1, "seq": 1}
    page.evaluate(PUT_MARK, mark)
    page.goto(f"{base}/favoris")
    page.wait_for_selector(".mps-fav-list textarea[name=note]")
    page.evaluate(PUT_MARK, {**mark, "note": "Version B d'un autre appareil", "note_heads": ["head-b"], "seq": 2})
    page.fill(".mps-fav-list textarea[name=note]", "Version A, complétée")
    save_on_device(page)
    [op] = [op for op in page.evaluate(QUEUED) if op["kind"] == "set_note"]
    assert (op["value"], op["base"]) == ("Version A, complétée", ["head-a"])
    context.close()


def test_a_page_not_kept_offline_says_so_and_leads_to_the_search_that_works_offline(server, chromium):
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = ready(context, base)
    context.set_offline(True)
    page.goto(f"{base}/sources")  # never seen on this device
    assert page.inner_text("h1") == "Tu es hors ligne"
    page.get_by_role("link", name="Chercher une formation").click()
    page.wait_for_selector("#mps-offline-app h1:text('Rechercher une formation')")
    context.close()


def test_a_mes_voeux_note_typed_offline_names_the_version_drawn_not_one_pulled_meanwhile(server, chromium):
    """The same rule on « Mes vœux » (plan-form.js): the online page's form used offline, then the offline page.
    Each time another device's version lands on the device after the page was drawn: the edit's base is the
    version the page showed, so the server keeps the other one beside it."""
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)
    fid = "but-informatique"
    assert page.request.put(f"{base}/api/v1/favourites/formations/{fid}", data=json.dumps({"note": "Version A"}),
                            headers={"x-csrftoken": csrf(context), "content-type": "application/json"}).ok
    page.goto(f"{base}/mes-voeux")  # the marks pulled and the plan kept on the device (data-mps-keep-plan)
    poll(page, "(arg) => (" + IDB_GET + ")(arg).then((p) => Boolean(p && p.doc.wishes.length === 1))", ["meta", "plan"])
    drawn = poll(page, "(arg) => (" + IDB_GET + ")(arg).then((m) => m && m.note === 'Version A' && m)", ["marks", fid])
    assert drawn["note_heads"]
    page.wait_for_function("(fid) => document.querySelector(`form[data-id='${fid}']`).dataset.noteHeads", arg=fid)

    def edit_and_save(text: str) -> dict:
        page.locator("details.mps-wish-edit summary").first.click()
        page.fill(f"form[data-id='{fid}'] textarea[name=note]", text)
        page.click(f"form[data-id='{fid}'] button[type=submit]")
        ops = poll(page, "(text) => (" + QUEUED + ")().then((ops) => ops.filter((op) => op.value === text))", text)
        page.wait_for_function("() => document.body.innerText.includes('enregistré sur ton appareil')")
        return ops[0]

    # The online page, network gone; another device's version pulled after it was drawn.
    context.set_offline(True)
    page.evaluate(PUT_MARK, {**drawn, "note": "Version B d'un autre appareil", "note_heads": ["head-b"], "seq": 99})
    op = edit_and_save("Version A, complétée")
    assert op["base"] == drawn["note_heads"]
    # The offline page draws the device's note (the edit just made); a version pulled after drawing stays out.
    page.goto(f"{base}/mes-voeux")
    page.wait_for_selector(".mps-plan .mps-wish h3")
    assert page.input_value(f"form[data-id='{fid}'] textarea[name=note]") == "Version A, complétée"
    page.evaluate(PUT_MARK, {**drawn, "note": "Version C", "note_heads": ["head-c"], "seq": 100})
    assert edit_and_save("Version A, complétée deux fois")["base"] == [op["op_id"]]
    context.close()


def test_a_favourite_added_with_the_pages_form_is_on_the_device_at_once(server, chromium):
    """The formation page's « Ajouter à mes favoris » posts to the server: the device pulled the mark only at a page
    loaded 30 s later, so a student who lost the network just after found no favourite offline."""
    base = server["url"]
    context = chromium.new_context()
    page = ready(context, base)
    fid = "but-informatique"
    page.goto(f"{base}/formations/{fid}")
    poll(page, "(arg) => (" + IDB_GET + ")(arg).then((t) => t && Date.now() - t < 60000)", ["meta", "lastSync"])
    page.click("#favori button[type=submit]")
    page.wait_for_selector("#favori .fr-badge")  # « Dans tes favoris »: the server holds it
    poll(page, "(arg) => (" + IDB_GET + ")(arg).then((m) => Boolean(m && m.kind === 'favori' && !m.deleted))",
         ["marks", fid], timeout_s=10)
    context.set_offline(True)
    page.goto(f"{base}/favoris")
    page.wait_for_selector(f".mps-fav-list a[href='/formations/{fid}']")
    context.close()


def test_the_network_going_while_a_page_is_read_moves_nothing_under_the_thumb(server, chromium):
    """« Tu es hors ligne » was put at the top of the page when the network went: what the student read jumped down.
    It is now a bar over the bottom of the window, which a tap closes; a page opened offline keeps it at the top."""
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    page = ready(context, base, "/recherche?q=bts+compta")
    first = page.locator(".mps-results > li").first
    top = first.bounding_box()["y"]
    context.set_offline(True)
    notice = page.wait_for_selector(".mps-offline-notice")
    assert first.bounding_box()["y"] == top
    bar = notice.bounding_box()
    assert round(bar["y"] + bar["height"]) == 812
    page.get_by_role("button", name="Masquer le message").click()
    assert page.locator(".mps-offline-notice").count() == 0
    page.goto(base + "/favoris")  # opened offline: at the top, in the flow
    assert page.eval_on_selector(".mps-offline-notice", "(e) => getComputedStyle(e).position") != "fixed"
    context.close()


# Filters whose summary the server and the offline page must say alike: a type written in lower case, lists, a radius
# without a town (not said), « en alternance » in the words, a town with a radius no list offers (not said either).
SUMMARIES = ["q=bts&famille=bts&ville=Lyon&rayon=30&selective=true",
             "q=licence&departement=69&academie=Lyon&region=Auvergne-Rh%C3%B4ne-Alpes&selective=false&apprentissage=false",
             "q=bts+en+alternance&rayon=50",
             "q=infirmier&ville=+Lille+&rayon=25&region=Atlantide",
             "q=psychologie"]


def test_the_filters_summary_says_the_same_online_and_offline(server, chromium):
    """One source (mps/domain/catalogue/filters_summary.py, its words embedded for lib/offline/filters-summary.js):
    the summary was built twice, in the template and in the offline page, and could drift."""
    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 812})
    page = ready(context, base)
    online = []
    for query in SUMMARIES:  # fetched beside the worker: a page it cached would be shown offline instead of the shell
        markup = page.request.get(f"{base}/recherche?{query}").text()
        summary = re.search(r'<summary data-slot="filters-summary">(.*?)</summary>', markup).group(1)
        online.append(html.unescape(re.sub(r"<[^>]+>", "", summary)))
    assert online[0] == "Modifier les filtres (3) : BTS, près de Lyon (30\u00a0km), sélectives"
    assert online[1].startswith("Modifier les filtres (5) : 69 – ") and online[1].endswith("non sélectives, sans apprentissage")
    assert online[2] == "Modifier les filtres (1) : en apprentissage"
    assert online[3] == "Modifier les filtres (1) : près de Lille"
    assert online[4] == WORDING["none"]  # nothing set: the words of the module, whatever filters it lists
    context.set_offline(True)
    offline = []
    for query in SUMMARIES:
        page.goto(f"{base}/recherche?{query}")
        page.wait_for_selector("#mps-offline-app [data-slot=status]:not(:empty)")
        offline.append(page.inner_text("details.mps-filters summary"))
    assert offline == online
    context.close()
