"""Hours a minor may spend at the host (code du travail, L3162-1 to L3164-2, as the national model of the
convention d'observation states them): at most 7 hours a day and 35 a week, a break of 30 minutes in a row
once the day passes 4 h 30, two days of rest a week (so at most 5 days), no night work (20 h – 6 h before
16, 22 h – 6 h from 16 to 18)."""
from __future__ import annotations

import re
from datetime import date

from mps.domain.stages.agreements.document import WEEKDAYS, Schedule, age_on

MAX_DAY_MIN, MAX_WEEK_MIN, MAX_DAYS = 7 * 60, 35 * 60, 5
LONG_DAY_MIN, MIN_PAUSE_MIN = 4 * 60 + 30, 30
_TIME = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)$")


def minutes(text: str) -> int | None:
    m = _TIME.match(text.strip())
    return int(m.group(1)) * 60 + int(m.group(2)) if m else None


def hhmm(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def spoken(total: int) -> str:
    """420 -> « 7 h », 450 -> « 7 h 30 »."""
    return f"{total // 60} h" + (f" {total % 60:02d}" if total % 60 else "")


def night_start(birth: date | None, first_day: date | None) -> int:
    """When night begins for this student: 20 h before 16 (or when the age is not known yet), else 22 h."""
    if birth is None or first_day is None or age_on(birth, first_day) < 16:
        return 20 * 60
    return 22 * 60


def daily_minutes(s: Schedule) -> int:
    start, end = minutes(s.start), minutes(s.end)
    return max(0, (end or 0) - (start or 0) - s.pause_minutes)


def refusals(s: Schedule, birth: date | None, first_day: date | None) -> dict[str, str]:
    """field -> why this timetable is not allowed for a minor (empty when it is)."""
    out: dict[str, str] = {}
    unknown = [d for d in s.days if d not in WEEKDAYS]
    if not s.days or unknown:
        out["days"] = "Choisis les jours de présence (du lundi au samedi)."
    elif len(set(s.days)) > MAX_DAYS:
        out["days"] = "Deux jours de repos par semaine au moins : 5 jours de présence au plus."
    start, end = minutes(s.start), minutes(s.end)
    if start is None:
        out["start"] = "Indique l'heure d'arrivée au format 9:00."
    if end is None:
        out["end"] = "Indique l'heure de départ au format 17:00."
    if out.keys() & {"start", "end"}:
        return out
    night = night_start(birth, first_day)
    if start < 6 * 60:
        out["start"] = "Pas de présence avant 6 h : le travail de nuit est interdit aux mineurs."
    if end > night:
        out["end"] = f"Pas de présence après {spoken(night)} : le travail de nuit est interdit aux mineurs."
    if end <= start:
        out["end"] = "L'heure de départ vient après l'heure d'arrivée."
    elif not 0 <= s.pause_minutes <= end - start:
        out["pause_minutes"] = "La pause ne peut pas dépasser la journée."
    else:
        day = daily_minutes(s)
        if day > MAX_DAY_MIN:
            out["end"] = f"{spoken(day)} de présence par jour : 7 h au plus, pause non comprise."
        elif day > LONG_DAY_MIN and s.pause_minutes < MIN_PAUSE_MIN:
            out["pause_minutes"] = "Au-delà de 4 h 30 de présence, une pause de 30 minutes au moins est due."
        elif day * len(set(s.days)) > MAX_WEEK_MIN and "days" not in out:
            out["days"] = f"{spoken(day * len(set(s.days)))} par semaine : 35 h au plus."
    return out
