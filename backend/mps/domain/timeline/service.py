"""A student's timeline: the dated steps of their classe this school year, their class's events and their tasks."""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassEvent, SchoolClass
from mps.domain.timeline.confirm import current_years
from mps.domain.timeline.data import SchoolYear, Step, school_year_name
from mps.domain.timeline.facts import read_facts
from mps.domain.timeline.tasks import StudentFacts, Task, open_tasks
from mps.domain.timeline.zones import PARIS, Zone, deadline_words, french_day
from mps.lib.errors import FieldError
from mps.lib.school_calendar import school_year_of
from mps.lib.text import digits_only

CLASS_LABELS = {"seconde": "Seconde", "premiere": "Première", "terminale": "Terminale"}
STEP_URLS = {"parcoursup": "https://www.parcoursup.gouv.fr/", "stage": "/stages"}


@dataclass(frozen=True)
class Entry:
    key: str                # "2026-2027/parcoursup-voeux" or "classe/<event id>"
    kind: str               # a step's kind, or "classe"
    title: str
    text: str
    start: date
    end: date
    deadline: bool
    provisional: bool
    when: str               # « du lundi 18 janvier au jeudi 11 mars »
    deadline_text: str      # « jusqu'au … à 23 h 59 (heure de Paris), soit … à La Réunion », or ""
    status: str             # past | now | later
    source: str = ""
    checked: date | None = None
    classes: tuple[str, ...] = ()   # the classes a step is for (shown when the visitor's classe is unknown)
    text_family: str = ""   # the same said to the student's family (« votre enfant »), or "" when `text` says it

    @property
    def anchor(self) -> str:
        return "etape-" + self.key.replace("/", "-")


@dataclass
class TimelineView:
    year: str
    classe: str | None
    zone: Zone
    entries: list[Entry] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def group(self, status: str) -> list[Entry]:
        return [e for e in self.entries if e.status == status]

    @property
    def next(self) -> Entry | None:
        """The next dated moment: an ongoing step's end or an upcoming step's start, whichever comes first."""
        upcoming = [e for e in self.entries if e.status != "past"]
        return min(upcoming, key=lambda e: (e.start if e.status == "later" else e.end, e.key), default=None)

    @property
    def classe_label(self) -> str:
        return CLASS_LABELS.get(self.classe or "", "")


def when_words(start: date, end: date) -> str:
    if start == end:
        return french_day(start)
    return f"du {french_day(start)} au {french_day(end)}"


def _status(start: date, end: date, today: date) -> str:
    return "past" if end < today else "now" if start <= today else "later"


def entry_of_step(step: Step, zone: Zone, today: date) -> Entry:
    return Entry(key=step.key, kind=step.kind, title=step.title, text=step.text, start=step.start, end=step.end,
                 deadline=step.deadline, provisional=step.provisional, when=when_words(step.start, step.end),
                 deadline_text=deadline_words(step.end, zone) if step.deadline else "",
                 status=_status(step.start, step.end, today), source=step.source, checked=step.checked,
                 classes=step.classes, text_family=step.text_family)


def entry_of_event(event: ClassEvent, class_label: str, today: date) -> Entry:
    return Entry(key=f"classe/{event.id}", kind="classe", title=event.title,
                 text=f"Ajouté par ton professeur pour la classe {class_label}.", start=event.day, end=event.day,
                 text_family=f"Ajouté par son professeur pour la classe {class_label}.",
                 deadline=False, provisional=False, when=french_day(event.day), deadline_text="",
                 status=_status(event.day, event.day, today))


def steps_of(year: SchoolYear | None, classe: str | None) -> list[Step]:
    if year is None:
        return []
    return [s for s in year.steps if classe is None or classe in s.classes]


async def class_events(db: AsyncSession, class_ids, start_year: int) -> list[tuple[ClassEvent, str]]:
    """Events of these classes in the school year starting in September of start_year, with the class label."""
    if not class_ids:
        return []
    rows = await db.execute(select(ClassEvent, SchoolClass.label).join(SchoolClass, SchoolClass.id == ClassEvent.class_id)
                            .where(ClassEvent.class_id.in_(list(class_ids)),
                                   ClassEvent.day >= date(start_year, 9, 1), ClassEvent.day <= date(start_year + 1, 8, 31))
                            .order_by(ClassEvent.day, ClassEvent.id))
    return [(e, label) for e, label in rows.all()]


def local_today(zone: Zone, now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(zone.info).date()


async def timeline_of(db: AsyncSession, facts: StudentFacts, now: datetime | None = None) -> TimelineView:
    today = local_today(facts.zone, now)
    start_year = school_year_of(today)
    years = await current_years(db)
    year = years.get(school_year_name(start_year))
    view = TimelineView(year=school_year_name(start_year), classe=facts.classe, zone=facts.zone)
    view.entries = [entry_of_step(s, facts.zone, today) for s in steps_of(year, facts.classe)]
    view.entries += [entry_of_event(e, label, today) for e, label in await class_events(db, facts.class_ids, start_year)]
    view.entries.sort(key=lambda e: (e.start, e.end, e.key))
    view.tasks = open_tasks(facts, year, today)
    return view


async def student_facts(db: AsyncSession, person_id: str | None, catalogue=None) -> StudentFacts:
    """Facts of one person; with the catalogue, the ambition check's « no safe choice » too."""
    if not person_id:
        return StudentFacts(person_id="", classe=None)
    facts = (await read_facts(db, [person_id]))[person_id]
    if catalogue is not None and facts.favourites:
        from dataclasses import replace

        from mps.domain.favourites.view import favourites_doc
        doc = await favourites_doc(db, catalogue, person_id)
        facts = replace(facts, no_safe=any(f.kind == "no_safe" for f in doc.check.flags))
    return facts


async def timeline_for(db: AsyncSession, person_id: str | None, catalogue=None,
                       now: datetime | None = None) -> TimelineView:
    return await timeline_of(db, await student_facts(db, person_id, catalogue), now)


# --- class events (teachers) ---

MAX_EVENT_TITLE = 100


async def add_class_event(db: AsyncSession, cls: SchoolClass, teacher_id: str, title: str, day: date) -> ClassEvent:
    title = " ".join(title.split())
    if not title:
        raise FieldError("title", "Donne un titre à l'événement, par exemple « Réunion d'orientation ».")
    if len(title) > MAX_EVENT_TITLE:
        raise FieldError("title", f"Le titre fait {MAX_EVENT_TITLE} caractères au plus.")
    start_year = int(cls.school_year[:4]) if digits_only(cls.school_year[:4]) else school_year_of(day)
    if not date(start_year, 9, 1) <= day <= date(start_year + 1, 8, 31):
        raise FieldError("day", f"Choisis une date de l'année scolaire {cls.school_year}.")
    event = ClassEvent(id=secrets.token_hex(12), class_id=cls.id, teacher_id=teacher_id, title=title, day=day,
                       created_at=datetime.now(timezone.utc))
    db.add(event)
    await db.flush()
    return event


async def events_of_class(db: AsyncSession, class_id: str) -> list[ClassEvent]:
    return list((await db.scalars(select(ClassEvent).where(ClassEvent.class_id == class_id)
                                  .order_by(ClassEvent.day, ClassEvent.id))).all())


async def delete_class_event(db: AsyncSession, class_id: str, event_id: str) -> bool:
    event = await db.get(ClassEvent, event_id)
    if event is None or event.class_id != class_id:
        return False
    await db.delete(event)
    await db.flush()
    return True


def paris_today(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(PARIS).date()
