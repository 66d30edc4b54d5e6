"""profiles.data, profiles.edits, formation_marks.places: JSON columns instead of text holding JSON

Revision ID: 0012_people_json
Revises: 0011_ux_mark_position
Create Date: 2026-11-30 13:30:00

On both databases an empty text becomes the empty value (the old readers took "" as empty). PostgreSQL
then converts the text in place (`USING col::json`). SQLite has no JSON storage of its own: SQLAlchemy's
JSON type writes and reads the JSON text the column already holds, so its column stays as declared
(re-declaring it JSON would copy the table and give the column NUMERIC affinity).
"""
from alembic import op

revision = '0012_people_json'
down_revision = '0011_ux_mark_position'
branch_labels = None
depends_on = None

COLUMNS = [("profiles", "data", "{}", None), ("profiles", "edits", "{}", "{}"), ("formation_marks", "places", "[]", None)]


def upgrade() -> None:
    for table, column, empty, _default in COLUMNS:
        op.execute(f"UPDATE {table} SET {column} = '{empty}' WHERE {column} IS NULL OR trim({column}) = ''")
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _empty, default in COLUMNS:
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE JSON USING {column}::json")
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT '{default}'::json")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _empty, default in COLUMNS:
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT USING {column}::text")
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT '{default}'")
