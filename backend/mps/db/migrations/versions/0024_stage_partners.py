"""stages: partner API tokens (hashed) and offers known by the partner's remote_id

Revision ID: 0024_stage_partners
Revises: 0021_stages_open_until
Create Date: 2026-11-30 16:15:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0024_stage_partners'
down_revision = '0021_stages_open_until'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'stage_partner_tokens',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('prefix', sa.String(length=16), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('label', sa.Text(), nullable=False),
        sa.Column('created_by', sa.String(length=32), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['organisation_id'], ['stage_organisations.id'],
                                name=op.f('fk_stage_partner_tokens_organisation_id_stage_organisations'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by'], ['people.id'], name=op.f('fk_stage_partner_tokens_created_by_people'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_partner_tokens')),
        sa.UniqueConstraint('prefix', name=op.f('uq_stage_partner_tokens_prefix')),
    )
    op.create_index(op.f('ix_stage_partner_tokens_organisation_id'), 'stage_partner_tokens', ['organisation_id'])
    # ADD COLUMN and CREATE INDEX: no table rebuild on SQLite, so the offers' R*Tree triggers stay.
    op.add_column('stage_offers', sa.Column('remote_id', sa.String(length=100), nullable=True))
    op.create_index('uq_stage_offers_remote_id', 'stage_offers', ['organisation_id', 'remote_id'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_stage_offers_remote_id', table_name='stage_offers')
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of stage_offers would lose its R*Tree triggers.
    op.execute("ALTER TABLE stage_offers DROP COLUMN remote_id")
    op.drop_index(op.f('ix_stage_partner_tokens_organisation_id'), table_name='stage_partner_tokens')
    op.drop_table('stage_partner_tokens')
