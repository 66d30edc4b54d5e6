"""An attacker's walk over every route of the app: strangers never read or change another person's things.

A small world is built through the real pages: a student (favourite with a note, family link, a class joined
with consent, a confirmed stage and its agreement), her teacher and her host employer. Then every route of the
app's route table (so a route added later is walked too), with every method, its path parameters filled with
the ids of that world, is requested by strangers: no cookie, another student, another teacher, another employer.
- no answer to a stranger holds one of the world's private markers (her e-mail, her note, her motivation,
  the class's name);
- nothing the strangers sent changed what the student, her teacher or her employer see of their own things;
- no answer is a 5xx.
Unsafe requests go with the stranger's own CSRF token: the CSRF check is not what stops them here
(tests/integration/accounts/test_csrf.py and test_unsafe_routes_need_csrf below check it).
"""
from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from mps.db.models import StageApplication
from tests.integration.accounts.fixtures import Browser, db_url, new_email, run_db
from tests.integration.classes.helpers import create_class, join
from tests.integration.favourites.helpers import formation_with_places
from tests.integration.stages.agreement_helpers import UAI, person_id, placed_student, teacher_of
from tests.integration.stages.helpers import board, geocoder  # noqa: F401 - fixtures
from tests.integration.web.route_table import NOT_OURS, fill, route_methods

SKIP = re.compile(NOT_OURS + r"|^/metrics$")
UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
DOMAINS = {"enseignant": "ac-lille.fr", "employeur": "entreprise.fr"}


def _routes(app):
    return ((method, route) for method, route, _ in route_methods(app, SKIP))


class World:
    """The student's world and what its people see of it."""

    def __init__(self, site, board, geocoder):
        marker = uuid.uuid4().hex[:12]
        self.markers = {"note": f"Note-privee-{marker}", "motivation": f"Motivation-privee-{marker}",
                        "class": f"Classe-{marker}", "surname": f"Nom-{marker}"}
        placement = placed_student(site, board, geocoder)
        self.student, self.email = placement.student, placement.student_email
        self.employer, employer_email, org_id, app_id = placement.employers[0]
        sid = person_id(site, self.email)
        run_db(db_url(site), lambda db: db.execute(update(StageApplication).where(StageApplication.id == app_id)
                                                   .values(motivation=self.markers["motivation"])))
        filled = self.student.post_form(f"/stages/conventions/{placement.agreement_id}/eleve", {
            "last_name": self.markers["surname"], "first_name": "Léa", "birth_date": "2010-03-14",
            "class_label": "2nde 4", "guardian_name": "Marc Martin", "guardian_email": new_email("parent")},
            follow_redirects=False)
        assert filled.status_code == 303, filled.text
        formation, places = formation_with_places(site)
        put = self.student.api("PUT", f"/api/v1/favourites/formations/{formation.id}",
                               json={"note": self.markers["note"], "places": [places[0].cod_aff_form]})
        assert put.status_code < 300, put.text
        made = self.student.post_form("/famille", {"label": "Maman", "days": "30"}, follow_redirects=False)
        assert made.status_code == 303, made.text
        link = self.student.get("/api/v1/me/family-links").json()[0]
        self.teacher = Browser(site)
        self.teacher.sign_in(new_email("prof", "ac-lille.fr"), role="enseignant", next_url="/classes")
        cls = create_class(site, self.teacher, label=self.markers["class"])
        join(self.student, cls["join_code"], first_name="Léa")
        event = self.teacher.api("POST", f"/api/v1/classes/{cls['id']}/events",
                                 json={"title": "Réunion", "day": str(date.today() + timedelta(days=7))})
        assert event.status_code < 300, event.text
        offer_id = str(self.employer.get(f"/api/v1/stages/applications/{app_id}").json()["offer_id"])
        self.ids = {"formation_id": formation.id, "cod_aff_form": str(places[0].cod_aff_form), "class_id": cls["id"],
                    "student_id": sid, "link_id": link["id"], "token": "x",
                    "event_id": event.json()["id"], "application_id": str(app_id),
                    "agreement_id": str(placement.agreement_id), "org_id": str(org_id), "offer_id": offer_id,
                    "feed_id": "x", "device_id": "1", "token_id": "1", "report_id": "1", "remote_id": "x",
                    "metier_id": "x", "step": "classe", "action": "accept"}
        self.secrets = [self.email, *self.markers.values()]
        seen = str(self.views())
        assert all(s in seen for s in self.secrets if s != self.markers["surname"]), "the owners see their secrets"
        assert self.markers["surname"] in self.student.get(f"/stages/conventions/{placement.agreement_id}").text

    def views(self) -> dict[str, str]:
        """What the world's people see of their own things (the parts a stranger's write could change)."""
        cls, app, agreement = self.ids["class_id"], self.ids["application_id"], self.ids["agreement_id"]
        seen = {"export": self.student.get("/api/v1/me/export").json(),
                "class": self.teacher.get(f"/api/v1/classes/{cls}").json(),
                "events": self.teacher.get(f"/api/v1/classes/{cls}/events").json(),
                "application": self.employer.get(f"/api/v1/stages/applications/{app}").json(),
                "agreement": self.student.get(f"/stages/conventions/{agreement}").status_code}
        seen["export"].pop("exporte_le")
        return seen


