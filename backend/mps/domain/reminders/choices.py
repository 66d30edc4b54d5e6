"""A student's reminder choices: which kinds, quiet hours in their own time zone, e-mail or not."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from mps.lib.errors import FieldError

# The kinds of reminders the timeline produces (mps.domain.timeline.reminders.DueReminder.kind).
KINDS = {
    "parcoursup": "Les dates Parcoursup (inscription, vœux, confirmation, réponses)",
    "stage": "Ton stage de seconde",
    "tache": "Ce qu'il te reste à faire (profil, favoris, vœux)",
    "classe": "Les événements ajoutés par ton professeur",
}
DEFAULT_QUIET = ("21:00", "08:00")
PARIS = "Europe/Paris"
# The académies' time zones, offered first; any other IANA zone a device reports is accepted too
# (a lycée français abroad).
FRENCH_ZONES = {
    PARIS: "Métropole et Corse",
    "America/Guadeloupe": "Guadeloupe",
    "America/Martinique": "Martinique",
    "America/Cayenne": "Guyane",
    "Indian/Reunion": "La Réunion",
    "Indian/Mayotte": "Mayotte",
    "Pacific/Noumea": "Nouvelle-Calédonie",
    "Pacific/Tahiti": "Polynésie française",
    "America/Miquelon": "Saint-Pierre-et-Miquelon",
    "Pacific/Wallis": "Wallis-et-Futuna",
}


@dataclass(frozen=True)
class Choices:
    kinds: frozenset[str] = frozenset(KINDS)
    quiet_start: str = DEFAULT_QUIET[0]
    quiet_end: str = DEFAULT_QUIET[1]
    time_zone: str = PARIS
    email: bool = False

    def wants(self, kind: str) -> bool:
        return kind in self.kinds

    def is_quiet(self, now: datetime) -> bool:
        """Whether `now` (aware) falls in the quiet hours of the student's local time."""
        local = now.astimezone(zone(self.time_zone)).time()
        start, end = parse_hhmm("quiet_start", self.quiet_start), parse_hhmm("quiet_end", self.quiet_end)
        if start == end:
            return False  # no quiet hours
        if start < end:
            return start <= local < end
        return local >= start or local < end  # over midnight: 21:00 -> 08:00


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(PARIS)


_HHMM = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")  # ASCII digits: int() reads « ٢ » as 2 too


def parse_hhmm(field: str, text: str) -> time:
    found = _HHMM.fullmatch(text.strip())
    if found is None:
        raise FieldError(field, "une heure au format HH:MM, par exemple 21:00")
    return time(int(found.group(1)), int(found.group(2)))


def check_zone(name: str) -> str:
    if name not in FRENCH_ZONES and name not in _zones():
        raise FieldError("time_zone", "fuseau horaire inconnu")
    return name


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_kinds(kinds: list[str]) -> frozenset[str]:
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise FieldError("kinds", f"type de rappel inconnu : {', '.join(unknown)}")
    return frozenset(kinds)
