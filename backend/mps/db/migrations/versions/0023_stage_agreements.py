"""stages: conventions de stage, their signatories (one-time codes hashed) and audit trail

Revision ID: 0023_stage_agreements
Revises: 0022_stage_applications
Create Date: 2026-11-30 16:30:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0023_stage_agreements'
down_revision = '0022_stage_applications'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stage_agreements',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('student_id', sa.String(length=32), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('school_uai', sa.String(length=12), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('doc_hash', sa.String(length=64), nullable=False),
    sa.Column('frozen_hash', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('host_orgs', sa.Text(), nullable=False),
    sa.Column('restarts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['people.id'], name=op.f('fk_stage_agreements_student_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_agreements')),
    sa.UniqueConstraint('student_id', 'school_year', name=op.f('uq_stage_agreements_student_id'))
    )
    with op.batch_alter_table('stage_agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_agreements_student_id'), ['student_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stage_agreements_school_uai'), ['school_uai'], unique=False)

    op.create_table('stage_agreement_signatories',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=14), nullable=False),
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('link_nonce', sa.String(length=32), nullable=False),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code_hash', sa.String(length=64), nullable=True),
    sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('signed_hash', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['agreement_id'], ['stage_agreements.id'], name=op.f('fk_stage_agreement_signatories_agreement_id_stage_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_agreement_signatories')),
    sa.UniqueConstraint('agreement_id', 'role', 'slot', name=op.f('uq_stage_agreement_signatories_agreement_id'))
    )
    with op.batch_alter_table('stage_agreement_signatories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_agreement_signatories_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('stage_agreement_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('role', sa.String(length=14), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('doc_hash', sa.String(length=64), nullable=False),
    sa.Column('ip', sa.String(length=64), nullable=False),
    sa.Column('user_agent', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['stage_agreements.id'], name=op.f('fk_stage_agreement_events_agreement_id_stage_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_agreement_events'))
    )
    with op.batch_alter_table('stage_agreement_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_agreement_events_agreement_id'), ['agreement_id'], unique=False)


def downgrade() -> None:
    op.drop_table('stage_agreement_events')
    op.drop_table('stage_agreement_signatories')
    op.drop_table('stage_agreements')
