"""A student joins a class with the short code, as in a classroom: the teacher shows the 8-character code,
the student types it on /ma-classe/rejoindre (as written, in lower case with a space, or with a dash: the
code accepts any of them by design, classes/service.normalise_code), gives a first name, and is in the
class; the teacher then sees that first name. On a phone (375 px) and a laptop (1280 px)."""
from __future__ import annotations

import pytest

from mps.domain.classes.service import current_school_year
from tests.browser.conftest import sign_in
from tests.browser.people import new_email, post_form


def _teacher_class(chromium, base: str, tmp) -> tuple:
    """A teacher's class, made through the page's form: (class id, label, join code, the teacher's page)."""
    teacher = chromium.new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(teacher, base, tmp, new_email("prof", "ac-lille.fr"), role="enseignant")
    lycee = teacher.request.get(f"{base}/api/v1/lycees?q=lille").json()[0]
    made = post_form(teacher, base, "/classes", {"lycee_uai": lycee["uai"], "label": "Terminale 4",
                                                 "school_year": current_school_year()}, follow=False)
    class_id = made.headers["location"].rsplit("/", 1)[1]
    code = next(c["join_code"] for c in teacher.request.get(f"{base}/api/v1/classes").json() if c["id"] == class_id)
    return class_id, "Terminale 4", code, teacher


def _type_code(page, base: str, typed: str) -> None:
    page.goto(f"{base}/ma-classe/rejoindre")
    page.fill("#code", typed)
    page.click("main form button:has-text('Continuer')")
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [375, 1280])
def test_a_student_joins_a_class_by_typing_its_short_code(server, chromium, width):
    base, tmp = server["url"], server["tmp"]
    class_id, label, code, teacher = _teacher_class(chromium, base, tmp)
    assert len(code) == 8

    context = chromium.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 768)
    page = context.new_page()
    sign_in(page, base, tmp, new_email("eleve"))
    for typed in (code.lower(), f"{code[:4]} {code[4:]}", f"{code[:4]}-{code[4:].lower()}", code):
        _type_code(page, base, typed)
        assert label in page.inner_text("main"), typed  # the class is found and named before joining
        assert page.locator("#first_name").is_visible(), typed
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways

    page.fill("#first_name", "Inès")
    page.fill("#initial", "B")
    page.click("label[for=consent]")
    page.click("main form button:has-text('Rejoindre la classe')")
    page.wait_for_url("**/ma-classe?rejoint=1*")
    main = page.inner_text("main")
    assert "tu as rejoint la classe" in main and label in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    teacher.goto(f"{base}/classes/{class_id}")
    assert "Inès B." in teacher.inner_text("main")
    teacher.context.close()
    context.close()
