"""Writes sent by another site are refused even with a CSRF token that matches its cookie (mps.web.cross_site), and
a refused CSRF token is said in French."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.integration.web.route_table import NOT_OURS, fill, route_methods

EVIL = {"origin": "https://mps.attaquant.example"}


def _signed_in(site) -> Browser:
    browser = Browser(site)
    browser.sign_in(new_email("origine"))
    return browser


def _signed_in_still(browser: Browser) -> bool:
    return browser.get("/api/v1/me").json()["signed_in"]


def test_a_token_planted_from_another_session_is_refused_when_another_site_sends_it(site):
    """The double-submit token is not tied to the session: an attacker's own cookie and token pass the token check
    (a planted cookie). The browser's Origin or Sec-Fetch-Site still gives the other site away."""
    victim, attacker = _signed_in(site), Browser(site)
    token = attacker.csrf()
    victim.jar.set("mps_csrftoken", token, domain="127.0.0.1")
    for headers in (EVIL, {"sec-fetch-site": "cross-site"}, {"origin": "http://127.0.0.1:8000.evil.example"}):
        answer = victim.request("POST", "/deconnexion", headers={"x-csrftoken": token, **headers},
                                follow_redirects=False)
        assert answer.status_code == 403, headers
        assert "autre site" in answer.text
        assert _signed_in_still(victim)
    same_site = victim.request("POST", "/deconnexion", follow_redirects=False,
                               headers={"x-csrftoken": token, "origin": "http://127.0.0.1:8000",
                                        "sec-fetch-site": "same-origin"})
    assert same_site.status_code < 400
    assert not _signed_in_still(victim)


def test_every_unsafe_route_refuses_another_sites_origin(site):
    """Every unsafe route the CSRF check covers, with a valid token but another site's Origin: 403 before any
    handler (the sync lane, which checks the token itself, too). The exempt routes are left to their own checks."""
    browser = _signed_in(site)
    exempt = [re.compile(p) for p in site.app.csrf_config.exclude]
    passed, checked = [], 0
    for method, route, _ in route_methods(site.app, re.compile(NOT_OURS)):
        url = fill(route, {}, "1")
        if method in ("GET", "HEAD", "OPTIONS") or any(p.search(url) for p in exempt):
            continue
        answer = browser.request(method, url, json={}, follow_redirects=False,
                                 headers={"x-csrftoken": browser.csrf(), **EVIL})
        checked += 1
        if answer.status_code != 403 or "autre site" not in answer.text:
            passed.append(f"{answer.status_code} {method} {route.path}")
    assert checked > 30 and not passed, "\n".join(passed)
    assert _signed_in_still(browser)


def test_the_public_address_is_an_origin_of_ours(catalogue_db, smtp, tmp_path):
    """Behind a proxy that rewrites Host, the page's Origin is BASE_URL's: not another site; any other still is."""
    public = "https://monprojetsup.example.fr"
    with make_site(site_settings(catalogue_db, tmp_path, smtp.port, base_url=public)) as other:
        other.smtp = smtp
        browser = _signed_in(other)
        assert browser.api("POST", "/api/v1/sync", json={"ops": []}, headers={"origin": public}).status_code == 200
        refused = browser.api("POST", "/api/v1/sync", json={"ops": []}, headers=EVIL)
        assert refused.status_code == 403 and "autre site" in refused.json()["detail"]


def test_a_missing_or_wrong_csrf_token_is_said_in_french(site):
    browser = _signed_in(site)
    api = browser.request("POST", "/api/v1/sync", json={"ops": []}, headers={"x-csrftoken": "faux"})
    assert api.status_code == 403
    assert api.json()["detail"].startswith("Jeton de sécurité absent ou périmé")
    page = browser.request("POST", "/deconnexion", data={"x": "1"}, follow_redirects=False)
    assert page.status_code == 403 and "Jeton de sécurité absent ou périmé" in page.text
    assert "CSRF token" not in page.text + api.text
