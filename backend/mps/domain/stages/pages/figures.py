"""GET /stages/chiffres: the board's figures for everyone (prefectures and partners recruit offers where they
are missing), as a chart, a table and a CSV for spreadsheets. Read as the background job last saved them
(figures/job.py), with their date: a visit never computes them."""
from __future__ import annotations

import csv
import io
import logging
from datetime import datetime

from litestar import Controller, Request, Response, get
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stages.board import PARIS
from mps.domain.stages.figures import saved
from mps.domain.stages.figures.chart import shortfall_chart
from mps.domain.stages.figures.job import FigureJobs
from mps.domain.stages.figures.saved import Saved
from mps.domain.stages.figures.tables import COLUMNS, GROUPINGS, HIDDEN, THRESHOLD, Row
from mps.domain.stages.periods import NIVEAUX, board_year
from mps.domain.stages.now import now_utc
from mps.domain.stages.web import clock
from mps.lib.errors import FieldError
from mps.web.forms import form_int
from mps.settings import Settings

log = logging.getLogger("mps.stages")
NOT_YET = ("Les chiffres de cette année et de cette classe n'ont pas encore été calculés : le calcul est lancé, "
           "reviens dans quelques minutes.")
RETRY_AFTER_S = 60


def _moment(at: datetime | None) -> str:
    """« 30/11/2026 à 21 h 05 », Paris time."""
    if at is None:
        return ""
    local = at.astimezone(PARIS)
    return f"{local.day}/{local.month:02d}/{local.year} à {local.hour} h {local.minute:02d}"


def _choices(request: Request, settings: Settings) -> tuple[str, str, int, int]:
    """(grouping, niveau, school year, current school year) from ?par=&niveau=&annee=; 400 naming the field."""
    current = board_year(clock(settings)[1])
    grouping = request.query_params.get("par") or "departement"
    if grouping not in GROUPINGS:
        raise FieldError("par", "Choisis departement, academie ou ep.")
    niveau = request.query_params.get("niveau") or "seconde"
    if niveau not in NIVEAUX:
        raise FieldError("niveau", "Choisis seconde ou 3e.")
    year = form_int(request.query_params.get("annee") or str(current), 2024, current + 1)
    if year is None:
        raise FieldError("annee", f"Choisis une année scolaire entre 2024 et {current + 1} (l'année du mois de juin).")
    return grouping, niveau, year, current


async def _saved(request, db, jobs: FigureJobs, settings) -> tuple[Saved, str, str, int, int]:
    """The figures the job last saved; when the data changed since (or nothing was ever computed) one run is
    asked for, and the page answers at once with what there is."""
    grouping, niveau, year, current = _choices(request, settings)
    figures = await saved.read(db, year, niveau, now_utc())
    if figures.stale and not figures.running:
        try:
            await jobs.request(year, niveau)
        except Exception:  # the queue away: the page still shows what there is, the next visit asks again
            log.exception("stage figures: could not ask for a run")
    return figures, grouping, niveau, year, current


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
    async def figures(self, request: Request, db: AsyncSession, figure_jobs: FigureJobs,
                      settings: Settings) -> Template:
        figures, grouping, niveau, year, current = await _saved(request, db, figure_jobs, settings)
        rows = figures.rows.get(grouping) or []
        return Template("stages/figures.html", context={
            "rows": rows, "total": rows[-1] if rows else None, "columns": COLUMNS, "figures": figures,
            "computed_at": _moment(figures.computed_at), "not_yet": NOT_YET, "grouping": grouping, "groupings": GROUPINGS,
            "niveau": niveau, "niveaux": NIVEAUX, "year": year, "years": list(range(2024, current + 2)),
            "chart": shortfall_chart(rows) if rows else None, "threshold": THRESHOLD, "query": request.url.query})

    @get("/stages/chiffres.csv")
    async def figures_csv(self, request: Request, db: AsyncSession, figure_jobs: FigureJobs,
                          settings: Settings) -> Response[str]:
        figures, grouping, niveau, year, _ = await _saved(request, db, figure_jobs, settings)
        rows = figures.rows.get(grouping)
        if not rows:
            return Response(NOT_YET + "\n", status_code=202,  # accepted: the run is asked for
                            media_type="text/plain",
                            headers={"Retry-After": str(RETRY_AFTER_S)})
        name = f"stages-chiffres-{grouping}-{niveau}-{year}.csv"
        return Response(csv_text(rows, grouping), media_type="text/csv",  # Litestar adds "; charset=utf-8"
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
