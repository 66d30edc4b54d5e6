"""timeline: class events and calendar feeds

Revision ID: 0012_timeline
Revises: 0002_people
Create Date: 2026-11-30 13:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0012_timeline'
down_revision = '0002_people'
branch_labels = ('timeline',)
depends_on = '0004b_followup'  # school_classes


def upgrade() -> None:
    op.create_table('class_events',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('teacher_id', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_classes.id'], name=op.f('fk_class_events_class_id_school_classes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['teacher_id'], ['people.id'], name=op.f('fk_class_events_teacher_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_events'))
    )
    with op.batch_alter_table('class_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_events_class_id'), ['class_id'], unique=False)

    op.create_table('calendar_feeds',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_calendar_feeds_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds'))
    )
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feeds_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('calendar_feeds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feeds_person_id'))
    op.drop_table('calendar_feeds')
    with op.batch_alter_table('class_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_events_class_id'))
    op.drop_table('class_events')
