"""Every HTML page a test client receives is checked for style attributes: the CSP refuses them
(mps.web.security: no 'unsafe-inline'), so a browser would drop one and the page would look broken only there.
Every answer's Content-Type is checked too: one charset at most. tests/conftest.py installs the checks for the
whole session."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx

# « style= » (any case, spaces before « = »): every page says « stylesheet », which a plain « style » took for one.
_MAYBE_STYLE = re.compile(rb"style\s*=", re.IGNORECASE)


class _StyleAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} style=\"{value}\">" for name, value in attrs if name == "style"]

    handle_startendtag = handle_starttag


def style_attributes(html: str) -> list[str]:
    """The elements of `html` that carry a style attribute (attribute values and text are parsed, not searched:
    an escaped « style= » typed by a visitor is not one)."""
    parser = _StyleAttributes()
    parser.feed(html)
    parser.close()
    return parser.found


def check_page(response: httpx.Response) -> None:
    # The back-office and the API explorer (other apps, CSP frame-ancestors only) keep their own styles.
    if "text/html" not in response.headers.get("content-type", "") or "style-src" not in response.headers.get(
            "content-security-policy", ""):
        return
    try:
        body = response.content
    except httpx.ResponseNotRead:  # a streamed answer the test reads itself
        return
    if _MAYBE_STYLE.search(body):  # parsing only the pages that could have one keeps the whole suite's cost small
        found = style_attributes(body.decode("utf-8", "replace"))
        assert not found, f"{response.request.url} has style attributes, which the CSP refuses: {found}"


def check_content_type(response: httpx.Response) -> None:
    # Litestar appends « ; charset=utf-8 » to a text/* media type: one written with it was sent with two.
    content_type = response.headers.get("content-type", "")
    assert content_type.count("charset=") <= 1, f"{response.request.url}: Content-Type {content_type!r}"


def checking_send(send):
    def send_and_check(self, request, **kwargs):
        response = send(self, request, **kwargs)
        check_content_type(response)
        check_page(response)
        return response
    return send_and_check
