"""« Préparer mon stage » and « Mon compte-rendu de stage » (students), the shared reports of a class
(teachers). Plain forms that work without JavaScript; errors said at the field, nothing typed is lost."""
from __future__ import annotations

import secrets
from datetime import date, datetime

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import page_person
from mps.domain.classes import service as classes
from mps.domain.stages.board import PARIS, Board
from mps.domain.stages.periods import period_label
from mps.domain.stages.preparation import service
from mps.domain.stages.api.preparation import PreparationApi
from mps.domain.stages.preparation.agreement import agreement_status, status_label
from mps.domain.stages.preparation.checklist import Tick, done_ids, load_checklist, progress
from mps.domain.stages.preparation.profile_likes import add_likes, proposals_for
from mps.domain.stages.preparation.report import LIMITS, ReportIn, check_report
from mps.domain.stages.web import clock
from mps.domain.suggestions.model import SuggestionModel
from mps.settings import Settings
from mps.web.forms import FormState, blank, form_int

STUDENT, TEACHER = "lyceen", "enseignant"
SAVED = {"coche": "C'est enregistré.", "ecrit": "Ton compte-rendu est enregistré.",
         "partage": "Ton compte-rendu est partagé avec tes professeurs.",
         "prive": "Ton compte-rendu n'est plus partagé : tes professeurs ne le voient plus.",
         "profil": "C'est ajouté à ton profil : tes suggestions en tiennent compte.",
         "rien": "Tu n'as rien coché : ton profil n'a pas changé."}


def _said(request: Request) -> tuple[int | None, str]:
    """(the stage acted on, the sentence to show there) from the redirect's query."""
    raw = request.query_params.get("stage") or ""
    return form_int(raw), SAVED.get(request.query_params.get("ok") or "", "")


def paris_day(moment: datetime) -> date:
    return moment.astimezone(PARIS).date()


def _when(stage: service.Stage) -> str:
    return period_label(stage.offer.niveau, stage.app.period_code, stage.app.school_year)


