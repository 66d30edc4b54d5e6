"""formation_marks.added_places: « déjà ajouté sur Parcoursup » per wish and sub-wish (issue 13)

Revision ID: 0026_plan_wish_flags
Revises: 0012_plan_marks (the plan area's branch); depends on 0012_people_json (places read as JSON)
Create Date: 2026-11-30 21:30:00

The mark was one flag per favourite: a formation with three chosen places (three simple wishes on
Parcoursup) could not say which of them was added. It now belongs to each place (a simple wish, or a
sub-wish of a multiple wish); the favourite's flag stays only for a favourite with no place chosen.
Data: a favourite marked, with places chosen, has every chosen place marked (what the old flag said)
and its own flag cleared; its version goes up so devices pick the change up at their next sync.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0026_plan_wish_flags'
down_revision = '0012_plan_marks'
branch_labels = None
depends_on = ('0012_people_json',)


def _places(value) -> list[int]:
    """The column's content as a list of place codes ("" / NULL / junk: none)."""
    if isinstance(value, (bytes, str)):
        try:
            value = json.loads(value or "[]")
        except ValueError:
            return []
    try:
        return [int(c) for c in value or []]
    except (TypeError, ValueError):
        return []


def _json_text(column: str) -> sa.ColumnElement:
    # PostgreSQL holds json (read back as text here); SQLite holds the JSON text itself.
    return sa.cast(sa.column(column), sa.Text) if op.get_bind().dialect.name == "postgresql" else sa.column(column)


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('added_places', sa.JSON() if pg else sa.Text(),
                                      server_default=sa.text("'[]'::json" if pg else "'[]'"), nullable=False))
    bind = op.get_bind()
    rows = bind.execute(sa.select(sa.column("id"), _json_text("places").label("places"), sa.column("version"))
                        .select_from(sa.table("formation_marks"))
                        .where(sa.column("on_parcoursup") == sa.true())).all()
    for row_id, places, version in rows:
        chosen = list(dict.fromkeys(_places(places)))
        if not chosen:
            continue  # no place chosen: the favourite's flag stays the wish's mark
        bind.execute(sa.text("UPDATE formation_marks SET added_places = "
                             + ("CAST(:added AS json)" if pg else ":added")
                             + ", on_parcoursup = :off, version = :version WHERE id = :id"),
                     {"added": json.dumps(chosen), "off": False, "version": (version or 0) + 1, "id": row_id})


def downgrade() -> None:
    """Back to one flag per favourite: set when every chosen place was marked (what the old flag meant)."""
    pg = op.get_bind().dialect.name == "postgresql"
    bind = op.get_bind()
    rows = bind.execute(sa.select(sa.column("id"), _json_text("places").label("places"),
                                  _json_text("added_places").label("added"), sa.column("version"))
                        .select_from(sa.table("formation_marks"))).all()
    for row_id, places, added, version in rows:
        chosen, marked = _places(places), set(_places(added))
        if chosen and marked and set(chosen) <= marked:
            bind.execute(sa.text("UPDATE formation_marks SET on_parcoursup = :on, version = :version WHERE id = :id"),
                         {"on": True, "version": (version or 0) + 1, "id": row_id})
    with op.batch_alter_table('formation_marks', schema=None) as batch_op:
        batch_op.drop_column('added_places')
