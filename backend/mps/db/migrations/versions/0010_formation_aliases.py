"""formation_aliases: old formation ids (twins merged into one filière) -> today's formation

Revision ID: 0010_formation_aliases
Revises: 0009_place_options
Create Date: 2026-11-23 09:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010_formation_aliases'
down_revision = '0009_place_options'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('formation_aliases',
    sa.Column('old_id', sa.String(length=120), nullable=False),
    sa.Column('formation_id', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('old_id', name=op.f('pk_formation_aliases'))
    )
    with op.batch_alter_table('formation_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_formation_aliases_formation_id'), ['formation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('formation_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_formation_aliases_formation_id'))
    op.drop_table('formation_aliases')
