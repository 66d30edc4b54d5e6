"""GET /stages/chiffres: the board's figures for everyone (prefectures and partners recruit offers where they
are missing), as a chart, a table and a CSV for spreadsheets."""
from __future__ import annotations

import csv
import io
import time

from litestar import Controller, Request, Response, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.stages.board import Board
from mps.domain.stages.figures.chart import shortfall_chart
from mps.domain.stages.figures.geography import load_geography
from mps.domain.stages.figures.service import Facts, data_version, gather
from mps.domain.stages.figures.tables import COLUMNS, GROUPINGS, HIDDEN, THRESHOLD, Row, build
from mps.domain.stages.periods import NIVEAUX, board_year
from mps.domain.stages.web import clock
from mps.lib.errors import FieldError
from mps.settings import Settings



def _choices(request: Request, settings: Settings) -> tuple[str, str, int, int]:
    """(grouping, niveau, school year, current school year) from ?par=&niveau=&annee=; 400 naming the field."""
    current = board_year(clock(settings)[1])
    grouping = request.query_params.get("par") or "departement"
    if grouping not in GROUPINGS:
        raise FieldError("par", "Choisis departement, academie ou ep.")
    niveau = request.query_params.get("niveau") or "seconde"
    if niveau not in NIVEAUX:
        raise FieldError("niveau", "Choisis seconde ou 3e.")
    raw = request.query_params.get("annee") or str(current)
    if not raw.isdigit() or not 2024 <= int(raw) <= current + 1:
        raise FieldError("annee", f"Choisis une année scolaire entre 2024 et {current + 1} (l'année du mois de juin).")
    return grouping, niveau, int(raw), current


# (database, year, level) -> (data version, when, facts): a public page must not redo seconds of work per visit.
_CACHE: dict[tuple, tuple[tuple, float, Facts]] = {}
CACHE_S = 300.0


async def _facts(db, board, geography, geocoder, year: int, niveau: str) -> Facts:
    """The figures, computed again when an offer, a seeker or an application changed, or after CACHE_S."""
    key, version = (str(db.bind.url), year, niveau), await data_version(db)
    hit = _CACHE.get(key)
    if hit and hit[0] == version and time.monotonic() - hit[1] < CACHE_S:
        return hit[2]
    facts = await gather(db, board, geography, geocoder, year, niveau)
    if len(_CACHE) >= 16:
        _CACHE.clear()
    _CACHE[key] = (version, time.monotonic(), facts)
    return facts


async def _rows(request, db, board, catalogue, settings) -> tuple[list[Row], str, str, int, int]:
    grouping, niveau, year, current = _choices(request, settings)
    geography = load_geography(settings.paths.data_dir)
    facts = await _facts(db, board, geography, catalogue.geocoder, year, niveau)
    return build(facts, geography, grouping), grouping, niveau, year, current


def _cell(row: Row, column: str) -> str:
    value = row.values.get(column)
    return "" if value is None else (HIDDEN if column in row.hidden else str(value))


def csv_text(rows: list[Row], grouping: str) -> str:
    """Semicolon-separated with a header row, as French spreadsheets read it (the page's own numbers)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Code", GROUPINGS[grouping], *(title for _, title, _ in COLUMNS), "Demande supérieure à l'offre"])
    for r in rows:
        shortfall = r.shortfall
        writer.writerow([r.key, r.label, *(_cell(r, key) for key, _, _ in COLUMNS),
                         "" if shortfall is None else ("oui" if shortfall > 0 else "non")])
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read UTF-8


class FiguresPages(Controller):
    include_in_schema = False

    @get("/stages/chiffres")
    async def figures(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                      settings: Settings) -> Template:
        rows, grouping, niveau, year, current = await _rows(request, db, stage_board, catalogue, settings)
        return Template("stages/figures.html", context={
            "rows": rows, "total": rows[-1], "columns": COLUMNS, "grouping": grouping, "groupings": GROUPINGS,
            "niveau": niveau, "niveaux": NIVEAUX, "year": year, "years": list(range(2024, current + 2)),
            "chart": shortfall_chart(rows), "threshold": THRESHOLD, "query": request.url.query})

    @get("/stages/chiffres.csv")
    async def figures_csv(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                          settings: Settings) -> Response[str]:
        rows, grouping, niveau, year, _ = await _rows(request, db, stage_board, catalogue, settings)
        name = f"stages-chiffres-{grouping}-{niveau}-{year}.csv"
        return Response(csv_text(rows, grouping), media_type="text/csv",  # Litestar adds "; charset=utf-8"
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
