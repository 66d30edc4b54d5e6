"""Due reminders: what the push/e-mail sender (issue 12 part B) should tell each student, and when.

The interface (agreed, /work/notes/interface-timeline-reminders.md): `due_reminders(db, now)` returns every
reminder whose moment has come (at most WINDOW ago, so a scheduler that was stopped catches up but never
replays old ones) and whose step or task still matters. It is a pure read: calling it twice returns the same
reminders; (person_id, key, occurrence) identifies one, and the sender records what it sent.

Moments: 7 days and 1 day before a Parcoursup or stage step (its last day for a deadline, its first day
otherwise), before a class event, and before the date a task should be done by if it is not done; each at
17:00 in the student's own time zone (after school; overseas students are reminded in their local time).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassEvent

from mps.domain.timeline.confirm import current_years
from mps.domain.timeline.data import CLASSES, SchoolYear, school_year_name
from mps.domain.timeline.facts import read_facts
from mps.domain.timeline.service import class_events, steps_of
from mps.domain.timeline.tasks import StudentFacts, open_tasks
from mps.domain.timeline.zones import deadline_utc, french_day, french_time
from mps.lib.school_calendar import school_year_of

KINDS = ("parcoursup", "stage", "tache", "classe")
OFFSETS_DAYS = (7, 1)
SEND_AT = time(17, 0)          # local time of the student
WINDOW = timedelta(days=2)     # how late a reminder may still go out
MAX_TITLE, MAX_BODY = 60, 200
_STEP_KINDS = {"parcoursup": "parcoursup", "stage": "stage"}  # step kinds that are reminded


@dataclass(frozen=True)
class DueReminder:
    person_id: str       # people.id
    key: str             # stable id of the step, task or event: "2026-2027/parcoursup-voeux", "tache/favoris-3", "classe/<id>"
    occurrence: str      # ISO date of the reminder's day (local); (key, occurrence) identifies one reminder
    kind: str            # one of KINDS
    title: str           # French, ≤ 60 characters
    body: str            # French, ≤ 200 characters
    url: str             # app path to open
    due_at: datetime     # UTC, aware


@dataclass(frozen=True)
class _Moment:
    key: str
    kind: str
    title: str
    what: str            # the sentence's subject
    day: date            # the day the reminder counts down to
    ends_at: datetime    # UTC: after this the reminder no longer matters
    url: str


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _when(offset: int) -> str:
    return "Demain" if offset == 1 else f"Dans {offset} jours"


def _body(m: _Moment, offset: int, facts: StudentFacts) -> str:
    text = f"{_when(offset)} ({french_day(m.day)}) : {m.what}"
    if m.kind in ("parcoursup", "stage") and m.ends_at == deadline_utc(m.day):
        local = m.ends_at.astimezone(facts.zone.info)
        text += (f", jusqu'à 23\u00a0h\u00a059 heure de Paris, soit {french_time(local)} {facts.zone.where}"
                 if facts.zone.overseas else ", jusqu'à 23\u00a0h\u00a059")
    return _cut(text + ".", MAX_BODY)


def _moments(facts: StudentFacts, year: SchoolYear | None, events, today: date) -> list[_Moment]:
    zone = facts.zone.info
    midnight = lambda d: datetime.combine(d, time(0, 0), tzinfo=zone).astimezone(timezone.utc)  # noqa: E731
    moments = []
    for step in steps_of(year, facts.classe):
        if step.kind not in _STEP_KINDS:
            continue  # lycée-set and exam dates vary by school: the timeline shows them, no push
        day = step.end if step.deadline else step.start
        ends = deadline_utc(day) if step.deadline else midnight(day)
        what = (f"dernier jour pour « {step.title} »" if step.deadline else f"« {step.title} »")
        if step.provisional:
            what += " (date à confirmer)"
        moments.append(_Moment(step.key, _STEP_KINDS[step.kind], step.title, what, day, ends,
                               "/etapes#etape-" + step.key.replace("/", "-")))
    for event, label in events:
        moments.append(_Moment(f"classe/{event.id}", "classe", _cut(event.title, MAX_TITLE),
                               f"« {event.title} » ({label})", event.day, midnight(event.day),
                               f"/etapes#etape-classe-{event.id}"))
    for task in open_tasks(facts, year, today):
        if task.due is not None:
            moments.append(_Moment(f"tache/{task.id}", "tache", task.title, f"pense à « {task.title} »", task.due,
                                   midnight(task.due + timedelta(days=1)), task.url))
    return moments


def reminders_of(facts: StudentFacts, year: SchoolYear | None, events, now: datetime) -> list[DueReminder]:
    """One student's due reminders at `now` (pure: the tests call it directly)."""
    zone = facts.zone.info
    today = now.astimezone(zone).date()
    out = []
    for m in _moments(facts, year, events, today):
        for offset in OFFSETS_DAYS:
            day = m.day - timedelta(days=offset)
            due_at = datetime.combine(day, SEND_AT, tzinfo=zone).astimezone(timezone.utc)
            if now - WINDOW < due_at <= now and now < m.ends_at:
                out.append(DueReminder(person_id=facts.person_id, key=m.key, occurrence=day.isoformat(), kind=m.kind,
                                       title=_cut(m.title, MAX_TITLE), body=_body(m, offset, facts), url=m.url,
                                       due_at=due_at))
    return out


