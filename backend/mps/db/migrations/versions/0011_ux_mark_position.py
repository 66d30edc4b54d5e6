"""formation_marks: position (the student's own order of their favourites)

Revision ID: 0011_ux_mark_position
Revises: 0010_ux_profile_edits
Create Date: 2026-11-30 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0011_ux_mark_position'
down_revision = '0010_ux_profile_edits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE formation_marks SET position = id")  # until now: the order they were created in


def downgrade() -> None:
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.drop_column('position')