@pytest.fixture()
def world(site, board, geocoder) -> World:  # noqa: F811
    return World(site, board, geocoder)


class Stranger:
    """A browser signed in as someone with no tie to the world; signed in again when a route it walked (sign-out,
    erasing the account) ended its session, so that every route is walked as that person."""

    def __init__(self, site, email: str | None, role: str = "lyceen", uai: str | None = None):
        self.browser, self.email, self.role = Browser(site), email, role
        if uai:
            self.browser, self.email = teacher_of(site, uai)
        elif email:
            self.browser.sign_in(email, role=role)

    def request(self, method: str, url: str) -> object:
        headers = {"x-csrftoken": self.browser.csrf()}
        data = {"_csrf_token": self.browser.csrf(), "reason": "x" * 20, "note": "pirate"} if method in UNSAFE else None
        response = self.browser.request(method, url, headers=headers, data=data, follow_redirects=False)
        if self.email and not self.browser.jar.get("mps_session"):
            self.browser.jar = type(self.browser.jar)()
            self.browser.sign_in(new_email("encore", DOMAINS.get(self.role, "exemple.fr")), role=self.role)
        return response


def _strangers(site) -> dict[str, Stranger]:
    return {"anonyme": Stranger(site, None), "autre élève": Stranger(site, new_email("autre")),
            "autre enseignant": Stranger(site, new_email("autreprof", "ac-lille.fr"), "enseignant"),
            "autre employeur": Stranger(site, new_email("autrerh", "entreprise.fr"), "employeur"),
            # Any academic address may open a class in any lycée: a class there is no sign the student is theirs.
            "enseignant d'une autre classe du lycée": Stranger(site, None, "enseignant", uai=UAI)}


def test_strangers_neither_read_nor_change_anothers_things(site, world):
    before = world.views()
    leaks, errors = [], []
    strangers = _strangers(site)
    routes = sorted(_routes(site.app), key=lambda r: r[0] in UNSAFE)  # every read before any write
    for method, route in routes:
        url = fill(route, world.ids, "1")
        for who, stranger in strangers.items():
            response = stranger.request(method, url)
            if response.status_code >= 500:
                errors.append(f"{response.status_code} {who}: {method} {url}")
            found = [s for s in world.secrets if s in response.text]
            if found:
                leaks.append(f"{who}: {method} {url} -> {response.status_code} shows {found}")
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(leaks)
    after = world.views()
    assert after == before, _differences(before, after)


def _differences(before, after, where: str = "") -> list[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        return [d for k in before.keys() | after.keys()
                for d in _differences(before.get(k), after.get(k), f"{where}.{k}")]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [d for i, (b, a) in enumerate(zip(before, after)) for d in _differences(b, a, f"{where}[{i}]")]
    return [] if before == after else [f"{where}: {before!r} -> {after!r}"]


def test_unsafe_routes_need_csrf(site):
    """Every unsafe route outside the declared exemptions refuses a request without the CSRF token (403),
    even from a signed-in person; each exemption holds no unsafe route that cookies authorise."""
    student = Browser(site)
    student.sign_in(new_email("csrf"))
    exempt = [re.compile(p) for p in site.app.csrf_config.exclude]
    # Exempt unsafe routes, each with why a forged cross-site request gets nothing from it.
    allowed = {"/api/v1/partner": "bearer token only", "/api/v1/reminders/renew": "the old endpoint is the secret",
               "/api/v1/suggestions": "stateless: computes, stores nothing"}
    unprotected = []
    for method, route in _routes(site.app):
        if method not in UNSAFE:
            continue
        url = fill(route, {}, "1")
        if any(p.search(url) for p in exempt):
            if not any(url.startswith(prefix) for prefix in allowed):
                unprotected.append(f"exempt: {method} {route.path}")
            continue
        response = student.request(method, url, data={"note": "x"}, follow_redirects=False)
        if response.status_code != 403:
            unprotected.append(f"{response.status_code} {method} {route.path}")
    assert not unprotected, "\n".join(unprotected)


def test_head_and_options_on_every_route(site):
    failures = []
    for method, route in _routes(site.app):
        if method != "GET":
            continue
        url = fill(route, {}, "1")
        for verb in ("HEAD", "OPTIONS"):
            response = site.request(verb, url, follow_redirects=False)
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {verb} {url}")
    assert not failures, "\n".join(failures)
