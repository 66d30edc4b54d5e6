"""Figures of the board on fixtures with known counts (SQLite and PostgreSQL): offers where they are, students
where their school is, seats within each student's radius, small counts of students hidden; the CSV parsed back."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import Person, StageOfferPeriod, StageSeeker
from mps.db.models.stage_applications import StageApplication
from mps.domain.stages import service
from mps.domain.stages.figures.geography import load_geography
from mps.domain.stages.pages.figures import csv_text
from mps.domain.stages.figures.service import gather
from mps.domain.stages.figures.tables import build
from mps.domain.stages.seekers import save_seeker
from tests.conftest import ROOT
from tests.integration.stages.helpers import (AMIENS, LENS, LILLE, ROUBAIX, YEAR, employer_org, new_person, offer_in,
                                             published)

MARSEILLE = (43.2965, 5.3698)
LILLE_LYCEE, LENS_LYCEE, MARSEILLE_REP_PLUS = "0590258K", "0620109G", "0131703F"


async def students(db, n: int, uai: str, place: tuple[float, float], niveau: str = "seconde") -> list[Person]:
    out = []
    for _ in range(n):
        person = await new_person(db, role="lyceen")
        await save_seeker(db, person.id, school_uai=uai, niveau=niveau, place=("ici", *place), radius_km=20)
        out.append(person)
    return out


async def application(db, student_id: str, offer, status: str, uai: str = LILLE_LYCEE, code: str | None = None):
    period = (await db.execute(select(StageOfferPeriod).where(StageOfferPeriod.offer_id == offer.id)
                               .order_by(StageOfferPeriod.code))).scalars().first()
    now = datetime.now(timezone.utc)
    db.add(StageApplication(student_id=student_id, offer_id=offer.id, period_id=period.id,
                            period_code=code or period.code, school_year=offer.school_year, status=status,
                            motivation="J'aimerais découvrir ce métier.", first_name="Camille", school_uai=uai,
                            created_at=now, updated_at=now))
    if status == "confirmed":
        period.taken += 1


async def fixture_board(db, board, geocoder) -> None:
    """4 offers of seconde that count (Lille 3 seats, one taken; Roubaix 2+2; Lens 1; Marseille 1 reserved to a
    school) and 3 that do not. Students: 6 of a Lille lycée (3 applied 5 times, 1 of them placed), 2 of a Lens
    lycée, 7 of a REP+ collège in Marseille and 1 more from there who applied without telling the board
    anything else, 1 without school near Amiens; 2 seekers and 1 application that do not count (a 3e, a seeker
    from an earlier school year, an application to an offer of 3e)."""
    _, org = await employer_org(db, siret="73282932000074", verified=True)
    lille = await published(db, board, geocoder, org, lat=LILLE[0], lon=LILLE[1], commune="Lille", seats=3)
    roubaix = await published(db, board, geocoder, org, lat=ROUBAIX[0], lon=ROUBAIX[1], commune="Roubaix",
                              periodes=["semaine-1", "semaine-2"], seats=2)
    await published(db, board, geocoder, org, lat=LENS[0], lon=LENS[1], commune="Lens", seats=1)
    await published(db, board, geocoder, org, lat=MARSEILLE[0], lon=MARSEILLE[1], commune="Marseille", seats=1,
                    reserved="schools", reserved_uais=["0130001A"])
    await service.save_offer(db, board, geocoder, org, offer_in(title="Brouillon jamais envoyé"))  # a draft
    troisieme = await published(db, board, geocoder, org, niveau="3e", periodes=[f"{YEAR}-W05"], seats=5)
    await published(db, board, geocoder, org, school_year=YEAR + 1, seats=5)  # next year
    l1, l2, l3, l4, *_ = await students(db, 6, LILLE_LYCEE, LILLE)
    await application(db, l1.id, lille, "confirmed")
    await application(db, l1.id, roubaix, "cancelled")
    await application(db, l2.id, lille, "rejected")
    await application(db, l2.id, roubaix, "submitted")
    await application(db, l3.id, roubaix, "submitted", code="semaine-2")
    await application(db, l4.id, troisieme, "submitted")  # another level
    quiet = await new_person(db, role="lyceen")
    await application(db, quiet.id, lille, "submitted", uai=MARSEILLE_REP_PLUS)
    await students(db, 2, LENS_LYCEE, LENS)
    await students(db, 7, MARSEILLE_REP_PLUS, MARSEILLE)
    await students(db, 1, "", AMIENS)
    await students(db, 1, LILLE_LYCEE, LILLE, niveau="3e")
    old = await students(db, 1, LILLE_LYCEE, LILLE)
    (await db.get(StageSeeker, old[0].id)).updated_at = datetime(YEAR - 2, 10, 1, tzinfo=timezone.utc)


@pytest.fixture
def facts(empty_db, board, geocoder):
    import asyncio

    async def go():
        engine = make_engine(empty_db)
        try:
            async with make_sessionmaker(engine)() as db:
                await fixture_board(db, board, geocoder)
                await db.commit()
                return await gather(db, board, load_geography(ROOT / "data"), geocoder, YEAR, "seconde")
        finally:
            await engine.dispose()
    return asyncio.run(go())


def table(rows) -> dict[str, dict[str, str]]:
    return {r.key: {k: r.shown(k) for k in ("offers", "seats", "applications", "placed", "searching", "in_reach",
                                             "unreached")} for r in rows}


def test_figures_by_departement_on_fixtures(facts):
    rows = build(facts, load_geography(ROOT / "data"), "departement")
    t = table(rows)
    assert list(t) == ["13", "59", "62", "", "total"]
    assert [r.label for r in rows][:3] == ["13 – Bouches-du-Rhône", "59 – Nord", "62 – Pas-de-Calais"]
    # 59: 5 applications, 1 placed; 5 still searching reach Lille's 2 seats left and Roubaix's 4.
    assert (t["59"]["offers"], t["59"]["seats"], t["59"]["searching"], t["59"]["in_reach"], t["59"]["unreached"]) == (
        "2", "7", "5", "6", "0")
    assert t["62"] == {"offers": "1", "seats": "1", "applications": "0", "placed": "0", "searching": "secret",
                       "in_reach": "1", "unreached": "0"}
    # 13: the reserved offer is not within reach of these students; the applicant counts by their school.
    assert (t["13"]["offers"], t["13"]["seats"], t["13"]["searching"], t["13"]["in_reach"]) == ("1", "1", "8", "0")
    assert (t[""]["offers"], t[""]["searching"], t[""]["unreached"]) == ("0", "secret", "secret")
    # Small counts hidden, and with a lone hidden cell of a column the next smallest too (else total - others
    # gives it away): applications 13's 1 then 59's 5; placed 59's 1 then the total; unreached ''s 1 then 13's 8.
    assert (t["13"]["applications"], t["59"]["applications"], t["13"]["unreached"]) == ("secret",) * 3
    assert (t["59"]["placed"], t["total"]["placed"]) == ("secret", "secret")
    assert t["total"] == {"offers": "4", "seats": "9", "applications": "6", "placed": "secret", "searching": "16",
                          "in_reach": "7", "unreached": "9"}
    assert [r.values["applications"] for r in rows] == [1, 5, 0, 0, 6]  # what was counted, before hiding
    assert [r.values["placed"] for r in rows] == [0, 1, 0, 0, 1]
    by_key = {r.key: r for r in rows}
    assert by_key["13"].shortfall == 8 and by_key["59"].shortfall == -1 and by_key["62"].shortfall is None


def test_figures_by_academie_and_priority_education(facts):
    geography = load_geography(ROOT / "data")
    t = table(build(facts, geography, "academie"))
    assert list(t) == ["Aix-Marseille", "Lille", "", "total"]
    assert (t["Lille"]["offers"], t["Lille"]["seats"], t["Lille"]["in_reach"], t["Lille"]["unreached"]) == (
        "3", "8", "7", "0")
    assert (t["Aix-Marseille"]["searching"], t["Lille"]["searching"], t[""]["searching"]) == ("8", "secret", "secret")
    ep = table(build(facts, geography, "ep"))
    assert list(ep) == ["REP+", "REP", "", "?", "total"]
    assert ep["REP+"] == {"offers": "—", "seats": "—", "applications": "secret", "placed": "0", "searching": "8",
                          "in_reach": "0", "unreached": "secret"}
    assert (ep[""]["searching"], ep[""]["in_reach"], ep["REP"]["searching"], ep["?"]["searching"]) == (
        "secret", "7", "0", "secret")
    assert (ep["total"]["offers"], ep["total"]["searching"], ep["total"]["unreached"]) == ("4", "16", "9")


def test_csv_parses_back_with_the_page_numbers(facts):
    rows = build(facts, load_geography(ROOT / "data"), "departement")
    text = csv_text(rows, "departement")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert parsed[0] == ["Code", "Département", "Offres publiées", "Places", "Candidatures", "Élèves ayant un stage",
                         "Élèves en recherche", "Places libres à portée", "Élèves sans place à portée",
                         "Demande supérieure à l'offre"]
    lines = {line[0]: line for line in parsed[1:]}
    assert lines["59"] == ["59", "59 – Nord", "2", "7", "secret", "secret", "5", "6", "0", "non"]
    assert lines["13"][2:] == ["1", "1", "secret", "0", "8", "0", "secret", "oui"]
    assert lines["62"][6] == "secret" and lines["62"][9] == ""  # hidden count: no verdict either
    assert lines["total"][1:] == ["Total", "4", "9", "6", "secret", "16", "7", "9", "oui"]
