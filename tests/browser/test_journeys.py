"""A student's journeys in Chromium: onboarding with a moyenne, sign-in on a second device (the profile
stays whole), and what the pages then say."""
from __future__ import annotations

import uuid

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
