"""The header's menu by role: a teacher finds « Mes classes », a student « Mon profil », « Stages » and « Ma classe »,
an employer their space and nothing of a student's."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import Browser, new_email


def menu(page: str) -> list[str]:
    nav = page[page.index('id="header-navigation"'):]
    nav = nav[:nav.index("</nav>")]
    return re.findall(r'class="fr-nav__link" href="([^"]+)"', nav)


def test_each_role_has_its_menu(site):
    visitor = Browser(site)
    assert menu(visitor.get("/recherche").text) == ["/", "/recherche", "/profil", "/suggestions", "/favoris", "/mes-voeux", "/etapes", "/stages"]
    pupil = Browser(site)
    pupil.sign_in(new_email())
    assert menu(pupil.get("/").text) == ["/", "/recherche", "/profil", "/suggestions", "/favoris", "/mes-voeux", "/etapes", "/stages", "/ma-classe"]
    prof = Browser(site)
    prof.sign_in(new_email("prof", "ac-lille.fr"), role="enseignant")
    assert menu(prof.get("/classes").text) == ["/", "/recherche", "/classes"]
    assert 'href="/classes" target="_self" aria-current="page"' in prof.get("/classes").text
    parent = Browser(site)
    parent.sign_in(new_email("parent"), role="famille")
    assert menu(parent.get("/").text) == ["/", "/recherche"]
    employer = Browser(site)
    employer.sign_in(new_email("rh", "entreprise.fr"), role="employeur", next_url="/stages/employeur")
    assert menu(employer.get("/stages/employeur").text) == ["/", "/stages/employeur"]
    assert 'href="/stages/employeur" target="_self" aria-current="page"' in employer.get("/stages/employeur").text


def test_the_profile_says_where_it_is_kept(site):
    """A visitor's profile stays on the device; a signed-in student's follows the account."""
    visitor = Browser(site)
    assert "ton profil reste sur cet appareil" in visitor.get("/profil").text
    pupil = Browser(site)
    pupil.sign_in(new_email())
    page = pupil.get("/profil").text
    assert "gardé avec ton compte" in page and "reste sur cet appareil" not in page
