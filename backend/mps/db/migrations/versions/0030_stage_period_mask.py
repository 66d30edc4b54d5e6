"""stages: offers keep a bit per period with a seat left (period_mask), so the search's period filter tests the
offer row instead of looking up its periods (two thirds of a period search's SQL on SQLite)

The bits are mps.domain.stages.periods.period_bit's: a 3e week's ISO week number, seconde's codes 54..56;
the write path keeps the mask with open_until (offers.refresh_open_periods).

Revision ID: 0030_stage_period_mask
Revises: 0027_stage_figures_job
Create Date: 2026-12-01 13:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0030_stage_period_mask'
down_revision = '0027_stage_figures_job'
branch_labels = None
depends_on = None

BIT = ("CASE p.code WHEN 'deux-semaines' THEN CAST(1 AS BIGINT) << 54 WHEN 'semaine-1' THEN CAST(1 AS BIGINT) << 55 "
       "WHEN 'semaine-2' THEN CAST(1 AS BIGINT) << 56 ELSE CAST(1 AS BIGINT) << CAST(substr(p.code, 7, 2) AS INTEGER) END")


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite keeps the table (and the R*Tree and word index triggers on it).
    op.add_column('stage_offers', sa.Column('period_mask', sa.BigInteger(), nullable=False, server_default='0'))
    # The OR of distinct powers of two is their sum (SQLite has no bit_or).
    either = f"bit_or({BIT})" if op.get_bind().dialect.name == "postgresql" else f"sum(DISTINCT {BIT})"
    op.execute(f"UPDATE stage_offers SET period_mask = coalesce((SELECT {either} FROM stage_offer_periods p "
               "WHERE p.offer_id = stage_offers.id AND p.taken < p.seats), 0)")


def downgrade() -> None:
    op.drop_column('stage_offers', 'period_mask')