class PreparationPages(Controller):
    include_in_schema = False

    @get("/stages/mon-stage/preparer")
    async def prepare(self, request: Request, db: AsyncSession, settings: Settings) -> Template:
        person = await page_person(request, db, STUDENT)
        checklist = load_checklist(settings.paths.data_dir)
        stages = []
        for stage in await service.stages_of(db, person.id, clock(settings)[1]):
            ticks = await service.ticks_of(db, stage.id)
            status = await agreement_status(db, stage.id)
            stages.append({"s": stage, "when": _when(stage), "groups": checklist.for_level(stage.offer.niveau),
                           "done": done_ids(ticks), "progress": progress(checklist, stage.offer.niveau, ticks),
                           "agreement": status_label(status), "agreement_status": status})
        acted, said = _said(request)
        return Template("stages/prepare.html", context={"stages": stages, "advice": checklist.advice,
                                                        "acted": acted, "said": said})

    @post("/stages/mon-stage/{application_id:int}/preparer")
    async def tick(self, request: Request, db: AsyncSession, settings: Settings, application_id: int) -> Redirect:
        """The whole checklist as ticked on the page: each item's state, stamped now (a later tick wins)."""
        person = await page_person(request, db, STUDENT)
        stage = await service.own_stage(db, person.id, application_id)
        checklist = load_checklist(settings.paths.data_dir)
        chosen = set((await request.form()).getall("fait", []))
        now = clock(settings)[0]
        op = secrets.token_hex(8)
        ticks = [Tick(item.id, item.id in chosen, int(now.timestamp() * 1000), op)
                 for _, items in checklist.for_level(stage.offer.niveau) for item in items]
        await service.save_ticks(db, stage, ticks, now, checklist.ids)
        return Redirect(f"/stages/mon-stage/preparer?stage={stage.id}&ok=coche#statut-{stage.id}", status_code=303)

    @get("/stages/mon-stage/compte-rendu")
    async def report_page(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                          suggestion_model: SuggestionModel) -> Template:
        person = await page_person(request, db, STUDENT)
        return await self._reports(request, db, settings, stage_board, suggestion_model, person.id)

    async def _reports(self, request, db, settings, board: Board, model: SuggestionModel, person_id: str, *,
                       form: FormState | None = None, form_stage: int | None = None, conflict=None,
                       status: int = 200) -> Template:
        today = clock(settings)[1]
        acted, said = _said(request)
        stages = []
        for stage in await service.stages_of(db, person_id, today):
            report = await service.report_of(db, stage.id)
            mine = form if form is not None and form_stage == stage.id else None
            values = {name: getattr(report, name) for name in LIMITS} if report else {}
            stages.append({
                "s": stage, "when": _when(stage), "started": stage.started(today), "report": report,
                "shared_on": paris_day(report.shared_at) if report and report.shared_at else None,
                "form": mine or blank(ReportIn, values),
                "version": conflict.version if conflict and form_stage == stage.id else (report.version if report else 0),
                "conflict": conflict if form_stage == stage.id else None,
                "proposals": await proposals_for(db, board, model, stage, report) if report else []})
        return Template("stages/debrief.html", status_code=status, context={
            "stages": stages, "acted": acted, "said": said, "limits": LIMITS, "form": form})  # form: « Erreur – »

    @post("/stages/mon-stage/{application_id:int}/compte-rendu", status_code=200)
    async def write(self, request: Request, db: AsyncSession, settings: Settings, stage_board: Board,
                    suggestion_model: SuggestionModel, application_id: int) -> Template | Redirect:
        person = await page_person(request, db, STUDENT)
        stage = await service.own_stage(db, person.id, application_id)
        raw = await request.form()
        texts, errors = check_report({name: raw.get(name) or "" for name in LIMITS})
        form = blank(ReportIn, texts)
        form.anchors = {name: f"{name}-{stage.id}" for name in LIMITS}
        if not stage.started(clock(settings)[1]):
            errors.setdefault("decouvert", "Ton stage n'a pas encore commencé : tu écriras ton compte-rendu pendant "
                                           "ou après.")
        for name, message in errors.items():
            form.add_error(name, message)
        version = raw.get("version") or ""
        if not form.errors:
            report, saved = await service.save_report(db, stage, texts, form_int(version),
                                                      clock(settings)[0])
            if saved:
                return Redirect(f"/stages/mon-stage/compte-rendu?stage={stage.id}&ok=ecrit#statut-{stage.id}",
                                status_code=303)
            form.add_error("decouvert", "Ton compte-rendu a été modifié ailleurs (un autre onglet ou un autre appareil) "
                                        "depuis que tu as ouvert cette page. Ton texte est ci-dessous, et la version "
                                        "enregistrée juste après : garde ce que tu veux, puis enregistre.")
            return await self._reports(request, db, settings, stage_board, suggestion_model, person.id, form=form,
                                       form_stage=stage.id, conflict=report, status=409)
        return await self._reports(request, db, settings, stage_board, suggestion_model, person.id, form=form,
                                   form_stage=stage.id, status=400)

    @post("/stages/mon-stage/{application_id:int}/partage")
    async def share(self, request: Request, db: AsyncSession, settings: Settings, application_id: int) -> Redirect:
        """The student's consent: « 1 » shares the report with the teachers of their classes, « 0 » stops."""
        person = await page_person(request, db, STUDENT)
        stage = await service.own_stage(db, person.id, application_id)
        report = await service.report_of(db, stage.id)
        shared = (await request.form()).get("partager") == "1"
        if report is None:  # nothing written yet: nothing to share (the page offers no such button)
            return Redirect(f"/stages/mon-stage/compte-rendu#stage-{stage.id}-titre", status_code=303)
        await service.set_shared(db, report, shared, clock(settings)[0])
        return Redirect(f"/stages/mon-stage/compte-rendu?stage={stage.id}&ok={'partage' if shared else 'prive'}"
                        f"#statut-{stage.id}", status_code=303)

    @post("/stages/mon-stage/{application_id:int}/profil")
    async def to_profile(self, request: Request, db: AsyncSession, stage_board: Board,
                         suggestion_model: SuggestionModel, application_id: int) -> Redirect:
        """Add the ticked proposals to the profile; only proposals of this report are accepted."""
        person = await page_person(request, db, STUDENT)
        stage = await service.own_stage(db, person.id, application_id)
        report = await service.report_of(db, stage.id)
        chosen = list((await request.form()).getall("ajout", []))
        added = await add_likes(db, stage_board, suggestion_model, stage, report, person.id, chosen) if report else []
        return Redirect(f"/stages/mon-stage/compte-rendu?stage={stage.id}&ok={'profil' if added else 'rien'}"
                        f"#statut-{stage.id}", status_code=303)


class ClassReportPages(Controller):
    include_in_schema = False

    @get("/classes/{class_id:str}/stages")
    async def class_reports(self, request: Request, db: AsyncSession, class_id: str) -> Template:
        teacher = await page_person(request, db, TEACHER)
        cls = await classes.teacher_class(db, teacher.id, class_id)
        reports = await service.shared_reports(db, cls)
        return Template("stages/class_reports.html", context={
            "cls": cls, "reports": [{"r": r, "when": _when(r.stage), "shared_on": paris_day(r.report.shared_at)}
                                    for r in reports]})


PREPARATION_HANDLERS = [PreparationPages, ClassReportPages, PreparationApi]
