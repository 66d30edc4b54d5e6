"""Links back to "the page you came from" and after sign-in stay on this site, whatever a browser strips."""
from __future__ import annotations

import pytest

from mps.domain.accounts.tokens import safe_next
from mps.domain.feedback.service import safe_page
from mps.lib.urls import local_path

OFF_SITE = ["//evil.example/x", "/\t/evil.example/phish", "/\n/evil.example", "/\r/evil.example", "\t//evil.example",
            "/\\evil.example", "\\\\evil.example", "https://evil.example/", "javascript:alert(1)", "/\x00/x",
            "/ \t/evil.example", "evil.example", "", None]


@pytest.mark.parametrize("value", OFF_SITE)
def test_nothing_that_can_leave_the_site(value):
    assert local_path(value) is None
    assert safe_page(value) == "" and safe_next(value) == "/compte"


def test_paths_of_the_site_are_kept():
    for value in ("/recherche?q=bts compta", "/formations/bts-sio?x=1#top", "/"):
        assert local_path(value) == value == safe_page(value) == safe_next(value)
