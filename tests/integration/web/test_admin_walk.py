"""The access walk (test_access_walk.py) as an administrator of the service: an admin moderates the stage board
and follows the conventions de stage, and nothing else of a person is theirs. Walking every route of the app with
the world's ids, an admin reads the student's private markers only on those pages, and changes nothing of the
student's, her teacher's or her employer's things elsewhere; never a 5xx."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import new_email
from tests.integration.stages.test_pages import make_admin
from tests.integration.stages.helpers import board, geocoder  # noqa: F401 - fixtures
from tests.integration.web.route_table import fill
from tests.integration.web.test_access_walk import UNSAFE, Stranger, _differences, _routes, world  # noqa: F401

# What the admin role is for: moderating offers, reports and applications (an admin reads and may cancel any,
# applications/presenters.py), following every convention.
ADMIN_SCOPE = re.compile(r"^/stages/(moderation|conventions)(/|$)"
                         r"|^/api/v1/stages/(moderation|agreements|applications)(/|$)")


class Admin(Stranger):
    def __init__(self, site):
        self.site = site
        super().__init__(site, new_email("admin"))
        make_admin(site, self.email)

    def request(self, method: str, url: str) -> object:
        had = self.browser.jar.get("mps_session")
        response = super().request(method, url)
        if self.browser.jar.get("mps_session") != had:  # signed in again after a sign-out: an admin again
            self.email = self.browser.get("/api/v1/me").json()["email"]
            make_admin(self.site, self.email)
        return response


def test_an_admin_reads_and_changes_nothing_of_a_person_outside_moderation_and_conventions(site, world):
    before = world.views()
    admin = Admin(site)
    leaks, errors = [], []
    for method, route in sorted(_routes(site.app), key=lambda r: r[0] in UNSAFE):
        if ADMIN_SCOPE.search(route.path):
            continue
        url = fill(route, world.ids, "1")
        response = admin.request(method, url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code}: {method} {url}")
        if found := [s for s in world.secrets if s in response.text]:
            leaks.append(f"{method} {url} -> {response.status_code} shows {found}")
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(leaks)
    after = world.views()
    assert after == before, _differences(before, after)
