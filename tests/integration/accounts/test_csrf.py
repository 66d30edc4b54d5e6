"""CSRF: every state-changing route refuses a request without the token, except the documented ones."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import Browser, new_email

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}:]+:(int|float)\}", "1", re.sub(r"\{[^}:]+:(str|path|uuid)\}", "x", path))


def test_every_unsafe_route_demands_the_csrf_token(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    checked = 0
    for route in site.app.routes:
        methods = set(getattr(route, "methods", ())) & UNSAFE
        if not methods or any(re.search(p, route.path) for p in site.app.csrf_config.exclude):
            continue
        for method in methods:
            answer = browser.request(method, _concrete(route.path), data={"x": "1"}, follow_redirects=False)
            assert answer.status_code == 403, (method, route.path, answer.status_code)
            checked += 1
    assert checked >= 4  # sign-in, link, sign-out, role at least


def test_form_with_the_token_passes_and_without_fails(site):
    browser = Browser(site)
    assert browser.request("POST", "/connexion", data={"email": new_email()}).status_code == 403
    assert browser.post_form("/connexion", {"email": new_email()}).status_code == 200


def test_api_call_needs_the_header_matching_the_cookie(site):
    browser = Browser(site)
    browser.sign_in(new_email())
    browser.csrf()
    forged = browser.request("POST", "/deconnexion", headers={"x-csrftoken": "forged"}, follow_redirects=False)
    assert forged.status_code == 403
    assert browser.get("/api/v1/me").json()["signed_in"] is True
    assert browser.api("POST", "/deconnexion", follow_redirects=False).status_code == 200
