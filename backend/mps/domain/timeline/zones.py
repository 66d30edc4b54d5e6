"""Time zones of the student: Parcoursup deadlines are 23:59 Paris time, shown in local time overseas.

The zone comes from a département code (the profile's town « Saint-Denis (974) ») or a postcode (the
lycée of the student's class); 97x and 98x are overseas, everything else is Paris.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from mps.lib.french import french_day

PARIS = ZoneInfo("Europe/Paris")
DEADLINE_TIME = time(23, 59)


@dataclass(frozen=True)
class Zone:
    name: str       # IANA name
    where: str      # « à La Réunion »: read after « heure de … » / « soit … »

    @property
    def info(self) -> ZoneInfo:
        return ZoneInfo(self.name)

    @property
    def overseas(self) -> bool:
        return self.name != "Europe/Paris"


METROPOLE = Zone("Europe/Paris", "en métropole")
OVERSEAS = {
    "971": Zone("America/Guadeloupe", "en Guadeloupe"),
    "972": Zone("America/Martinique", "en Martinique"),
    "973": Zone("America/Cayenne", "en Guyane"),
    "974": Zone("Indian/Reunion", "à La Réunion"),
    "975": Zone("America/Miquelon", "à Saint-Pierre-et-Miquelon"),
    "976": Zone("Indian/Mayotte", "à Mayotte"),
    "977": Zone("America/St_Barthelemy", "à Saint-Barthélemy"),
    "978": Zone("America/Marigot", "à Saint-Martin"),
    "986": Zone("Pacific/Wallis", "à Wallis-et-Futuna"),
    "987": Zone("Pacific/Tahiti", "en Polynésie française"),
    "988": Zone("Pacific/Noumea", "en Nouvelle-Calédonie"),
}
_TRAILING_CODE = re.compile(r"\((\d[\dAB]{1,4})\)\s*$", re.IGNORECASE)


def zone_of_code(code: str | None) -> Zone:
    """A département code (« 974 », « 59 ») or a postcode (« 97400 », « 98800 »)."""
    code = (code or "").strip()
    return OVERSEAS.get(code[:3], METROPOLE) if code[:2] in ("97", "98") else METROPOLE


def zone_of_town(label: str | None) -> Zone | None:
    """« Saint-Denis (974) » -> La Réunion; None when the label carries no code."""
    m = _TRAILING_CODE.search(label or "")
    return zone_of_code(m.group(1)) if m else None


def deadline_utc(day: date) -> datetime:
    """The end of a Parcoursup day: 23:59 Europe/Paris, as an aware UTC datetime."""
    return datetime.combine(day, DEADLINE_TIME, tzinfo=PARIS).astimezone(timezone.utc)


def french_time(moment: datetime) -> str:
    """« 2 h 59 », joined by no-break spaces: « 23 h » / « 59 » was cut at 375 px."""
    return f"{moment.hour}\u00a0h\u00a0{moment.minute:02d}"


def deadline_words(day: date, zone: Zone) -> str:
    """« jusqu'au jeudi 12 mars à 23 h 59 (heure de Paris), soit le vendredi 13 mars à 2 h 59 à La Réunion »."""
    text = f"jusqu'au {french_day(day)} à 23\u00a0h\u00a059 (heure de Paris)"
    if not zone.overseas:
        return text
    local = deadline_utc(day).astimezone(zone.info)
    same_day = local.date() == day
    return (text + f", soit {'le même jour' if same_day else 'le ' + french_day(local.date())} "
            f"à {french_time(local)} {zone.where}")
