"""stages: an edit of an offer's search_text writes a line in stage_offer_changes too, now that each worker's
copy of the offers (stages/offer_memory.py) answers keyword searches from its own word index (offer_words.py);
PostgreSQL: an index of the log's pruning marks (lines for offer 0, offer_memory.prune_changes), whose newest
every search compares with its copy's horizon (page_sql._pruned)

Revision ID: 0032_stage_offer_changes_words
Revises: 0031_stage_offer_changes
Create Date: 2026-12-02 00:40:00
"""
from alembic import op

revision = '0032_stage_offer_changes_words'
down_revision = '0031_stage_offer_changes'
branch_labels = None
depends_on = None

BEFORE = ("status, demo, published_at, open_to_all_at, open_until, reserved, reserved_uais, school_year, "
          "period_mask, niveau, secteur, lat, lon")
COLUMNS = f"{BEFORE}, search_text"  # what stages/offer_memory.py keeps of an offer


def _triggers(columns: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER stage_offer_changes_update")
        op.execute(f"CREATE TRIGGER stage_offer_changes_update AFTER UPDATE OF {columns} ON stage_offers BEGIN "
                   "INSERT INTO stage_offer_changes(offer_id) VALUES (new.id); END")
        return
    op.execute("DROP TRIGGER stage_offer_changes ON stage_offers")
    op.execute(f"CREATE TRIGGER stage_offer_changes AFTER INSERT OR DELETE OR UPDATE OF {columns} ON stage_offers "
               "FOR EACH ROW EXECUTE FUNCTION stage_offer_changed()")


def upgrade() -> None:
    _triggers(COLUMNS)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_stage_offer_changes_marks ON stage_offer_changes (tx) WHERE offer_id = 0")


def downgrade() -> None:
    _triggers(BEFORE)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_stage_offer_changes_marks")
