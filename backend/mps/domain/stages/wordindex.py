"""The word index of offers (migration 0028_stage_search_index): offers whose search_text holds, for each
query word, a word beginning with one of its forms.

SQLite: the FTS5 table stage_offers_fts (external content, kept by triggers). PostgreSQL: a GIN index on
stage_offer_words(search_text), the distinct words cut at CUT characters. Both split search_text on spaces
like `search_text LIKE '% form%'` does, so the index finds at least the offers the LIKE finds (exactly
those, but for words longer than CUT): search.py keeps the LIKE to confirm, and results stay the same.
The condition and the counts that go through the index are in page_sql.py and nearest.py.
"""
from __future__ import annotations

import re

CUT = 60  # as in the migration's stage_offer_words()
_WORD = re.compile(r"^[a-z0-9]+$")  # folded words (mps.lib.text.fold): nothing to escape in either syntax

Groups = list[list[str]]  # for each query word, the forms it may stand for


def _clean(groups: Groups) -> Groups:
    return [[f[:CUT] for f in forms if _WORD.match(f)] for forms in groups]


def fts5_match(groups: Groups) -> str:
    """'("hopital"* OR "hopitaux"*) AND ("garage"*)'."""
    return " AND ".join("(" + " OR ".join(f'"{f}"*' for f in forms) + ")" for forms in _clean(groups))


def tsquery(groups: Groups) -> str:
    """"('hopital':* | 'hopitaux':*) & ('garage':*)", read by the tsquery type itself (no parser, no stemming)."""
    return " & ".join("(" + " | ".join(f"'{f}':*" for f in forms) + ")" for forms in _clean(groups))


def usable(groups: Groups) -> bool:
    return bool(groups) and all(_clean([forms])[0] for forms in groups)
