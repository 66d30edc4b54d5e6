"""Classes pages: the teacher's classes, dashboard and student page; the student's join and leave."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Lycee
from mps.domain.accounts.web import page_person
from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.search import SearchParams
from mps.domain.classes import service
from mps.domain.classes.dashboard import TEACHER_FLAGS, class_out, dashboard, student_detail
from mps.domain.classes.web import class_from_code, join_qr_svg, too_many
from mps.domain.classes.schemas import ClassIn, JoinIn, NoteIn
from mps.domain.plan.service import warning_labels
from mps.domain.timeline.progress import class_progress
from mps.domain.timeline.schemas import ClassEventIn
from mps.domain.timeline.service import add_class_event, delete_class_event, events_of_class
from mps.domain.stages.seekers import STAGE_STATUS
from mps.domain.vocabulary import AMBITION_LABELS
from mps.lib.errors import FieldError
from mps.lib.validation import convert, fields
from mps.settings import Settings
from mps.web.links import page_origin
from mps.web.forms import FormState, blank, read_form, state_from

TEACHER = "enseignant"
EVENT_SAID = {"ajoute": "L'événement est ajouté aux étapes de vos élèves.",
              "supprime": "L'événement est retiré des étapes de vos élèves."}
LYCEE_FIELD = {"lycee": ("Lycée", "Nom et ville, ou code UAI (par exemple 0590117G)", True)}


class TeacherPages(Controller):
    include_in_schema = False

    async def _classes_page(self, db, teacher, form: FormState, *, matches=(), status=200):
        classes = await service.teacher_classes(db, teacher.id)
        return Template("classes/index.html", status_code=status, context={
            "classes": classes, "form": form, "matches": matches})

    @get("/classes")
    async def index(self, request: Request, db: AsyncSession) -> Template:
        teacher = await page_person(request, db, TEACHER)
        return await self._classes_page(db, teacher, blank(ClassIn, {"school_year": service.current_school_year()},
                                                           extra=LYCEE_FIELD))

    @post("/classes", status_code=200)
    async def create(self, request: Request, db: AsyncSession) -> Template | Redirect:
        teacher = await page_person(request, db, TEACHER)
        raw = await request.form()
        # The page checks the class with ClassIn, as POST /api/v1/classes does; the lycée is looked up first.
        form = state_from(raw, ClassIn, extra=LYCEE_FIELD, only={"label", "school_year"})
        uai = form.value("lycee_uai")
        lycee = await db.get(Lycee, uai) if uai else None
        matches = []
        if lycee is None:
            matches = await service.find_lycees(db, form.value("lycee")) if form.value("lycee").strip() else []
            if len(matches) == 1:
                lycee = matches[0]
            elif not form.value("lycee").strip():
                form.add_error("lycee", "Indiquez votre lycée : son nom et sa ville, ou son code UAI.")
            elif not matches:
                form.add_error("lycee", "Aucun lycée ne correspond : essayez le nom de la ville ou le code UAI.")
            else:
                form.add_error("lycee_uai", "Plusieurs lycées correspondent : choisissez le vôtre dans la liste.")
        if form.errors:
            return await self._classes_page(db, teacher, form, matches=matches, status=400)
        data = convert({"lycee_uai": lycee.uai, "label": form.value("label").strip(),
                        "school_year": form.value("school_year").strip() or service.current_school_year()}, ClassIn)
        cls = await service.create_class(db, teacher, lycee, data.label, data.school_year)
        return Redirect(f"/classes/{cls.id}", status_code=303)

    async def _board(self, request, catalogue, settings, db, cls, event_form: FormState, *, status=200) -> Template:
        board = await dashboard(db, catalogue, settings, cls, page_origin(request))
        # The class on the timeline's tasks; a student has a safe choice when the ambition check raises no flag.
        progress = await class_progress(db, [(s.id, "no_safe" not in s.flags) for s in board.students])
        return Template("classes/dashboard.html", status_code=status, context={
            "board": board, "flags": TEACHER_FLAGS, "plan_labels": warning_labels(), "stage_labels": STAGE_STATUS,
            "progress": progress, "events": await events_of_class(db, cls.id),
            "event_form": event_form, "event_said": EVENT_SAID.get(request.query_params.get("evenement", ""), ""),
            "qr": join_qr_svg(board.klass.join_url), "expired": service.code_expired(cls),
            "renewed": request.query_params.get("code") == "nouveau"})

    @get("/classes/{class_id:str}")
    async def board(self, request: Request, catalogue: Catalogue, settings: Settings, db: AsyncSession, class_id: str) -> Template:
        teacher = await page_person(request, db, TEACHER)
        cls = await service.teacher_class(db, teacher.id, class_id)
        return await self._board(request, catalogue, settings, db, cls, blank(ClassEventIn))

    @post("/classes/{class_id:str}/evenements", status_code=200)
    async def add_event(self, request: Request, catalogue: Catalogue, settings: Settings, db: AsyncSession,
                        class_id: str) -> Template | Redirect:
        teacher = await page_person(request, db, TEACHER)
        cls = await service.teacher_class(db, teacher.id, class_id)
        form = await read_form(request, ClassEventIn)  # the same ClassEventIn as POST /api/v1/classes/{id}/events
        if not form.errors:
            try:
                await add_class_event(db, cls, teacher.id, form.data.title, form.data.day)
            except FieldError as exc:
                form.add_error(exc.field, exc.message)
        if form.errors:
            return await self._board(request, catalogue, settings, db, cls, form, status=400)
        return Redirect(f"/classes/{class_id}?evenement=ajoute#statut-evenements", status_code=303)

    @post("/classes/{class_id:str}/evenements/{event_id:str}/supprimer")
    async def delete_event(self, request: Request, db: AsyncSession, class_id: str, event_id: str) -> Redirect:
        teacher = await page_person(request, db, TEACHER)
        cls = await service.teacher_class(db, teacher.id, class_id)
        await delete_class_event(db, cls.id, event_id)
        return Redirect(f"/classes/{class_id}?evenement=supprime#statut-evenements", status_code=303)

    @get("/classes/{class_id:str}/projeter")
    async def project(self, request: Request, settings: Settings, db: AsyncSession, class_id: str) -> Template:
        """The code, the link and the QR code, large, to show on the classroom's screen."""
        teacher = await page_person(request, db, TEACHER)
        cls = await service.teacher_class(db, teacher.id, class_id)
        out = class_out(cls, settings=settings, origin=page_origin(request))
        return Template("classes/project.html", context={"c": out, "qr": join_qr_svg(out.join_url),
                                                        "expired": service.code_expired(cls)})

    @post("/classes/{class_id:str}/code")
    async def renew(self, request: Request, db: AsyncSession, class_id: str) -> Redirect:
        teacher = await page_person(request, db, TEACHER)
        await service.renew_code(db, await service.teacher_class(db, teacher.id, class_id))
        return Redirect(f"/classes/{class_id}?code=nouveau#code-statut", status_code=303)

    @get("/classes/{class_id:str}/eleves/{student_id:str}")
    async def student(self, request: Request, db: AsyncSession, catalogue: Catalogue, class_id: str,
                      student_id: str) -> Template:
        return await self._student_page(request, db, catalogue, class_id, student_id,
                                        request.query_params.get("q") or "")

    async def _student_page(self, request, db, catalogue: Catalogue, class_id: str, student_id: str, q: str,
                            form: FormState | None = None) -> Template:
        """The student's page; `form` is a refused note (its formation_id says which form it was)."""
        teacher = await page_person(request, db, TEACHER)
        cls, student = await service.class_student(db, teacher.id, class_id, student_id)
        detail = await student_detail(db, catalogue, cls, student)
        q = q.strip()[:100]
        hits = catalogue.search.search(SearchParams(q=q)).hits[:10] if q else []
        found = [catalogue.formations[h.formation_id] for h in hits]
        return Template("classes/student.html", status_code=400 if form and form.errors else 200, context={
            "cls": cls, "d": detail, "flags": TEACHER_FLAGS, "ambitions": AMBITION_LABELS, "q": q, "found": found,
            "plan_labels": warning_labels(),
            "cat": catalogue, "sent": request.query_params.get("ok"), "form": form or blank(NoteIn),
            "blank_note": blank(NoteIn)})

    async def _note(self, request, db, catalogue: Catalogue, class_id: str, student_id: str,
                    kind: str) -> Template | Redirect:
        """A proposal or a PsyEN advice: NoteIn decides, as for POST /api/v1/classes/…/notes; never cut."""
        teacher = await page_person(request, db, TEACHER)
        cls, student = await service.class_student(db, teacher.id, class_id, student_id)
        raw = await request.form()
        form = state_from({**{k: raw.get(k) for k in ("formation_id", "note") if raw.get(k) is not None},
                           "kind": kind}, NoteIn)
        if kind == "formation" and catalogue.formation(form.value("formation_id")) is None:
            raise NotFoundException(detail="Cette formation n'existe pas ou plus dans le catalogue.")
        if form.errors:
            form.anchors["note"] = f"note-{form.value('formation_id')}" if kind == "formation" else "psyen-note"
            return await self._student_page(request, db, catalogue, class_id, student_id, raw.get("q") or "", form)
        await service.add_note(db, cls, student, kind, form.data.formation_id, form.data.note.strip())
        # The confirmation sits where the action was; the fragment moves focus to it (tabindex=-1).
        return Redirect(f"/classes/{class_id}/eleves/{student_id}?ok={kind}#envoye", status_code=303)

    @post("/classes/{class_id:str}/eleves/{student_id:str}/proposer", status_code=200)
    async def propose(self, request: Request, db: AsyncSession, catalogue: Catalogue, class_id: str,
                     student_id: str) -> Template | Redirect:
        return await self._note(request, db, catalogue, class_id, student_id, "formation")

    @post("/classes/{class_id:str}/eleves/{student_id:str}/psyen", status_code=200)
    async def psyen(self, request: Request, db: AsyncSession, catalogue: Catalogue, class_id: str,
                   student_id: str) -> Template | Redirect:
        return await self._note(request, db, catalogue, class_id, student_id, "psyen")


