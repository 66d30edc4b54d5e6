"""stages: offers keep the latest start of a period with a seat left (search without visiting periods)

Revision ID: 0021_stages_open_until
Revises: 0020_stages
Create Date: 2026-11-30 14:35:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0021_stages_open_until'
down_revision = '0020_stages'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stage_offers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('open_until', sa.Date(), nullable=True))
    op.execute("UPDATE stage_offers SET open_until = (SELECT max(p.starts_on) FROM stage_offer_periods p "
               "WHERE p.offer_id = stage_offers.id AND p.taken < p.seats)")


def downgrade() -> None:
    with op.batch_alter_table('stage_offers', schema=None) as batch_op:
        batch_op.drop_column('open_until')
