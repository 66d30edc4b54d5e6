"""Stage board: employers' organisations and their members, offers with their periods, reports, students'
search settings. Geo search reads stage_offers.lat/lon through each database's spatial index (see the
migration 0020_stages: an R*Tree on SQLite, a GiST index on point(lon, lat) on PostgreSQL)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class StageOrganisation(Base):
    """An employer (company, administration, association), known by its SIRET. `verified` turns true when an
    admin publishes one of its offers: until then each offer waits for moderation."""

    __tablename__ = "stage_organisations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(Text)
    employer_kind: Mapped[str] = mapped_column(String(12))  # public | prive | association
    description: Mapped[str] = mapped_column(Text, default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column()


class StageMember(Base):
    """A person who acts for an organisation: a team shares its offers. One organisation per person."""

    __tablename__ = "stage_members"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("stage_organisations.id", ondelete="CASCADE"),
                                                 index=True)
    created_at: Mapped[datetime] = mapped_column()


class StageOffer(Base):
    __tablename__ = "stage_offers"
    # A partner's own id of the offer (partner API, issue 15), unique within the organisation. An index, not a
    # constraint: SQLite adds it without rebuilding the table (and its R*Tree triggers).
    __table_args__ = (Index("uq_stage_offers_remote_id", "organisation_id", "remote_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("stage_organisations.id", ondelete="CASCADE"),
                                                 index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    secteur: Mapped[str] = mapped_column(String(8), index=True)  # s1..s51 (data/stages/secteurs.json)
    niveau: Mapped[str] = mapped_column(String(8))  # seconde | 3e
    school_year: Mapped[int] = mapped_column(Integer)  # the year the school year ends (June): 2026
    address: Mapped[str] = mapped_column(Text, default="")
    commune: Mapped[str] = mapped_column(Text)
    postcode: Mapped[str] = mapped_column(String(5), default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    accessible: Mapped[bool] = mapped_column(Boolean, default=False)  # welcomes disabled students
    reserved: Mapped[str] = mapped_column(String(8), default="")  # "" | ep (REP and REP+) | schools
    reserved_uais: Mapped[str] = mapped_column(Text, default="")  # "|0590001A|0590002B|" when reserved=schools
    status: Mapped[str] = mapped_column(String(10), index=True)  # draft | pending | published | refused | closed
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # " folded words " of title, description, commune
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column()
    published_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # The latest start of a period with a seat left (service.refresh_open_periods): the search keeps offers whose
    # open_until is after today without visiting their periods (a period filter still does).
    open_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    # A bit per period with a seat left (periods.period_mask, kept with open_until): the period filter tests it.
    period_mask: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # Until then only students of REP / REP+ schools see the offer (early access, data/stages/calendrier.json).
    open_to_all_at: Mapped[datetime | None] = mapped_column(nullable=True)
    remote_id: Mapped[str | None] = mapped_column(String(100), nullable=True)


class StageOfferPeriod(Base):
    """One period an offer is open for: seconde `deux-semaines`, `semaine-1`, `semaine-2`; 3e an ISO week
    `2026-W05`. Seats are per period; `taken` is filled by applications (issue 15)."""

    __tablename__ = "stage_offer_periods"
    # ix_..._open: the search's period filter reads the index alone (migration 0028_stage_search_index).
    __table_args__ = (UniqueConstraint("offer_id", "code"),
                      Index("ix_stage_offer_periods_open", "offer_id", "starts_on", "ends_on", "taken", "seats"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("stage_offers.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    seats: Mapped[int] = mapped_column(Integer)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class StageReport(Base):
    """A student or teacher flags an offer (wrong, inappropriate, gone); admins read them."""

    __tablename__ = "stage_reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("stage_offers.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    reason: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column()
    handled: Mapped[bool] = mapped_column(Boolean, default=False)


class StageSeeker(Base):
    """What a student told the board: their school (eligibility: REP / REP+, named schools), level and
    the place they search around."""

    __tablename__ = "stage_seekers"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    school_uai: Mapped[str] = mapped_column(String(12), default="")
    niveau: Mapped[str] = mapped_column(String(8), default="seconde")
    place_label: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    radius_km: Mapped[int] = mapped_column(Integer, default=20)
    updated_at: Mapped[datetime] = mapped_column()


class StageWord(Base):
    """Every folded word of an offer's text: the vocabulary a query word is matched against with one typo."""

    __tablename__ = "stage_words"

    word: Mapped[str] = mapped_column(String(60), primary_key=True)
