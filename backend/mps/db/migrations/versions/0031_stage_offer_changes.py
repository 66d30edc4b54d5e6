"""stages: a log of the offers' changes (kept by triggers), so each worker's in-memory copy of what the board
search filters on (stages/offer_memory.py) knows, in the statement that reads a page, whether it is still exact

Only the columns the search filters on (or inserts and deletes) write a line. SQLite: `tx` is an AUTOINCREMENT
key (one writer at a time: keys grow in commit order). PostgreSQL: `tx` is the writing transaction's id
(xid8), so a reader that remembers its snapshot's xmin finds every change committed after, in whatever order
the writers commit (a sequence's numbers are not committed in order).

Revision ID: 0031_stage_offer_changes
Revises: 0030_stage_period_mask
Create Date: 2026-12-01 21:00:00
"""
from alembic import op

revision = '0031_stage_offer_changes'
down_revision = '0030_stage_period_mask'
branch_labels = None
depends_on = None

# What stages/offer_memory.py keeps of an offer.
COLUMNS = ("status, demo, published_at, open_to_all_at, open_until, reserved, reserved_uais, school_year, "
           "period_mask, niveau, secteur, lat, lon")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TABLE stage_offer_changes (tx INTEGER PRIMARY KEY AUTOINCREMENT, offer_id INTEGER NOT NULL)")
        for name, event, row in (("insert", "INSERT", "new"), ("delete", "DELETE", "old"),
                                 ("update", f"UPDATE OF {COLUMNS}", "new")):
            op.execute(f"CREATE TRIGGER stage_offer_changes_{name} AFTER {event} ON stage_offers BEGIN "
                       f"INSERT INTO stage_offer_changes(offer_id) VALUES ({row}.id); END")
        return
    op.execute("CREATE TABLE stage_offer_changes (id bigserial PRIMARY KEY, "
               "tx xid8 NOT NULL DEFAULT pg_current_xact_id(), offer_id integer NOT NULL)")
    op.execute("CREATE INDEX ix_stage_offer_changes_tx ON stage_offer_changes (tx)")
    op.execute("CREATE FUNCTION stage_offer_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "INSERT INTO stage_offer_changes(offer_id) VALUES (CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END); "
               "RETURN NULL; END $$")
    op.execute(f"CREATE TRIGGER stage_offer_changes AFTER INSERT OR DELETE OR UPDATE OF {COLUMNS} ON stage_offers "
               "FOR EACH ROW EXECUTE FUNCTION stage_offer_changed()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER stage_offer_changes_{name}")
    else:
        op.execute("DROP TRIGGER stage_offer_changes ON stage_offers")
        op.execute("DROP FUNCTION stage_offer_changed()")
    op.execute("DROP TABLE stage_offer_changes")
