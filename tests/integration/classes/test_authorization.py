"""A teacher sees only consenting students of their own classes: everything else is 404, nothing leaks."""
from __future__ import annotations

import pytest

from tests.integration.accounts.fixtures import Browser
from tests.integration.classes.helpers import create_class, join, person_id, student, teacher
from tests.integration.favourites.helpers import formation_with_places

_WORLDS: dict = {}


@pytest.fixture
def world(site):
    """Teacher A with class A (student a, and student gone who joined then left); teacher B with class B
    (student b). Built once per backend."""
    if id(site) not in _WORLDS:
        prof_a, prof_b = teacher(site), teacher(site)
        class_a, class_b = create_class(site, prof_a, "A"), create_class(site, prof_b, "B")
        a, a_email = student(site)
        b, b_email = student(site)
        gone, gone_email = student(site)
        join(a, class_a["join_code"])
        join(b, class_b["join_code"])
        join(gone, class_a["join_code"])
        f, _ = formation_with_places(site)
        for browser in (a, b, gone):
            browser.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"note": "secret-note"})
        assert gone.post_form(f"/ma-classe/{class_a['id']}/quitter", follow_redirects=False).status_code == 303
        _WORLDS[id(site)] = dict(
            prof_a=prof_a, prof_b=prof_b, class_a=class_a["id"], class_b=class_b["id"], a=a, b=b, gone=gone,
            a_id=person_id(site, a_email), b_id=person_id(site, b_email), gone_id=person_id(site, gone_email),
            emails={"a": a_email, "b": b_email, "gone": gone_email}, formation=f.id)
    return _WORLDS[id(site)]


PAGES = ["/classes/{cls}", "/classes/{cls}/eleves/{sid}"]
APIS = ["/api/v1/classes/{cls}", "/api/v1/classes/{cls}/students/{sid}"]
POSTS = ["/classes/{cls}/code", "/classes/{cls}/eleves/{sid}/proposer", "/classes/{cls}/eleves/{sid}/psyen"]


def _refused(response, world, *secrets) -> None:
    assert response.status_code == 404, (response.request.url, response.status_code)
    for secret in secrets:
        assert secret not in response.text


CASES = {
    # teacher B looking into class A (student a), or at student a through B's own class
    "other teacher's class": ("prof_b", "class_a", "a_id", "a"),
    "student of another class": ("prof_a", "class_a", "b_id", "b"),
    "student through the wrong class": ("prof_b", "class_b", "a_id", "a"),
    "student who left": ("prof_a", "class_a", "gone_id", "gone"),
}


@pytest.mark.parametrize("case", CASES)
def test_pages_and_api_refuse_with_404(world, case):
    who, cls_key, sid_key, email_key = CASES[case]
    browser, cls, sid = world[who], world[cls_key], world[sid_key]
    email = world["emails"][email_key]
    whole_class = case == "other teacher's class"  # else the class is theirs: only the student is out of reach
    for url in [u for u in PAGES + APIS if whole_class or "{sid}" in u]:
        _refused(browser.get(url.format(cls=cls, sid=sid)), world, email, "secret-note")
    for url in [u for u in POSTS if whole_class or "{sid}" in u]:
        _refused(browser.post_form(url.format(cls=cls, sid=sid), {"formation_id": world["formation"]}), world, email)
    _refused(browser.api("POST", f"/api/v1/classes/{cls}/students/{sid}/notes", json={"kind": "psyen"}), world, email)


def test_the_dashboard_lists_only_current_members(world):
    board = world["prof_a"].get(f"/api/v1/classes/{world['class_a']}").json()
    assert [s["id"] for s in board["students"]] == [world["a_id"]]
    page = world["prof_a"].get(f"/classes/{world['class_a']}").text
    assert world["emails"]["gone"] not in page and world["emails"]["b"] not in page


def test_a_student_cannot_see_classmates_or_the_dashboard(world):
    for url in (f"/classes/{world['class_a']}", f"/api/v1/classes/{world['class_a']}",
                f"/api/v1/classes/{world['class_a']}/students/{world['a_id']}"):
        response = world["b"].get(url)
        assert response.status_code == 404 and world["emails"]["a"] not in response.text


def test_leaving_a_class_one_is_not_in_is_404(world):
    assert world["b"].post_form(f"/ma-classe/{world['class_a']}/quitter").status_code == 404
    assert world["b"].api("DELETE", f"/api/v1/me/classes/{world['class_a']}").status_code == 404


def test_proposals_to_a_student_who_left_are_refused(world):
    before = world["gone"].get("/favoris").text
    world["prof_a"].post_form(f"/classes/{world['class_a']}/eleves/{world['gone_id']}/psyen", {"note": "late"})
    assert world["gone"].get("/favoris").text == before
