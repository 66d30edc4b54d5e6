"""places.wish_label and places.concours: what Parcoursup groups into one multiple wish

Revision ID: 0012_place_wish
Revises: 0010_formation_aliases
Create Date: 2026-11-30 13:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_place_wish'
down_revision = '0010_formation_aliases'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wish_label', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('concours', sa.Text(), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_column('concours')
        batch_op.drop_column('wish_label')
