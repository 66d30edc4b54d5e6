"""mps.web.lanes.first_values reads a raw query string as Litestar does (parse_qsl, blank values kept, the first
value of a name winning), written out for the uncached search's sake: any query string, the same dict."""
from __future__ import annotations

from urllib.parse import parse_qsl

from hypothesis import given, settings, strategies as st

from mps.web.lanes import first_values


def as_litestar(query_string: bytes) -> dict[str, str]:
    params: dict[str, str] = {}
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, separator="&"):
        params.setdefault(name, value)
    return params


CASES = [b"", b"&", b"q=bts+compta+Vannes", b"q=%C3%A9cole%20d%27ing%C3%A9&page=2", b"q=a&q=b", b"q&page=",
         b"=x&q==y", b"q=%E9t%C3", b"q=100%25+s%FBr", b"q%3D=1&q=2", b"a+b=c+d&&&page=3", b"q=%zz%2", b"q=\xe9t\xe9"]


def test_examples_read_as_litestar_reads_them():
    for case in CASES:
        assert first_values(case) == as_litestar(case), case
    assert first_values(b"q=bts+compta+Vannes&q=x") == {"q": "bts compta Vannes"}
    assert first_values(b"q=%C3%A9cole") == {"q": "école"}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["q", "=", "&", "+", "%", "%C3", "%A9", "%2", "a", "é", " ", "page", "%3D", "%26"]),
                max_size=16).map("".join))
def test_any_query_string_reads_as_litestar_reads_it(text):
    raw = text.encode("utf-8")
    assert first_values(raw) == as_litestar(raw)
