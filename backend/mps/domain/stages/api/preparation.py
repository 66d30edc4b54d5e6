"""JSON API of the preparation checklist: the ticks a device made, online or queued offline, merged by
last writer (checklist.py); the page's script sends them and falls back to the plain form without JS."""
from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, Request, post
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import api_person
from mps.domain.stages.preparation import service
from mps.domain.stages.preparation.checklist import ITEM_ID, OP_ID, Tick, done_ids, load_checklist
from mps.domain.stages.web import clock
from mps.settings import Settings

MAX_TICKS = 200  # far above one checklist's items: a device offline for weeks, ticking back and forth


class TickIn(msgspec.Struct, forbid_unknown_fields=True):
    item: Annotated[str, msgspec.Meta(pattern=ITEM_ID.pattern)]
    done: bool
    ts: Annotated[int, msgspec.Meta(ge=0, le=10**14, description="l'heure du clic sur l'appareil, en ms")]
    op: Annotated[str, msgspec.Meta(pattern=OP_ID.pattern, description="identifiant unique du clic")]


class TicksIn(msgspec.Struct, forbid_unknown_fields=True):
    ticks: Annotated[list[TickIn], msgspec.Meta(max_length=MAX_TICKS)]


class TicksOut(msgspec.Struct):
    results: list[str]  # per tick: applied | stale (a later tick won) | duplicate | rejected (unknown item)
    done: list[str]  # the items ticked now, after the merge


class PreparationApi(Controller):
    path = "/api/v1/stages/preparation"
    tags = ["stages"]

    @post("/{application_id:int}/coches", status_code=200,
          summary="Cocher ou décocher des points de la préparation d'un stage (l'élève, son stage confirmé)")
    async def ticks(self, request: Request, db: AsyncSession, settings: Settings, application_id: int,
                    data: TicksIn) -> TicksOut:
        person = await api_person(request, db, "lyceen")
        stage = await service.own_stage(db, person.id, application_id)
        checklist = load_checklist(settings.paths.data_dir)
        state, results = await service.save_ticks(db, stage, [Tick(t.item, t.done, t.ts, t.op) for t in data.ticks],
                                                  clock(settings)[0], checklist.ids)
        return TicksOut(results, sorted(done_ids(state) & checklist.ids))
