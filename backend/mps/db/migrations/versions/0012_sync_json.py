"""sync_items.state: a JSON column instead of text holding JSON

Revision ID: 0012_sync_json
Revises: 0008_sync
Create Date: 2026-11-30 13:30:00

The conversion and why SQLite keeps its text: mps/db/migrations/json_columns.py.
"""
from mps.db.migrations.json_columns import json_to_text, text_to_json

revision = '0012_sync_json'
down_revision = '0008_sync'
branch_labels = None
depends_on = None

COLUMNS = [("sync_items", "state", "{}", None)]


def upgrade() -> None:
    text_to_json(COLUMNS)


def downgrade() -> None:
    json_to_text(COLUMNS)
