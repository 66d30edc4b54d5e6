"""stages: applications of students to offer periods, and their events

Revision ID: 0022_stage_applications
Revises: 0021_stages_open_until
Create Date: 2026-11-30 16:15:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0022_stage_applications'
down_revision = '0021_stages_open_until'
branch_labels = None
depends_on = None

ACTIVE = sa.text("status IN ('submitted', 'read', 'accepted', 'confirmed')")


def upgrade() -> None:
    op.create_table('stage_applications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('student_id', sa.String(length=32), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('period_code', sa.String(length=16), nullable=False),
    sa.Column('school_year', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('motivation', sa.Text(), nullable=False),
    sa.Column('first_name', sa.String(length=60), nullable=False),
    sa.Column('school_uai', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expiry_reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reject_reason', sa.Text(), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('cancelled_by', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['people.id'], name=op.f('fk_stage_applications_student_id_people'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['offer_id'], ['stage_offers.id'], name=op.f('fk_stage_applications_offer_id_stage_offers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['period_id'], ['stage_offer_periods.id'], name=op.f('fk_stage_applications_period_id_stage_offer_periods'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_applications'))
    )
    with op.batch_alter_table('stage_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_applications_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index('ix_stage_applications_student_status', ['student_id', 'status'], unique=False)
        batch_op.create_index('ix_stage_applications_status_expires', ['status', 'expires_at'], unique=False)
        batch_op.create_index('ix_stage_applications_active_once', ['student_id', 'period_id'], unique=True,
                              sqlite_where=ACTIVE, postgresql_where=ACTIVE)

    op.create_table('stage_application_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.String(length=32), nullable=True),
    sa.Column('actor_role', sa.String(length=10), nullable=False),
    sa.Column('from_status', sa.String(length=10), nullable=False),
    sa.Column('to_status', sa.String(length=10), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['stage_applications.id'], name=op.f('fk_stage_application_events_application_id_stage_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['actor_id'], ['people.id'], name=op.f('fk_stage_application_events_actor_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stage_application_events'))
    )
    with op.batch_alter_table('stage_application_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_application_events_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stage_application_events_at'), ['at'], unique=False)


def downgrade() -> None:
    op.drop_table('stage_application_events')
    op.drop_table('stage_applications')
