"""CSV cells a spreadsheet opens safely."""
from __future__ import annotations


def safe_cell(value) -> str:
    """A spreadsheet must not run a cell as a formula (a note or a name starting with « = » or « @ »)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
