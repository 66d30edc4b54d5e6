"""JSON and CSV of « Mes vœux » for the current person (device or account)."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from litestar import Controller, Request, Response, get
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.web import current_person_id
from mps.domain.plan.export import plan_csv
from mps.domain.plan.schemas import Plan
from mps.domain.plan.service import plan_doc

PARIS = ZoneInfo("Europe/Paris")


def today():
    return datetime.now(PARIS).date()


class PlanApi(Controller):
    path = "/api/v1"
    tags = ["vœux"]

    @get("/plan", summary="Mes vœux : favoris comptés comme Parcoursup les compte",
         description="Vœux (simples ou multiples, statut étudiant ou apprentissage), sous-vœux comptés, "
                     "alertes (jamais de blocage), équilibre d'ambition, ce qui manque, prochaines dates, liens "
                     "Parcoursup et ONISEP, et les règles appliquées avec leur source.")
    async def read(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Plan:
        return await plan_doc(db, catalogue, current_person_id(request), today=today())

    @get("/plan.csv", summary="Mes vœux en CSV (UTF-8 avec BOM, séparateur « ; »)",
         response_description="Une ligne par établissement choisi.", media_type="text/csv")
    async def csv(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Response[bytes]:
        plan = await plan_doc(db, catalogue, current_person_id(request), today=today())
        return Response(plan_csv(plan), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="mes-voeux.csv"'})
