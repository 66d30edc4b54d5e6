"""accounts: sessions as rows (person, provider, expiry; token hashed) in the database only

Sessions signed in today (web_sessions, Litestar's serialised {"pid", "via"}) are carried over.

Revision ID: 0011_sign_in_sessions
Revises: 0004_accounts
Create Date: 2026-11-30 10:30:00
"""
import hashlib
import json
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

revision = '0011_sign_in_sessions'
down_revision = '0004_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    sessions = op.create_table(
        'sign_in_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.String(length=32), nullable=False),
        sa.Column('provider', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_sign_in_sessions_person_id_people'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_sign_in_sessions')),
    )
    op.create_index(op.f('ix_sign_in_sessions_person_id'), 'sign_in_sessions', ['person_id'])
    op.create_index(op.f('ix_sign_in_sessions_expires_at'), 'sign_in_sessions', ['expires_at'])

    conn = op.get_bind()
    now = datetime.now(timezone.utc)
    people = {row[0] for row in conn.execute(sa.text("SELECT id FROM people"))}
    carried = []
    for key, value, expires_at in conn.execute(sa.text("SELECT key, value, expires_at FROM web_sessions")):
        if expires_at is not None and expires_at.tzinfo is None:
            expires_at = expires_at.replace(tzinfo=timezone.utc)
        try:
            data = json.loads(bytes(value))
        except ValueError:
            continue
        if not isinstance(data, dict) or data.get("pid") not in people or (expires_at and expires_at <= now):
            continue
        carried.append({"token_hash": hashlib.sha256(key.encode()).hexdigest(), "person_id": data["pid"],
                        "provider": str(data.get("via", "email"))[:20], "created_at": now,
                        "expires_at": expires_at or now})
    if carried:
        op.bulk_insert(sessions, carried)
    op.drop_table('web_sessions')


def downgrade() -> None:
    op.create_table(
        'web_sessions',
        sa.Column('key', sa.String(length=128), nullable=False),
        sa.Column('value', sa.LargeBinary(), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_web_sessions')),
    )
    op.create_index(op.f('ix_web_sessions_expires_at'), 'web_sessions', ['expires_at'])
    op.drop_table('sign_in_sessions')  # signed-in browsers sign in again
