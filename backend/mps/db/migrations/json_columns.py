"""Turning text columns that hold JSON into JSON columns, for the migrations of each area's branch.

On both databases an empty text becomes the empty value (the old readers took "" as empty). PostgreSQL
then converts the text in place (`USING col::json`). SQLite has no JSON storage of its own: SQLAlchemy's
JSON type writes and reads the JSON text the column already holds, so its column stays as declared
(re-declaring it JSON would copy the table and give the column NUMERIC affinity).

columns: (table, column, empty value, server default or None).
"""
from __future__ import annotations

from alembic import op


def text_to_json(columns: list[tuple[str, str, str, str | None]]) -> None:
    for table, column, empty, _default in columns:
        op.execute(f"UPDATE {table} SET {column} = '{empty}' WHERE {column} IS NULL OR trim({column}) = ''")
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _empty, default in columns:
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE JSON USING {column}::json")
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT '{default}'::json")


def json_to_text(columns: list[tuple[str, str, str, str | None]]) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column, _empty, default in columns:
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE TEXT USING {column}::text")
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT '{default}'")
