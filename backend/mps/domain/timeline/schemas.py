"""API documents of the timeline."""
from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec

from mps.domain.timeline.service import Entry, TimelineView
from mps.domain.timeline.tasks import Task
from mps.lib.validation import VISIBLE


class EntryDoc(msgspec.Struct):
    key: str
    kind: str               # parcoursup | stage | lycee | examen | salon | classe
    title: str
    text: str
    start: date
    end: date
    when: str               # in words
    status: str             # past | now | later
    deadline: bool          # the end day closes at 23:59 Paris time
    deadline_text: str      # in the student's local time when overseas
    provisional: bool       # « date à confirmer »
    source: str
    checked: date | None


class TaskDoc(msgspec.Struct):
    id: str
    title: str
    text: str
    url: str
    due: date | None
    progress: str


class TimelineDoc(msgspec.Struct):
    school_year: str
    classe: str | None
    time_zone: str          # IANA name: Europe/Paris, Indian/Reunion…
    entries: list[EntryDoc]
    tasks: list[TaskDoc]
    next: EntryDoc | None


class SharedTimeline(msgspec.Struct):
    """What a family link shows: the same dated steps, read-only (no tasks, no calendar links)."""

    school_year: str
    classe: str | None
    time_zone: str
    entries: list[EntryDoc]


def entry_doc(e: Entry) -> EntryDoc:
    return EntryDoc(key=e.key, kind=e.kind, title=e.title, text=e.text, start=e.start, end=e.end, when=e.when,
                    status=e.status, deadline=e.deadline, deadline_text=e.deadline_text, provisional=e.provisional,
                    source=e.source, checked=e.checked)


def task_doc(t: Task) -> TaskDoc:
    return TaskDoc(id=t.id, title=t.title, text=t.text, url=t.url, due=t.due, progress=t.progress)


def timeline_doc(view: TimelineView) -> TimelineDoc:
    nxt = view.next
    return TimelineDoc(school_year=view.year, classe=view.classe, time_zone=view.zone.name,
                       entries=[entry_doc(e) for e in view.entries], tasks=[task_doc(t) for t in view.tasks],
                       next=entry_doc(nxt) if nxt else None)


def shared_timeline(view: TimelineView) -> SharedTimeline:
    return SharedTimeline(school_year=view.year, classe=view.classe, time_zone=view.zone.name,
                          entries=[entry_doc(e) for e in view.entries])


class ClassEventIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """« Réunion d'orientation le 12 février »: added by the teacher, shown in the class's timelines."""

    title: Annotated[str, msgspec.Meta(
        min_length=1, max_length=100, pattern=VISIBLE, title="Événement",
        description="Par exemple « Réunion d'orientation »",
        extra={"error": "Donnez un titre de 100 caractères au plus, par exemple « Réunion d'orientation »."})]
    day: Annotated[date, msgspec.Meta(
        title="Date", description="Format attendu : JJ/MM/AAAA",
        extra={"error": "Indiquez une date valide, par exemple 12/02/2027."})]


class ClassEventOut(msgspec.Struct):
    id: str
    title: str
    day: date