class StudentClassPages(Controller):
    include_in_schema = False

    @get("/ma-classe")
    async def mine(self, request: Request, db: AsyncSession) -> Template:
        student = await page_person(request, db, "lyceen")
        return Template("classes/mine.html", context={
            "classes": await service.student_classes(db, student.id), "left": request.query_params.get("quitte"),
            "joined": request.query_params.get("rejoint"), "name": student.display_name})

    @get("/ma-classe/rejoindre")
    async def join_form(self, request: Request, db: AsyncSession) -> Template:
        student = await page_person(request, db, "lyceen")
        code = (request.query_params.get("code") or "").strip()
        first, _, initial = student.display_name.rpartition(" ") if student.display_name.endswith(".") else \
            (student.display_name, "", "")
        form = blank(JoinIn, {"code": code, "first_name": first, "initial": initial.rstrip(".")})
        cls, refusal = await class_from_code(request, db, student.id, code) if code else (None, None)
        if refusal:
            form.add_error("code", refusal)
        return self._join_page(form, cls, refusal)

    @staticmethod
    def _join_page(form: FormState, cls, refusal: str | None) -> Template:
        status = 429 if too_many(refusal) else 400 if form.errors else 200
        return Template("classes/join.html", status_code=status, context={"cls": cls, "form": form})

    @post("/ma-classe/rejoindre")
    async def join(self, request: Request, db: AsyncSession) -> Template | Redirect:
        """JoinIn decides, as for POST /api/v1/classes/join: the code, the first name, the consent."""
        student = await page_person(request, db, "lyceen")
        raw = await request.form()
        form = state_from({"code": raw.get("code") or "", "first_name": raw.get("first_name") or "",
                           "initial": raw.get("initial") or "", "consent": "true" if raw.get("consent") else ""},
                          JoinIn)
        cls, refusal = await class_from_code(request, db, student.id, form.value("code"))
        if refusal:
            form.add_error("code", refusal)
        elif form.data is not None and not form.data.consent:
            form.add_error("consent", fields(JoinIn)["consent"].error)
        if form.errors:
            return self._join_page(form, cls, refusal)
        await service.join(db, cls, student, service.student_name(form.data.first_name, form.data.initial))
        return Redirect("/ma-classe?rejoint=1#statut-classes", status_code=303)

    @post("/ma-classe/{class_id:str}/quitter")
    async def leave(self, request: Request, db: AsyncSession, class_id: str) -> Redirect:
        student = await page_person(request, db, "lyceen")
        if not await service.leave(db, class_id, student.id):
            raise NotFoundException(detail=service.NOT_FOUND)
        return Redirect("/ma-classe?quitte=1#statut-classes", status_code=303)
