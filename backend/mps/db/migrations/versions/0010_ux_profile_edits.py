"""profiles: edit times of each answer (merge at sign-in on another device)

Revision ID: 0010_ux_profile_edits
Revises: 0002_people
Create Date: 2026-11-23 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_ux_profile_edits'
down_revision = '0002_people'
branch_labels = ('ux',)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edits', sa.Text(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('profiles', schema=None) as batch_op:
        batch_op.drop_column('edits')
