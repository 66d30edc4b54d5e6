"""Security headers on every page: CSP without inline scripts or styles, no framing, referrer and device APIs limited,
HSTS over HTTPS only."""
from __future__ import annotations

import re

import httpx
import pytest

from mps.web.security import CSP
from tests.conftest import ROOT
from tests.inline_styles import check_page, style_attributes
from tests.integration.accounts.fixtures import Browser


def test_pages_carry_the_security_headers(site):
    for path in ("/", "/recherche?q=bts", "/connexion", "/hors-ligne"):
        headers = Browser(site).get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
        assert "'unsafe-inline'" not in csp and "style-src-attr" not in csp  # no inline script, no style attribute
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"]
        assert "strict-transport-security" not in headers  # plain HTTP: no HSTS


def test_hsts_over_https_only(site):
    assert "max-age=" in Browser(site).get("https://127.0.0.1:8000/").headers["strict-transport-security"]


def test_the_back_office_is_never_framed(site):
    assert Browser(site).get("/admin/").headers["content-security-policy"] == "frame-ancestors 'none'"


def test_no_template_has_an_inline_script():
    inline = [str(p) for p in (ROOT / "frontend" / "templates").rglob("*.html")
              if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", p.read_text()) or re.search(r"\son[a-z]+=", p.read_text())]
    assert inline == []


def test_no_template_has_a_style_attribute():
    """The CSP refuses them; a bar's width is a data-w attribute (the bar_width filter) that app.css has a rule for.
    Pages served in tests are checked too (tests/inline_styles.py)."""
    styled = [str(p) for p in (ROOT / "frontend" / "templates").rglob("*.html") if style_attributes(p.read_text())
              or re.search(r"\sstyle\s*=", p.read_text())]
    assert styled == []


def test_a_page_with_a_style_attribute_would_be_caught():
    html = '<p>Une barre : <span class="mps-bar" style="--w: 4%"></span>, un texte tapé : &lt;b style="x"&gt;</p>'
    assert style_attributes(html) == ['<span style="--w: 4%">']
    response = httpx.Response(200, headers={"content-type": "text/html; charset=utf-8", "content-security-policy": CSP},
                              text=html,
                              request=httpx.Request("GET", "http://127.0.0.1:8000/x"))
    with pytest.raises(AssertionError, match="style attributes"):
        check_page(response)


def test_bars_are_drawn_by_rules_for_every_whole_percent(app_client):
    """The width of each bar of a place's page is one of app.css's rules (frontend/build/css.mjs), 0 to 100."""
    html = app_client.get("/fiches/7901").text  # admitted by bac and by mention
    widths = re.findall(r'class="mps-bar" data-w="(\d+)"', html)
    assert widths and all(0 <= int(w) <= 100 for w in widths)
    css = app_client.get(re.search(r'href="(/static/css/app\.[0-9a-f]+\.css)"', html)[1]).text  # as served
    for w in (0, 42, 100):
        assert f'.mps-bar[data-w="{w}"]{{--w:{w}%}}' in css


def test_the_public_read_only_api_skips_csrf_and_sessions_but_keeps_headers_and_request_id(site):
    """The catalogue API and the health checks step over the CSRF and session middlewares (PUBLIC_READ_ONLY):
    their answers still carry the security headers and a request id, set no cookie, even to a signed-in browser."""
    browser = Browser(site)
    browser.sign_in("lecteur.api@example.fr")
    for path in ("/api/v1/formations?q=bts+compta+Vannes", "/api/v1/formations?q=licence", "/healthz"):
        response = browser.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])
        assert "set-cookie" not in response.headers, path


def test_an_unsafe_method_on_the_public_read_only_api_is_refused(site):
    """Skipping the CSRF middleware lets no write through: those routes serve GET only (a POST is 405)."""
    browser = Browser(site)
    browser.sign_in("ecrivain.api@example.fr")
    for path in ("/api/v1/formations", "/api/v1/formations/x", "/healthz"):
        response = browser.request("POST", path, json={})  # no CSRF token sent
        assert response.status_code == 405, path
        assert response.headers["x-content-type-options"] == "nosniff"
