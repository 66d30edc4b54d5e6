"""stages: a word index of the offers' search_text, so a keyword search reads the offers holding the words
instead of every offer of the area (SQLite FTS5 table kept by triggers, PostgreSQL GIN on the words); a
covering index of the periods for the period filter

Both index the words of search_text as split on spaces (it holds folded [a-z0-9] words), so a prefix match
on them finds the same offers as `search_text LIKE '% word%'`, which the search still applies to confirm.

Revision ID: 0028_stage_search_index
Revises: 0025_stage_reports
Create Date: 2026-11-30 21:20:00
"""
from alembic import op

revision = '0028_stage_search_index'
down_revision = '0025_stage_reports'
branch_labels = None
depends_on = None

# PostgreSQL: the distinct words, cut at 60 characters (a tsvector refuses words over 2,047 bytes and a
# description may hold one; the search cuts its prefixes the same way and confirms with LIKE).
WORDS_FUNCTION = """
CREATE FUNCTION stage_offer_words(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT array_to_tsvector(coalesce(array_agg(DISTINCT left(w, 60)), '{}'::text[]))
  FROM unnest(string_to_array(t, ' ')) AS w WHERE w <> ''
$$"""


def upgrade() -> None:
    # A period filter looks up each candidate offer's periods: the index alone answers it (no table read).
    op.create_index("ix_stage_offer_periods_open", "stage_offer_periods",
                    ["offer_id", "starts_on", "ends_on", "taken", "seats"])
    if op.get_bind().dialect.name == "sqlite":
        # External content: the words live in stage_offers; detail=none keeps only which offer holds a word.
        op.execute("CREATE VIRTUAL TABLE stage_offers_fts USING fts5(search_text, content='stage_offers', "
                   "content_rowid='id', detail='none')")
        op.execute("CREATE TRIGGER stage_offers_fts_insert AFTER INSERT ON stage_offers BEGIN "
                   "INSERT INTO stage_offers_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
        op.execute("CREATE TRIGGER stage_offers_fts_delete AFTER DELETE ON stage_offers BEGIN "
                   "INSERT INTO stage_offers_fts(stage_offers_fts, rowid, search_text) "
                   "VALUES ('delete', old.id, old.search_text); END")
        op.execute("CREATE TRIGGER stage_offers_fts_update AFTER UPDATE OF search_text ON stage_offers BEGIN "
                   "INSERT INTO stage_offers_fts(stage_offers_fts, rowid, search_text) "
                   "VALUES ('delete', old.id, old.search_text); "
                   "INSERT INTO stage_offers_fts(rowid, search_text) VALUES (new.id, new.search_text); END")
        op.execute("INSERT INTO stage_offers_fts(stage_offers_fts) VALUES ('rebuild')")
    else:
        op.execute(WORDS_FUNCTION)
        op.execute("CREATE INDEX ix_stage_offers_words ON stage_offers USING gin (stage_offer_words(search_text))")


def downgrade() -> None:
    op.drop_index("ix_stage_offer_periods_open", table_name="stage_offer_periods")
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS stage_offers_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS stage_offers_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_stage_offers_words")
        op.execute("DROP FUNCTION IF EXISTS stage_offer_words(text)")
