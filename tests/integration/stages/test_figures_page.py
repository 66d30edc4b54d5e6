"""/stages/chiffres and its CSV on the full app (SQLite and PostgreSQL): a département where students outnumber
the seats within their reach shows in the chart and the table, the CSV says the same, bad choices are 400s.
The figures are computed by their background job (figures_helpers.fresh: the page once the run is over)."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import delete

from mps.db.models import Person, StageOrganisation
from tests.integration.accounts.fixtures import db_url
from tests.integration.stages.figures_helpers import drain, figure_jobs, fresh  # noqa: F401
from tests.integration.stages.helpers import employer_org, new_person, published, run
from tests.integration.stages.partner_helpers import fresh_siret
from tests.integration.stages.test_figures import students

MENDE, MARVEJOLS = (44.5181, 3.5006), (44.5536, 3.2906)  # 17 km apart
MARVEJOLS_LYCEE = "0480023P"
# One student each in two other départements: two cells under the threshold, so the complementary hiding (one
# small cell alone would make the next smallest secret too) never falls on Lozère, whatever students other
# tests of this session's site left behind.
SMALL_ELSEWHERE = [("0150006A", (44.9264, 2.4397)), ("0230003D", (45.9557, 2.1680))]  # Aurillac, Aubusson


@pytest.fixture
def lozere(site, board, geocoder):
    """In Lozère: one offer of 2 seats at Mende, 6 students of a Marvejols lycée searching within 20 km (and the
    two small cells of SMALL_ELSEWHERE)."""
    async def work(db):
        _, org = await employer_org(db, siret=fresh_siret(), name="Ferme pédagogique", verified=True)
        await published(db, board, geocoder, org, lat=MENDE[0], lon=MENDE[1], commune="Mende", seats=2)
        people = await students(db, 6, MARVEJOLS_LYCEE, MARVEJOLS)
        for uai, place in SMALL_ELSEWHERE:
            people += await students(db, 1, uai, place)
        return org.id, [p.id for p in people]
    org_id, people = run(db_url(site), work)
    yield
    async def clean(db):
        await db.execute(delete(StageOrganisation).where(StageOrganisation.id == org_id))
        await db.execute(delete(Person).where(Person.id.in_(people)))
    run(db_url(site), clean)


def test_page_shows_where_demand_exceeds_supply(site, lozere, figure_jobs):
    page = fresh(site, figure_jobs)
    assert page.status_code == 200
    row = page.text.split('data-row="48"', 1)[1].split("</tr>", 1)[0]
    assert "48 – Lozère" in row
    cells = dict(re.findall(r'data-col="(\w+)">([^<]*)<', row))
    assert cells == {"offers": "1", "seats": "2", "applications": "0", "placed": "0", "searching": "6",
                     "in_reach": "2", "unreached": "0"}
    assert "Oui, 4 de plus" in row
    chart = page.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in chart and "48 – Lozère" in chart and "6 en recherche" in chart and "2 places" in chart
    assert "Chiffres mis à jour le " in page.text
    academie = site.get("/stages/chiffres", params={"par": "academie"}).text
    assert 'data-row="Montpellier"' in academie


def test_figures_follow_new_data_after_one_run(site, lozere, figure_jobs):
    """A change is served stale (with a word saying so) until the one run it asked for is over."""
    def lozere_searching(page=None) -> str:
        page = page or fresh(site, figure_jobs)
        row = page.text.split('data-row="48"', 1)[1].split("</tr>", 1)[0]
        return re.search(r'data-col="searching">([^<]*)<', row).group(1)
    assert lozere_searching() == "6"
    added = run(db_url(site), lambda db: students(db, 2, MARVEJOLS_LYCEE, MARVEJOLS))
    try:
        runs = figure_jobs.started
        first = site.get("/stages/chiffres")  # answered at once with the last figures, a run asked for
        assert lozere_searching(first) == "6" and "Des changements plus récents" in first.text
        for _ in range(3):
            site.get("/stages/chiffres")
        drain(site, figure_jobs)
        assert figure_jobs.started == runs + 1  # one run for the change, whatever the visits meanwhile
        page = site.get("/stages/chiffres")
        assert lozere_searching(page) == "8" and "Des changements plus récents" not in page.text
    finally:
        async def clean(db):
            await db.execute(delete(Person).where(Person.id.in_([p.id for p in added])))
        run(db_url(site), clean)
    assert lozere_searching() == "6"


def test_csv_export_is_semicolon_separated_utf8_with_a_header(site, lozere, figure_jobs):
    r = fresh(site, figure_jobs, "/stages/chiffres.csv", par="departement", niveau="seconde")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"].startswith('attachment; filename="stages-chiffres-departement-seconde-')
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Code", "Département", "Offres publiées", "Places"]
    assert next(line for line in rows if line[0] == "48") == ["48", "48 – Lozère", "1", "2", "0", "0", "6", "2", "0",
                                                               "oui"]
    assert rows[-1][0] == "total"


@pytest.mark.parametrize("params,field", [({"par": "region"}, "par"), ({"niveau": "cp"}, "niveau"),
                                          ({"annee": "1999"}, "annee"), ({"annee": "deux"}, "annee")])
def test_bad_choices_are_400_naming_the_field(site, params, field):
    for path in ("/stages/chiffres", "/stages/chiffres.csv"):
        r = site.get(path, params=params)
        assert r.status_code == 400 and f"« {field} »" in r.text.replace("&#34;", '"').replace("&laquo;", "«")
