"""formation_marks.on_parcoursup and note_shared: « Mes vœux » (issue 13)

Revision ID: 0012_plan_marks
Revises: 0002_people
Create Date: 2026-11-30 13:50:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_plan_marks'
down_revision = '0002_people'
branch_labels = ('plan',)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_parcoursup', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('note_shared', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.drop_column('note_shared')
        batch_op.drop_column('on_parcoursup')
