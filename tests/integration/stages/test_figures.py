"""Figures of the board on fixtures with known counts (SQLite and PostgreSQL): offers where they are, students
where their school is, seats within each student's radius, small counts of students hidden; the CSV parsed back."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone

import pytest

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import Person, StageSeeker
from mps.domain.stages import service
from mps.domain.stages.figures.geography import load_geography
from mps.domain.stages.figures.pages import csv_text
from mps.domain.stages.figures.service import gather
from mps.domain.stages.figures.tables import build
from mps.domain.stages.seekers import save_seeker
from tests.conftest import ROOT
from tests.integration.stages.helpers import AMIENS, LENS, LILLE, ROUBAIX, YEAR, employer_org, new_person, offer_in, published

MARSEILLE = (43.2965, 5.3698)
LILLE_LYCEE, LENS_LYCEE, MARSEILLE_REP_PLUS = "0590258K", "0620109G", "0131703F"


async def students(db, n: int, uai: str, place: tuple[float, float], niveau: str = "seconde") -> list[Person]:
    out = []
    for _ in range(n):
        person = await new_person(db, role="lyceen")
        await save_seeker(db, person.id, school_uai=uai, niveau=niveau, place=("ici", *place), radius_km=20)
        out.append(person)
    return out


async def fixture_board(db, board, geocoder) -> None:
    """4 offers of seconde that count (Lille 3 seats, Roubaix 2+2, Lens 1, Marseille 1 reserved to a school)
    and 3 that do not; 16 students searching: 6 of a Lille lycée, 2 of a Lens lycée, 7 of a REP+ collège in
    Marseille, 1 without school near Amiens; 2 who do not count (a 3e, one from last school year)."""
    _, org = await employer_org(db, siret="73282932000074", verified=True)
    await published(db, board, geocoder, org, lat=LILLE[0], lon=LILLE[1], commune="Lille", seats=3)
    await published(db, board, geocoder, org, lat=ROUBAIX[0], lon=ROUBAIX[1], commune="Roubaix",
                    periodes=["semaine-1", "semaine-2"], seats=2)
    await published(db, board, geocoder, org, lat=LENS[0], lon=LENS[1], commune="Lens", seats=1)
    await published(db, board, geocoder, org, lat=MARSEILLE[0], lon=MARSEILLE[1], commune="Marseille", seats=1,
                    reserved="schools", reserved_uais=["0130001A"])
    await service.save_offer(db, board, geocoder, org, offer_in(title="Brouillon jamais envoyé"))  # a draft
    await published(db, board, geocoder, org, niveau="3e", periodes=[f"{YEAR}-W05"], seats=5)  # 3e
    await published(db, board, geocoder, org, school_year=YEAR + 1, seats=5)  # next year
    await students(db, 6, LILLE_LYCEE, LILLE)
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
    assert t["59"] == {"offers": "2", "seats": "7", "applications": "0", "placed": "0", "searching": "6",
                       "in_reach": "7", "unreached": "0"}
    # 62: 2 students (hidden); 13: the reserved offer is not within reach of these students.
    assert t["62"] == {"offers": "1", "seats": "1", "applications": "0", "placed": "0", "searching": "secret",
                            "in_reach": "1", "unreached": "0"}
    assert (t["13"]["offers"], t["13"]["seats"], t["13"]["searching"], t["13"]["in_reach"]) == ("1", "1", "7", "0")
    assert (t[""]["offers"], t[""]["searching"], t[""]["unreached"]) == ("0", "secret", "secret")
    # Only the unknown school's row hides its 1 unreached student: the next smallest (13's 7) is hidden too,
    # or total - others would give the 1 away.
    assert t["13"]["unreached"] == "secret"
    assert t["total"] == {"offers": "4", "seats": "9", "applications": "0", "placed": "0", "searching": "16",
                          "in_reach": "8", "unreached": "8"}
    by_key = {r.key: r for r in rows}
    assert by_key["13"].shortfall == 7 and by_key["59"].shortfall == -1 and by_key["62"].shortfall is None


def test_figures_by_academie_and_priority_education(facts):
    geography = load_geography(ROOT / "data")
    t = table(build(facts, geography, "academie"))
    assert list(t) == ["Aix-Marseille", "Lille", "", "total"]
    assert (t["Lille"]["offers"], t["Lille"]["seats"], t["Lille"]["searching"], t["Lille"]["in_reach"]) == (
        "3", "8", "8", "8")
    ep = table(build(facts, geography, "ep"))
    assert list(ep) == ["REP+", "REP", "", "?", "total"]
    # The one student without a school is hidden, and the next smallest count of each column with it.
    assert (ep["REP+"]["offers"], ep["REP+"]["searching"], ep["REP+"]["in_reach"], ep["REP+"]["unreached"]) == (
        "—", "secret", "0", "secret")
    assert (ep[""]["searching"], ep[""]["in_reach"], ep["REP"]["searching"], ep["?"]["searching"]) == (
        "8", "8", "0", "secret")
    assert ep["total"]["searching"] == "16"


def test_csv_parses_back_with_the_page_numbers(facts):
    rows = build(facts, load_geography(ROOT / "data"), "departement")
    text = csv_text(rows, "departement")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert parsed[0] == ["Code", "Département", "Offres publiées", "Places", "Candidatures", "Élèves ayant un stage",
                         "Élèves en recherche", "Places libres à portée", "Élèves sans place à portée",
                         "Demande supérieure à l'offre"]
    lines = {line[0]: line for line in parsed[1:]}
    assert lines["59"] == ["59", "59 – Nord", "2", "7", "0", "0", "6", "7", "0", "non"]
    assert lines["13"][6:] == ["7", "0", "secret", "oui"]
    assert lines["62"][6] == "secret" and lines["62"][9] == ""  # hidden count: no verdict either
    assert lines["total"][1:] == ["Total", "4", "9", "0", "0", "16", "8", "8", "oui"]
