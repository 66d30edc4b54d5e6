"""The word index of offers (migration 0028_stage_search_index): offers whose search_text holds, for each
query word, a word beginning with one of its forms.

SQLite: the FTS5 table stage_offers_fts (external content, kept by triggers). PostgreSQL: a GIN index on
stage_offer_words(search_text), the distinct words cut at CUT characters. Both split search_text on spaces
like `search_text LIKE '% form%'` does, so the index finds at least the offers the LIKE finds (exactly
those, but for words longer than CUT): search.py keeps the LIKE to confirm, and results stay the same.
"""
from __future__ import annotations

import json
import re

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

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


def holding(dialect: str, groups: Groups):
    """SQL condition: the offer holds every query word (in one of its forms), through the word index."""
    if dialect == "sqlite":
        return text("stage_offers.id IN (SELECT rowid FROM stage_offers_fts WHERE stage_offers_fts MATCH "
                    ":words_match)").bindparams(words_match=fts5_match(groups))
    return text("stage_offer_words(stage_offers.search_text) @@ CAST(:words_query AS tsquery)"
                ).bindparams(words_query=tsquery(groups))


async def holding_size(db: AsyncSession, groups: Groups, cap: int) -> int:
    """How many offers hold the words (any status). SQLite: counted from the FTS table, no further than
    `cap`. PostgreSQL: its planner's estimate, from the statistics ANALYZE keeps of the GIN expression's
    words (close: 5,237 estimated for 5,242 offers holding « hopital », 100,000 for « stage »), free of the
    heap visits a count would make."""
    if db.bind.dialect.name == "sqlite":
        sql = "SELECT rowid FROM stage_offers_fts WHERE stage_offers_fts MATCH :m LIMIT :cap"
        return await db.scalar(text(f"SELECT count(*) FROM ({sql})").bindparams(m=fts5_match(groups), cap=cap))
    plan = await db.scalar(text("EXPLAIN (FORMAT JSON) SELECT 1 FROM stage_offers WHERE "
                                "stage_offer_words(search_text) @@ CAST(:q AS tsquery)").bindparams(q=tsquery(groups)))
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return min(cap, int(plan[0]["Plan"]["Plan Rows"]))
