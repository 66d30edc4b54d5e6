"""stages: the board's figures as last computed by their background job (table stage_figures), so the
figures page never computes inside a request

Revision ID: 0027_stage_figures_job
Revises: 0028_stage_search_index
Create Date: 2026-11-30 21:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0027_stage_figures_job'
down_revision = '0028_stage_search_index'
branch_labels = None
depends_on = None


def _json():
    # PostgreSQL's json; on SQLite a TEXT column holding the JSON, like the other areas' JSON columns.
    return sa.JSON() if op.get_bind().dialect.name == "postgresql" else sa.Text()


def upgrade() -> None:
    op.create_table('stage_figures',
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('niveau', sa.String(length=8), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rows', _json(), nullable=False),
    sa.Column('running_since', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('school_year', 'niveau', name=op.f('pk_stage_figures'))
    )


def downgrade() -> None:
    op.drop_table('stage_figures')