def _reminder_days(year: SchoolYear | None) -> set[date]:
    """Every day on which some student of some classe could be reminded of a step or task of `year`."""
    days: set[date] = set()
    for classe in CLASSES:
        everything_open = StudentFacts(person_id="", classe=classe, favourites=1, no_safe=True)
        today = date(year.start_year, 9, 1) if year else date.min
        for m in _moments(everything_open, year, [], today):
            days.update(m.day - timedelta(days=o) for o in OFFSETS_DAYS)
    return days


async def _quiet(db: AsyncSession, years: dict[str, SchoolYear], now: datetime) -> bool:
    """True when no reminder can be due in any time zone: the scheduler's pass then reads no student."""
    near = {now.date() + timedelta(days=d) for d in range(-3, 2)}  # due_at in (now - 2 days, now], UTC-12..UTC+14
    start_year = school_year_of(now.date())
    for year in range(start_year - 1, start_year + 2):  # local dates may fall in a neighbouring school year
        if near & _reminder_days(years.get(school_year_name(year))):
            return False
    first, last = min(near) + timedelta(days=min(OFFSETS_DAYS)), max(near) + timedelta(days=max(OFFSETS_DAYS))
    return not await db.scalar(select(ClassEvent.id).where(ClassEvent.day.between(first, last)).limit(1))


async def due_reminders(db: AsyncSession, now: datetime) -> list[DueReminder]:
    """Every student's reminders due at `now` (aware datetime), oldest first."""
    if now.tzinfo is None:
        raise ValueError("due_reminders: now must be timezone-aware")
    now = now.astimezone(timezone.utc)
    years = await current_years(db)
    if await _quiet(db, years, now):
        return []
    facts_by_year: dict[int, list[StudentFacts]] = {}
    for facts in (await read_facts(db)).values():
        facts_by_year.setdefault(school_year_of(now.astimezone(facts.zone.info).date()), []).append(facts)
    out: list[DueReminder] = []
    for start_year, group in facts_by_year.items():
        class_ids = {c for f in group for c in f.class_ids}
        by_class: dict[str, list] = {}
        for event, label in await class_events(db, class_ids, start_year):
            by_class.setdefault(event.class_id, []).append((event, label))
        year = years.get(school_year_name(start_year))
        for facts in group:
            events = [e for c in facts.class_ids for e in by_class.get(c, [])]
            out += reminders_of(facts, year, events, now)
    out.sort(key=lambda r: (r.due_at, r.person_id, r.key))
    return out
