"""stages: before and after a stage: the preparation checklist's ticks and the student's report with
its consent to the teacher (tables stage_preparations, stage_debriefs)

Revision ID: 0025_stage_reports
Revises: 0022_stage_applications
Create Date: 2026-11-30 16:20:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0025_stage_reports'
down_revision = '0022_stage_applications'
branch_labels = None
depends_on = None


def _json():
    # PostgreSQL's json; on SQLite a TEXT column holding the JSON, like the other areas' JSON columns
    # (a column declared JSON there gets NUMERIC affinity: db/migrations/json_columns.py).
    return sa.JSON() if op.get_bind().dialect.name == "postgresql" else sa.Text()


def upgrade() -> None:
    op.create_table('stage_preparations',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('ticks', _json(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['stage_applications.id'], name=op.f('fk_stage_preparations_application_id_stage_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_stage_preparations_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_stage_preparations'))
    )
    with op.batch_alter_table('stage_preparations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_preparations_person_id'), ['person_id'], unique=False)

    op.create_table('stage_debriefs',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(length=32), nullable=False),
    sa.Column('decouvert', sa.Text(), nullable=False),
    sa.Column('aime', sa.Text(), nullable=False),
    sa.Column('moins_aime', sa.Text(), nullable=False),
    sa.Column('metiers_vus', sa.Text(), nullable=False),
    sa.Column('shared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('consent_log', _json(), nullable=False),
    sa.Column('added', _json(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['stage_applications.id'], name=op.f('fk_stage_debriefs_application_id_stage_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_stage_debriefs_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_stage_debriefs'))
    )
    with op.batch_alter_table('stage_debriefs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_debriefs_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stage_debriefs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_debriefs_person_id'))
    op.drop_table('stage_debriefs')
    with op.batch_alter_table('stage_preparations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stage_preparations_person_id'))
    op.drop_table('stage_preparations')
