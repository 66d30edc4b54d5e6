"""Security headers on every page: CSP without inline scripts, no framing, referrer and device APIs limited,
HSTS over HTTPS only."""
from __future__ import annotations

import re

from tests.conftest import ROOT
from tests.integration.accounts.fixtures import Browser


def test_pages_carry_the_security_headers(site):
    for path in ("/", "/recherche?q=bts", "/connexion", "/hors-ligne"):
        headers = Browser(site).get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
        assert "'unsafe-inline'" not in csp.split("style-src-attr")[0]  # scripts never inline
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
