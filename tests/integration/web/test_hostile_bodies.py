"""Bodies no client of the app sends: nested a thousand levels deep, not JSON, not UTF-8. Each answers 400 in French,
never 500 nor an English sentence of Litestar or msgspec (found by h7's probes of a production server)."""
from __future__ import annotations

import pytest

from tests.integration.accounts.fixtures import Browser, new_email

DEEP = b"[" * 3000 + b"]" * 3000
ENGLISH = ("JSON is malformed", "Invalid UTF-8", "Expected `", "'data'", "Validation failed", "unknown field")


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_nested_too_deep_is_refused_whatever_its_type(site, content_type):
    """Litestar decodes any body of a JSON route as JSON; msgspec's decoder gave up in a RecursionError (500)."""
    headers = {"content-type": content_type} if content_type else {}
    for url in ("/api/v1/suggestions", "/api/v1/suggestions/et-si"):  # no CSRF token needed: stateless
        answer = site.post(url, content=DEEP, headers=headers)
        assert answer.status_code == 400, (url, answer.status_code)
        assert "trop imbriqué" in answer.json()["detail"] and answer.json()["extra"][0]["key"] == "données"


def test_a_signed_in_json_write_nested_too_deep_is_refused(site):
    browser = Browser(site)
    browser.sign_in(new_email("profond"))
    for method, url in (("POST", "/api/v1/sync"), ("PUT", "/api/v1/profile"), ("POST", "/api/v1/me/family-links")):
        answer = browser.request(method, url, content=DEEP, headers={"x-csrftoken": browser.csrf(),
                                                                    "content-type": "application/json"})
        assert answer.status_code == 400 and "trop imbriqué" in answer.json()["detail"], (url, answer.text[:200])


def test_ordinary_bodies_still_pass(site):
    assert site.post("/api/v1/suggestions/et-si", json={"classe": "seconde", "interets": ["ci27"]}).status_code == 200


@pytest.mark.parametrize("body, said", [(b'{"profile": ', "pas un document JSON valide"),
                                        (b"\xff\xfe{}", "pas un document JSON valide"),
                                        (b'{"a": "\xff"}', "pas du texte UTF-8 valide"),
                                        (b'{"a": 1e400}', "nombre hors limites")])
