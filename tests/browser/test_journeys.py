"""A student's journeys in Chromium: onboarding with a moyenne, sign-in on a second device (the profile
stays whole), and what the pages then say."""
from __future__ import annotations

import json
import uuid

import pytest

from tests.browser.conftest import sign_in


def onboard(page, base: str) -> None:
    page.goto(f"{base}/profil/situation")
    page.check("input[name=situation][value=quelques_pistes]", force=True)
    page.check("input[name=classe][value=terminale]", force=True)
    page.click("#profile-form button[type=submit] >> nth=0")
    page.check("input[name=bac][value='Générale']", force=True)
    page.click("#profile-form button[type=submit] >> nth=0")
    page.check("input[name=specialites][value='Mathématiques']", force=True)
    page.check("input[name=specialites][value='Physique-Chimie (PC)']", force=True)
    page.click("#profile-form button[type=submit] >> nth=0")
    page.check("input[name=interets][value=ci7]", force=True)
    page.click("#profile-form button[type=submit] >> nth=0")
    page.goto(f"{base}/profil/villes")
    page.fill("#ville", "59000")
    page.click("button[name=continuer]")
    page.wait_for_url("**/profil/moyenne")
    page.fill("#moyenne", "14,5")
    page.click("#profile-form button[type=submit] >> nth=0")
    page.wait_for_url("**/suggestions")


def test_signing_in_on_a_second_device_keeps_the_profile(server, chromium):
    base, email = server["url"], f"eleve.{uuid.uuid4().hex[:8]}@exemple.fr"
    laptop = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = laptop.new_page()
    onboard(page, base)
    sign_in(page, base, server["tmp"], email)

    phone = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    mobile = phone.new_page()
    mobile.goto(f"{base}/profil/villes")
    mobile.fill("#ville", "Lyon")
    mobile.wait_for_selector("#ville-options li")  # the suggestions cover the button: close them as a person would
    mobile.keyboard.press("Escape")
    mobile.click("button[name=continuer]")
    mobile.wait_for_url("**/profil/moyenne")
    sign_in(mobile, base, server["tmp"], email)

    mobile.goto(f"{base}/profil")
    table = mobile.inner_text("main table")
    for answer in ("Bac Général", "Mathématiques", "Physique-Chimie", "Lille (59)", "Lyon (69)", "14,5", "terminale"):
        assert answer in table, answer
    profile = mobile.request.get(f"{base}/api/v1/profile").json()
    assert profile["interets"] == ["ci7"] and profile["moyenne"] == 14.5
    laptop.close()
    phone.close()


def _add_favourites(page, base: str, queries: list[str]) -> list[str]:
    ids = []
    for q in queries:
        page.goto(f"{base}/recherche?q={q}")
        page.click(".mps-results h2 a >> nth=0")
        page.wait_for_selector("article h1")
        ids.append(page.url.rsplit("/", 1)[1].split("?")[0])
        page.click("main button:has-text('Ajouter à mes favoris')")
        page.wait_for_selector("#favori .fr-badge:has-text('Dans tes favoris')")
    return ids


@pytest.mark.parametrize("width", [375, 1280])
def test_favourites_keep_their_order_undo_a_removal_and_refuse_a_long_note(server, chromium, width):
    base = server["url"]
    context = chromium.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 768)
    page = context.new_page()
    ids = _add_favourites(page, base, ["bts+comptabilite", "licence+psychologie", "but+informatique"])
    page.goto(f"{base}/favoris")
    order = lambda: page.eval_on_selector_all("#liste-formations > li", "els => els.map(e => e.id.slice(2))")  # noqa: E731
    poll_until = lambda want: page.wait_for_function(  # noqa: E731
        "want => JSON.stringify([...document.querySelectorAll('#liste-formations > li')].map(e => e.id.slice(2))) === want",
        arg=json.dumps(want, separators=(",", ":")))
    page.wait_for_selector('#liste-formations > li')
    assert order() == ids, (order(), ids)

    page.fill(f"#note-{ids[0]}", "Portes ouvertes le 3 février")
    page.click(f"#save-{ids[0]}")
    page.wait_for_selector(f"#statut-{ids[0]}:has-text('enregistré')")
    assert order() == ids  # saving does not move it

    page.click(f"#up-{ids[2]}")
    poll_until([ids[0], ids[2], ids[1]])

    page.click(f"#remove-{ids[0]}")
    page.wait_for_selector("#statut-formations button:has-text('Annuler')")
    assert ids[0] not in order()
    page.click("#statut-formations button:has-text('Annuler')")
    poll_until([ids[0], ids[2], ids[1]])
    assert page.input_value(f"#note-{ids[0]}") == "Portes ouvertes le 3 février"

    long_note = "Journée d'immersion. " * 100  # 2,100 characters, pasted at once
    page.fill(f"#note-{ids[1]}", long_note)
    assert page.input_value(f"#note-{ids[1]}") == long_note  # nothing cut by the browser
    assert "2 100 / 2 000 caractères" in page.inner_text(f"#note-{ids[1]}-hint").replace("\u202f", " ")
    page.click(f"#save-{ids[1]}")
    assert "au plus" in page.inner_text(f"#note-{ids[1]}-messages")
    assert page.evaluate("() => document.activeElement.id") == f"note-{ids[1]}"
    fav = {f["formation_id"]: f for f in page.request.get(f"{base}/api/v1/favourites").json()["formations"]}
    assert fav[ids[1]]["note"] == ""  # refused, not cut
    context.close()


