"""catalogue_imports.counts: a JSON column instead of text holding JSON

Revision ID: 0012_catalogue_json
Revises: 0010_formation_aliases
Create Date: 2026-11-30 13:30:00

The conversion and why SQLite keeps its text: mps/db/migrations/json_columns.py.
"""
from mps.db.migrations.json_columns import json_to_text, text_to_json

revision = '0012_catalogue_json'
down_revision = '0010_formation_aliases'
branch_labels = None
depends_on = None

COLUMNS = [("catalogue_imports", "counts", "{}", None)]


def upgrade() -> None:
    text_to_json(COLUMNS)


def downgrade() -> None:
    json_to_text(COLUMNS)
