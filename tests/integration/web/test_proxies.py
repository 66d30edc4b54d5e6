"""Behind a reverse proxy: the client address and the scheme come only through trusted hops.

Three cases: no proxy trusted (headers ignored), a request through the trusted proxy (the address left of
it in X-Forwarded-For, the scheme it says), a request from another peer (headers ignored). The client
address is seen through what depends on it: the per-IP sign-in limit (2 per hour here).
"""
from __future__ import annotations

import dataclasses

import pytest

from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.peer import peer

PROXY = "10.0.0.5"
TRUSTED = (PROXY, "10.8.0.0/16")


@pytest.fixture(params=[(), TRUSTED], ids=["no-proxy-trusted", "proxy-trusted"])
def client(request, catalogue_db, smtp, tmp_path):
    settings = site_settings(catalogue_db, tmp_path, smtp.port, sign_in_per_ip=(2, 3600),
                             sign_in_per_address=(100, 3600))
    with make_site(dataclasses.replace(settings, trusted_proxies=request.param)) as c:
        c.smtp, c.trusted = smtp, bool(request.param)
        yield c


def ask_link(client, forwarded_for: str | None = None, proto: str | None = None):
    headers = {k: v for k, v in (("x-forwarded-for", forwarded_for), ("x-forwarded-proto", proto)) if v}
    browser = Browser(client)
    browser.csrf()
    return browser.post_form("/connexion", {"email": new_email()}, headers=headers)


def test_visitors_behind_the_proxy_each_have_their_own_limit(client):
    with peer(client, PROXY):
        codes = [ask_link(client, f"198.51.100.{i}").status_code for i in range(1, 5)]
    # Trusted: four visitors, four buckets. Not trusted: the proxy is the only client, so one shared bucket.
    assert codes == ([200, 200, 200, 200] if client.trusted else [200, 200, 429, 429])


def test_an_address_written_by_the_visitor_is_never_believed(client):
    # Each visitor prepends a made-up address; the trusted proxy appends the real one (203.0.113.9).
    with peer(client, PROXY):
        codes = [ask_link(client, f"192.0.2.{i}, 203.0.113.9").status_code for i in range(1, 4)]
    assert codes == [200, 200, 429]


@pytest.mark.parametrize("client", [TRUSTED], indirect=True, ids=["proxy-trusted"])
def test_hops_inside_the_trusted_network_are_skipped(client):
    with peer(client, PROXY):  # visitor -> edge proxy 10.8.1.1 -> our proxy 10.0.0.5
        codes = [ask_link(client, f"198.51.100.{i}, 10.8.1.1").status_code for i in range(20, 23)]
    assert codes == [200, 200, 200]


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address(client):
    with peer(client, "192.0.2.200"):
        codes = [ask_link(client, f"198.51.100.{i}").status_code for i in range(30, 33)]
    assert codes == [200, 200, 429]


def test_cookies_are_secure_only_when_a_trusted_proxy_says_https(client):
    with peer(client, PROXY):
        through_proxy = Browser(client).get("/connexion", headers={"x-forwarded-proto": "https"})
    with peer(client, "192.0.2.200"):
        direct = Browser(client).get("/connexion", headers={"x-forwarded-proto": "https"})
    cookie = through_proxy.headers["set-cookie"]
    assert cookie.startswith("mps_csrftoken=")
    assert ("Secure" in cookie) is client.trusted
    assert "Secure" not in direct.headers["set-cookie"]


def test_a_loopback_peer_is_not_trusted_unless_listed(client):
    # uvicorn would believe X-Forwarded-For from 127.0.0.1 (mps serve turns that off:
    # tests/unit/test_serve_proxy_headers.py); the app counts the loopback peer as one client.
    with peer(client, "127.0.0.1"):
        codes = [ask_link(client, f"198.51.100.{i}").status_code for i in range(40, 43)]
    assert codes == [200, 200, 429]


def test_other_address_headers_are_never_read(client):
    """X-Real-IP, Forwarded (RFC 7239), True-Client-IP, X-Client-IP: no proxy of ours sets them, so a visitor who
    writes them, even through the trusted proxy, stays in the bucket of the address it really comes from."""
    with peer(client, "192.0.2.201"):
        browser = Browser(client)
        browser.csrf()
        codes = [browser.post_form("/connexion", {"email": new_email()}, headers={
            "x-real-ip": f"198.51.100.{i}", "forwarded": f"for=198.51.100.{i};proto=https",
            "true-client-ip": f"198.51.100.{i}", "x-client-ip": f"198.51.100.{i}"}).status_code for i in range(50, 53)]
    assert codes == [200, 200, 429]
