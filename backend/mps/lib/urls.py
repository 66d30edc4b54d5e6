"""Where a link may send a visitor back to: a path on this site, never another site."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

# Browsers drop tabs and line breaks inside URLs: "/\t/evil.example" becomes "//evil.example", another site.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def local_path(value: str | None) -> str | None:
    """"/recherche?q=bts" as is; None for anything a browser could read as another site or that is junk."""
    if not value or not value.startswith("/") or value.startswith("//") or _UNSAFE.search(value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    return value
