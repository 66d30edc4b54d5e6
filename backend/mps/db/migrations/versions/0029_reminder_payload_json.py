"""reminder_deliveries.payload: a JSON column instead of text holding JSON

Revision ID: 0029_reminder_payload_json
Revises: 0012_reminders
Create Date: 2026-12-01 03:40:00

The conversion and why SQLite keeps its text: mps/db/migrations/json_columns.py.
"""
from mps.db.migrations.json_columns import json_to_text, text_to_json

revision = '0029_reminder_payload_json'
down_revision = '0012_reminders'
branch_labels = None
depends_on = None

COLUMNS = [("reminder_deliveries", "payload", "{}", None)]


def upgrade() -> None:
    text_to_json(COLUMNS)


def downgrade() -> None:
    json_to_text(COLUMNS)
