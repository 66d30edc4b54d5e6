"""The timeline as an iCalendar feed (RFC 5545), built with the icalendar library.

Steps are all-day events; a deadline also gets a timed event at 23:59 Europe/Paris with an alarm the day
before, so every calendar app shows it in the device's own time zone (overseas students see local time).
"""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from mps.domain.timeline.service import TimelineView
from mps.domain.timeline.zones import PARIS

PRODID = "-//MonProjetSup//Frise de l'orientation//FR"
REFRESH = timedelta(hours=12)


def _description(e) -> str:
    lines = [e.text]
    if e.provisional:
        lines.append("Date à confirmer : elle sera mise à jour dans ton agenda dès qu'elle est publiée.")
    if e.deadline_text:
        lines.append(f"Date limite : {e.deadline_text}.")
    if e.source:
        lines.append(f"Source : {e.source}")
    return "\n".join(lines)


def calendar_of(view: TimelineView, name: str, now: datetime | None = None) -> bytes:
    now = now or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for e in view.entries:
        event = Event()
        event.add("uid", f"{e.key}@monprojetsup")
        event.add("dtstamp", now)
        event.add("summary", e.title + (" (date à confirmer)" if e.provisional else ""))
        event.add("description", _description(e))
        event.add("dtstart", e.start)
        event.add("dtend", e.end + timedelta(days=1))  # all-day: DTEND is the day after
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
        if e.deadline:
            cal.add_component(_deadline_event(e, now))
    cal.add_missing_timezones()
    return cal.to_ical()


def _deadline_event(e, now: datetime) -> Event:
    end = datetime.combine(e.end, time(23, 59), tzinfo=PARIS)
    event = Event()
    event.add("uid", f"{e.key}/limite@monprojetsup")
    event.add("dtstamp", now)
    event.add("summary", f"Date limite : {e.title}" + (" (à confirmer)" if e.provisional else ""))
    event.add("description", _description(e))
    event.add("dtstart", end - timedelta(minutes=59))
    event.add("dtend", end)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Demain, dernier jour : {e.title}")
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    return event
