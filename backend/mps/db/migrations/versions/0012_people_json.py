"""profiles.data, profiles.edits, formation_marks.places: JSON columns instead of text holding JSON

Revision ID: 0012_people_json
Revises: 0011_ux_mark_position
Create Date: 2026-11-30 13:30:00

The conversion and why SQLite keeps its text: mps/db/migrations/json_columns.py.
"""
from mps.db.migrations.json_columns import json_to_text, text_to_json

revision = '0012_people_json'
down_revision = '0011_ux_mark_position'
branch_labels = None
depends_on = None

COLUMNS = [("profiles", "data", "{}", None), ("profiles", "edits", "{}", "{}"), ("formation_marks", "places", "[]", None)]


def upgrade() -> None:
    text_to_json(COLUMNS)


def downgrade() -> None:
    json_to_text(COLUMNS)
