"""mps.web.security.security_headers adds every security header an answer lacks, and keeps one a handler set."""
from __future__ import annotations

from mps.web.security import CSP, HEADERS, HSTS, security_headers


def _sent(headers, path=b"/api/v1/formations", scheme="http"):
    message = {"type": "http.response.start", "status": 200, "headers": headers}
    security_headers(message, {"raw_path": path, "scheme": scheme})
    return message["headers"]


def test_an_answer_gets_all_of_them_after_its_own():
    own = [(b"content-type", b"application/json"), (b"x-request-id", b"abcdefgh12")]
    assert _sent(own) == [*own, (b"content-security-policy", CSP.encode()), *HEADERS]
    assert _sent(own, scheme="https") == [*own, (b"content-security-policy", CSP.encode()), *HEADERS, HSTS]
    assert dict(_sent([], path=b"/admin/"))[b"content-security-policy"] == b"frame-ancestors 'none'"


def test_a_header_the_handler_set_itself_is_kept_whatever_its_case():
    for name in (b"referrer-policy", b"Referrer-Policy"):
        sent = _sent([(b"content-type", b"text/html"), (name, b"no-referrer")], scheme="https")
        assert [value for n, value in sent if n.lower() == b"referrer-policy"] == [b"no-referrer"]
        assert {n.lower() for n, _ in sent} == {b"content-type", b"content-security-policy", *(n for n, _ in HEADERS),
                                                 HSTS[0]}
    assert _sent(None) == [(b"content-security-policy", CSP.encode()), *HEADERS]  # no headers at all