def test_a_body_that_is_not_json_is_said_in_french(site, body, said):
    answer = site.post("/api/v1/suggestions", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400 and said in answer.json()["detail"]
    assert not any(english in answer.text for english in ENGLISH)


def test_the_fields_messages_are_french_too(site):
    """extra[].message repeated msgspec's English (« Expected `int` <= 50 »); a missing body said « 'data' »."""
    answer = site.post("/api/v1/suggestions", params={"limit": 999})
    assert answer.status_code == 400
    messages = {e["key"]: e["message"] for e in answer.json()["extra"]}
    assert messages == {"data": "corps absent", "limit": "attendu : un nombre inférieur ou égal à 50"}
    unknown = site.post("/api/v1/suggestions", json={"champ_inconnu": 1})
    assert unknown.status_code == 400 and not any(english in unknown.text for english in ENGLISH)


@pytest.mark.parametrize("as_ascii", [True, False])
def test_a_bidi_override_in_a_name_is_refused(site, as_ascii):
    """A family link's label (or a first name a teacher sees) holding U+202E would read backwards and turn the
    rest of the line around; written as a \\u escape or as raw UTF-8 bytes, it is refused naming the field."""
    import json
    browser = Browser(site)
    browser.sign_in(new_email("bidi"))
    body = json.dumps({"label": "\u202eamaM", "days": 7}, ensure_ascii=as_ascii).encode()
    answer = browser.request("POST", "/api/v1/me/family-links", content=body,
                             headers={"x-csrftoken": browser.csrf(), "content-type": "application/json"})
    assert answer.status_code == 400 and "non permis" in answer.json()["detail"], answer.text[:200]
    assert answer.json()["extra"][0]["key"] == "label"
    assert browser.get("/api/v1/me/family-links").json() == []


def test_a_bidi_override_in_a_search_is_refused(site):
    answer = site.get("/api/v1/formations", params={"q": "bts\u202ecompta"})
    assert answer.status_code == 400 and "non permis" in answer.json()["detail"]


def _multipart(fields: int) -> tuple[bytes, str]:
    parts = [f'--XyZ\r\nContent-Disposition: form-data; name="p{i}"\r\n\r\n1\r\n' for i in range(fields)]
    return ("".join(parts) + "--XyZ--\r\n").encode(), "multipart/form-data; boundary=XyZ"


@pytest.mark.parametrize("kind", ["urlencoded", "multipart"])
def test_a_form_of_more_than_a_thousand_fields_is_refused_before_it_is_parsed(site, kind):
    """200,000 empty fields (1.9 MB) held a worker 2 s; a multipart form past Litestar's 1,000 parts answered
    « Request Entity Too Large » in English."""
    def post(fields: int):
        if kind == "urlencoded":
            body, content_type = "&".join(f"p{i}=1" for i in range(fields)).encode(), "application/x-www-form-urlencoded"
        else:
            body, content_type = _multipart(fields)
        return site.post("/api/v1/suggestions/et-si", content=body, headers={"content-type": content_type})
    refused = post(1001)
    assert refused.status_code == 400 and "trop de champs" in refused.json()["detail"], refused.text[:200]
    assert not any(english in refused.text for english in ("Too Large", "Entity"))
    assert "trop de champs" not in post(1000).text  # (refused for what it is, not for its count)


def test_a_query_string_of_more_than_a_thousand_parameters_is_refused(site):
    many = site.get("/api/v1/formations?" + "&".join(["q=bts"] * 1001))
    assert many.status_code == 400 and "trop de paramètres" in many.json()["detail"]
    assert site.get("/api/v1/formations?" + "&".join(["q=bts"] * 1000)).status_code == 200


def test_a_large_document_with_refused_text_is_refused_without_walking_it(site):
    """Walking a million strings to name the field cost a worker about 250 ms per MB: past 64 KiB the document
    is searched once encoded again, and refused as a whole."""
    body = b'{"interets": [' + b'"a",' * 40_000 + b'"\\u0001"]}'
    answer = site.post("/api/v1/suggestions", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400 and answer.json()["extra"][0]["key"] == "données", answer.text[:200]
    assert "non permis" in answer.json()["detail"]
    harmless = b'{"interets": [' + b'"a\\\\b",' * 40_000 + b'"x"]}'  # suspect (an escaped backslash before b)
    answer = site.post("/api/v1/suggestions", content=harmless, headers={"content-type": "application/json"})
    assert "non permis" not in answer.text


def _part(headers: bytes, value: bytes) -> bytes:
    return b'--XyZ\r\nContent-Disposition: form-data; name="text"' + headers + b"\r\n\r\n" + value + b"\r\n--XyZ--\r\n"


@pytest.mark.parametrize("body", [_part(b"", b"\xff\xfe"),
                                  _part(b"\r\nContent-Type: text/plain; charset=utf-32", b"abc"),
                                  _part(b"\r\nContent-Type: text/plain; charset=inconnu", b"abc"),
                                  _part(b"\r\nContent-Type: text/plain; charset=rot13", b"abc")],
                         ids=["not utf-8", "not its charset", "unknown charset", "not a text charset"])
def test_a_multipart_part_that_does_not_decode_is_refused_in_french(site, body):
    """Litestar decodes each part with the charset it names: bytes not in it, or a charset Python lacks, answered
    500 (UnicodeDecodeError, LookupError) before any handler."""
    browser = Browser(site)
    answer = browser.request("POST", "/avis", content=body, headers={
        "x-csrftoken": browser.csrf(), "content-type": "multipart/form-data; boundary=XyZ"})
    assert answer.status_code == 400 and "illisible" in answer.text, answer.text[:300]


def test_a_malformed_multipart_body_is_said_in_french(site):
    browser = Browser(site)
    body = b'--XyZ\r\nContent-Disposition: form-data; name="text"; filename="a\r\nb.txt"\r\n\r\n5\r\n--XyZ--\r\n'
    answer = browser.request("POST", "/api/v1/sync", content=body, headers={
        "x-csrftoken": browser.csrf(), "content-type": "multipart/form-data; boundary=XyZ"})
    assert answer.status_code == 400 and "mal formé" in answer.json()["detail"], answer.text[:300]
