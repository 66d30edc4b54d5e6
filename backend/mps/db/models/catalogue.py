"""The Parcoursup catalogue: formations (one per filière) and their places (one per cod_aff_form)."""
from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class Formation(Base):
    __tablename__ = "formations"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    family: Mapped[str] = mapped_column(String(60), index=True)  # "Filière de formation très agrégée"
    group_label: Mapped[str] = mapped_column(Text)  # second "Filière de formation" column
    detail_label: Mapped[str] = mapped_column(Text, default="")  # "Filière de formation détaillée bis"
    selective: Mapped[bool] = mapped_column(Boolean)
    apprenticeship: Mapped[bool] = mapped_column(Boolean)
    places_count: Mapped[int] = mapped_column(Integer)


class Place(Base):
    """A formation in one establishment: one Parcoursup wish (cod_aff_form) with last session's figures."""

    __tablename__ = "places"

    cod_aff_form: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    formation_id: Mapped[str] = mapped_column(ForeignKey("formations.id"), index=True)
    session: Mapped[int] = mapped_column(Integer)
    uai: Mapped[str] = mapped_column(String(12), index=True)
    etablissement: Mapped[str] = mapped_column(Text)
    statut: Mapped[str] = mapped_column(Text)
    commune: Mapped[str] = mapped_column(Text)
    departement_code: Mapped[str] = mapped_column(String(4), index=True)
    departement: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(Text)
    academie: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    selective: Mapped[bool] = mapped_column(Boolean)
    apprenticeship: Mapped[bool] = mapped_column(Boolean)
    # What sets this place apart from the formation's other places in the same establishment
    # ("Filière de formation très détaillée": a portail's parcours, an option), and its own family
    # (a "Licence - Portail Psychologie" place can be a Licence accès santé).
    option_label: Mapped[str] = mapped_column(Text, default="", server_default="")
    family: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # The data's own link to the place on Parcoursup (the g_ta_cod form only when the file leaves it empty).
    parcoursup_url: Mapped[str] = mapped_column(Text)
    # "Filière de formation détaillée": the wish as Parcoursup names it ("Regroupement d'IFSI Université Lille
    # - D.E Infirmier", "Concours Puissance Alpha - …"); places sharing it form one multiple wish in a network.
    wish_label: Mapped[str] = mapped_column(Text, default="", server_default="")
    # "Concours communs et banque d'épreuves": the common concours (or single dossier) the place recruits on.
    concours: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Key figures of the last session (None when not published).
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    candidates: Mapped[int | None] = mapped_column(Integer, nullable=True)
    candidates_girls: Mapped[int | None] = mapped_column(Integer, nullable=True)
    proposals: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_girls: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_neo: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_general: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_techno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_pro: Mapped[int | None] = mapped_column(Integer, nullable=True)
    admitted_boursiers: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_unknown: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_none: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_ab: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_b: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_tb: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mention_tbf: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pct_girls: Mapped[float | None] = mapped_column(Float, nullable=True)
    pct_boursiers: Mapped[float | None] = mapped_column(Float, nullable=True)
    pct_general: Mapped[float | None] = mapped_column(Float, nullable=True)
    pct_techno: Mapped[float | None] = mapped_column(Float, nullable=True)
    pct_pro: Mapped[float | None] = mapped_column(Float, nullable=True)
    taux_acces: Mapped[float | None] = mapped_column(Float, nullable=True)
    # Share of proposals by bac type ("Part des terminales ... en position de recevoir une proposition").
    share_proposals_general: Mapped[float | None] = mapped_column(Float, nullable=True)
    share_proposals_techno: Mapped[float | None] = mapped_column(Float, nullable=True)
    share_proposals_pro: Mapped[float | None] = mapped_column(Float, nullable=True)


class FormationAlias(Base):
    """An id a formation had before (another label, twins merged): old links and marks lead to it."""

    __tablename__ = "formation_aliases"

    old_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    formation_id: Mapped[str] = mapped_column(String(120), index=True)
