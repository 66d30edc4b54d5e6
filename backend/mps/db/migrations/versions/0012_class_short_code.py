"""school_classes: a short join code (8 characters, no look-alikes) instead of a 76-character signed one

Revision ID: 0012_class_short_code
Revises: 0004b_followup
Create Date: 2026-11-30 13:30:00

The column `join_nonce` now holds the code itself (unique): every class gets a fresh code here, so the
long codes given so far stop working (teachers see the new one on their class page).
"""
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0012_class_short_code'
down_revision = '0004b_followup'
branch_labels = ('classes_code',)
depends_on = None

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # as mps.domain.classes.service.CODE_ALPHABET, frozen here


def upgrade() -> None:
    conn = op.get_bind()
    classes = sa.table('school_classes', sa.column('id', sa.String), sa.column('join_nonce', sa.String))
    used: set[str] = set()
    for (class_id,) in conn.execute(sa.select(classes.c.id)).all():
        code = ""
        while not code or code in used:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        used.add(code)
        conn.execute(classes.update().where(classes.c.id == class_id).values(join_nonce=code))
    op.create_index('ix_school_classes_join_nonce', 'school_classes', ['join_nonce'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_school_classes_join_nonce', table_name='school_classes')