def test_offline_the_fallback_page_names_favourites_and_the_notice_informs(server, chromium):
    """Seen: favourites listed as slugs (« bts-services-comptabilite-et-gestion ») and a red alarm banner."""
    from tests.browser.conftest import IDB_GET, poll, wait_catalogue, wait_controlled

    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/")
    wait_controlled(page)
    wait_catalogue(page)
    fid = _add_favourites(page, base, ["bts+comptabilite"])[0]  # added with a plain form: no title stored
    label = page.inner_text("article h1")
    page.goto(f"{base}/favoris")
    page.evaluate("() => window.dispatchEvent(new Event('online'))")  # a sync pulls the marks into the device
    poll(page, IDB_GET, ["marks", fid])
    context.set_offline(True)
    page.goto(f"{base}/statistiques")  # never visited: the « Tu es hors ligne » page
    page.wait_for_selector("[data-mps-favoris-list] a")
    links = page.eval_on_selector_all("[data-mps-favoris-list] a", "els => els.map(a => a.textContent)")
    assert links == [label]
    notice = page.wait_for_selector(".mps-offline-notice")
    assert "fr-notice--info" in notice.get_attribute("class") and "warning" not in notice.get_attribute("class")
    context.close()


def test_offline_the_formation_page_keeps_the_distance_sort(server, chromium):
    """Seen: online, places come nearest the profile's town first; the offline page lost that order."""
    from tests.browser.conftest import wait_catalogue, wait_controlled

    base = server["url"]
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/profil/villes")
    page.fill("#ville", "Brest")
    with page.expect_navigation():  # the form posts and redirects: wait for that page, not the old one
        page.click("button[name=continuer]")
    wait_controlled(page)
    wait_catalogue(page)
    page.goto(f"{base}/formations/licence-psychologie")  # online: sorted from Brest, and the town is kept
    online = page.eval_on_selector_all(".mps-place-list h3 a", "els => els.slice(0, 3).map(a => a.textContent)")
    page.wait_for_function("""() => new Promise((resolve) => {
        const req = indexedDB.open('mps');
        req.onsuccess = () => { const g = req.result.transaction('preferences').objectStore('preferences').get('home');
                                g.onsuccess = () => resolve(Boolean(g.result)); };
    })""")
    context.set_offline(True)
    page.goto(f"{base}/formations/licence-psychologie?hors-ligne=1")
    page.wait_for_selector("article h1")
    assert "hors ligne" in page.title()
    assert "plus proche au plus éloigné de Brest" in page.inner_text("article")
    offline = page.eval_on_selector_all("[data-slot=places] h3 a, .mps-place-list h3 a",
                                        "els => els.slice(0, 3).map(a => a.textContent)")
    assert offline == online and " km" in page.inner_text(".mps-place-list li >> nth=0")
    context.close()


def test_a_suggestion_card_keeps_its_buttons_close_to_its_text_on_a_phone(server, chromium):
    """Seen: a closed « Les lieux » kept a paragraph's bottom margin, a blank band above J'aime."""
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server['url']}/suggestions")
    gap = page.evaluate("""() => {
        const card = document.querySelector('.fr-card .mps-card-more').closest('.fr-card');
        const more = card.querySelector('.mps-card-more > summary').getBoundingClientRect();
        const end = card.querySelector('.fr-card__end .fr-btns-group').getBoundingClientRect();
        return end.top - more.bottom;
    }""")
    assert 0 <= gap <= 40, gap  # the card's own spacing (1.5 rem + a little), not a second margin
    context.close()


def test_the_statistics_figures_sit_two_by_two_on_a_phone(server, chromium):
    """One figure per row made a phone scroll through five screens of big zeros and short labels."""
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server['url']}/statistiques")
    tops = page.eval_on_selector_all(".fr-tile", "els => els.slice(0, 2).map(e => e.getBoundingClientRect().top)")
    assert len(tops) == 2 and tops[0] == tops[1]
    context.close()
