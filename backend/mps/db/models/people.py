"""People: every visitor who saved something, anonymous (device cookie) or with an account."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random hex, never guessable
    created_at: Mapped[datetime] = mapped_column()
    email: Mapped[str | None] = mapped_column(String(254), unique=True, nullable=True)
    role: Mapped[str] = mapped_column(String(16), default="lyceen")  # lyceen | famille | enseignant | admin
    display_name: Mapped[str] = mapped_column(Text, default="")


class Profile(Base):
    """The student's profile document (issue 3's JSON, without favoris/corbeille which live in marks)."""

    __tablename__ = "profiles"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict] = mapped_column(default=dict)
    # When each answer was last edited, list items added / removed (domain/profile/edits.py): read by the
    # merge at sign-in on another device.
    edits: Mapped[dict] = mapped_column(default=dict, server_default="{}")
    updated_at: Mapped[datetime] = mapped_column()


class FormationMark(Base):
    """A formation the person likes (favori) or set aside (corbeille = « pas intéressé »).

    No foreign key to formations: a formation may leave next year's catalogue; the mark stays
    and is shown as « plus proposée ». `deleted` keeps a tombstone so offline devices learn of removals.
    """

    __tablename__ = "formation_marks"
    __table_args__ = (UniqueConstraint("person_id", "formation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    formation_id: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(12))  # favori | corbeille
    ambition: Mapped[str | None] = mapped_column(String(12), nullable=True)  # one of mps.domain.vocabulary.AMBITIONS
    places: Mapped[list] = mapped_column(default=list)  # chosen cod_aff_form, in the student's order
    note: Mapped[str] = mapped_column(Text, default="")
    # The student's order of their favourites (lowest first); set when the mark is created or moved.
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # « Mes vœux »: « déjà ajouté sur Parcoursup » belongs to each wish. `added_places`: the chosen places
    # (cod_aff_form: a simple wish, or a multiple wish's sub-wish) the student added on Parcoursup;
    # `on_parcoursup`: only for a favourite with no place chosen yet (a wish « à préciser »).
    added_places: Mapped[list] = mapped_column(default=list, server_default="[]")
    on_parcoursup: Mapped[bool] = mapped_column(default=False, server_default=false())
    note_shared: Mapped[bool] = mapped_column(default=False, server_default=false())
    deleted: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column()


class MetierMark(Base):
    """A métier the person keeps in mind."""

    __tablename__ = "metier_marks"
    __table_args__ = (UniqueConstraint("person_id", "metier_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    metier_id: Mapped[str] = mapped_column(String(20))
    deleted: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column()
