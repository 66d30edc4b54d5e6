"""Reference tables imported from open data: communes, lycées, ONISEP métiers, spécialités statistics."""
from __future__ import annotations

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class Commune(Base):
    """One (commune, postcode) pair with its centre: offline geocoding of a town or postcode."""

    __tablename__ = "communes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120), index=True)  # normalised for look-ups
    postcode: Mapped[str] = mapped_column(String(5), index=True)
    departement_code: Mapped[str] = mapped_column(String(4))
    departement: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(Text)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class Lycee(Base):
    __tablename__ = "lycees"

    uai: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    statut: Mapped[str] = mapped_column(String(20))
    commune: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str] = mapped_column(String(5))
    departement: Mapped[str] = mapped_column(Text)
    academie: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    voies: Mapped[str] = mapped_column(String(8))  # e.g. "GTP"
    onisep_url: Mapped[str] = mapped_column(Text, default="")


class Metier(Base):
    """ONISEP métier (ODbL layer: kept apart, attributed on the sources page)."""

    __tablename__ = "metiers"

    id: Mapped[str] = mapped_column(String(20), primary_key=True)  # MET_557
    label: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    domains: Mapped[str] = mapped_column(Text, default="")  # "domaine/sous-domaine" items joined by "|"
    rome_code: Mapped[str] = mapped_column(Text, default="")
    onisep_url: Mapped[str] = mapped_column(Text, default="")


class SpecialiteStat(Base):
    """Candidates of bac général by pair of spécialités and formation family (Parcoursup)."""

    __tablename__ = "specialite_stats"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bac_year: Mapped[int] = mapped_column(Integer)
    pair: Mapped[str] = mapped_column(String(200), index=True)
    family: Mapped[str] = mapped_column(Text)
    confirmed: Mapped[int] = mapped_column(Integer)
    proposals: Mapped[int] = mapped_column(Integer)
    accepted: Mapped[int] = mapped_column(Integer)
