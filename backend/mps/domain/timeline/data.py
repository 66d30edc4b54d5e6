"""Timeline steps per school year, read from data/timeline/<start>-<end>.toml and checked.

A file is all or nothing: one bad step refuses the file with a French message naming the file and the
step, and the timeline in service stays (`TimelineStore.current`). Steps that the producer has not
published yet are written with `rule` instead of dates and computed here:
- "stage-seconde": the two weeks of mps.lib.school_calendar.seconde_stage_weeks;
- "previous-year": the same step of the previous year's file, 52 weeks later (same weekday), always
  provisional (« date à confirmer ») until the back-office confirms it (domain/timeline/confirm.py).
"""
from __future__ import annotations

import logging
import re
import time
import tomllib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from mps.lib.errors import UserFacingError
from mps.lib.school_calendar import seconde_stage_weeks
from mps.settings import data_dir

log = logging.getLogger(__name__)
CLASSES = ("seconde", "premiere", "terminale")
KINDS = ("parcoursup", "stage", "lycee", "examen", "salon")
RULES = ("stage-seconde", "previous-year")
MAX_TITLE = 60   # a push notification's title
MAX_TEXT = 280
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")
_YEAR_FILE = re.compile(r"^(\d{4})-(\d{4})\.toml$")
_FIELDS = {"id", "classes", "kind", "title", "text", "text_family", "start", "end", "deadline", "source",
           "checked", "provisional", "rule"}


def timeline_dir() -> Path:
    """Under MPS_DATA_DIR, read at each call so that the variable moves it (settings.data_dir())."""
    return data_dir() / "timeline"


class TimelineDataError(UserFacingError):
    """A timeline file that cannot be used; the message names the file and the step (French)."""


@dataclass(frozen=True)
class Step:
    year: str              # school year, "2026-2027"
    id: str                # unique in its year; "2026-2027/<id>" is unique everywhere (Step.key)
    classes: tuple[str, ...]
    kind: str
    title: str
    text: str
    start: date
    end: date              # == start for a one-day step
    deadline: bool         # the end day is a deadline at 23:59 Europe/Paris
    source: str
    checked: date
    provisional: bool      # « date à confirmer »
    rule: str | None = None
    # What `text` says, told to the student's family (« votre enfant… »): the family's shared page shows it.
    # Omitted when `text` does not speak to the student.
    text_family: str = ""

    @property
    def key(self) -> str:
        return f"{self.year}/{self.id}"


@dataclass(frozen=True)
class SchoolYear:
    name: str              # "2026-2027"
    start_year: int
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


def _fail(path: Path, where: str, message: str) -> TimelineDataError:
    return TimelineDataError(f"Frise {path.name}, {where} : {message}")


def _date(path: Path, where: str, raw: dict, name: str, required: bool = True) -> date | None:
    value = raw.get(name)
    if value is None:
        if required:
            raise _fail(path, where, f"« {name} » manque (une date AAAA-MM-JJ)")
        return None
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise _fail(path, where, f"« {name} » doit être une date AAAA-MM-JJ sans guillemets, pas {value!r}")
    return value


def _text(path: Path, where: str, raw: dict, name: str, limit: int) -> str:
    value = raw.get(name)
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, where, f"« {name} » manque ou est vide")
    if len(value) > limit:
        raise _fail(path, where, f"« {name} » dépasse {limit} caractères ({len(value)})")
    return value.strip()


def _step(path: Path, year: str, start_year: int, index: int, raw: dict) -> Step:
    where = f"étape {index + 1}"
    if not isinstance(raw, dict):
        raise _fail(path, where, "chaque [[step]] doit être une table")
    step_id = raw.get("id")
    if not isinstance(step_id, str) or not _ID.match(step_id):
        raise _fail(path, where, "« id » doit être en minuscules, chiffres et tirets (2 à 60 caractères)")
    where = f"étape « {step_id} »"
    unknown = set(raw) - _FIELDS
    if unknown:
        raise _fail(path, where, f"champ inconnu : {', '.join(sorted(unknown))}")
    classes = raw.get("classes")
    if (not isinstance(classes, list) or not classes or any(c not in CLASSES for c in classes)
            or len(set(classes)) != len(classes)):
        raise _fail(path, where, f"« classes » doit lister, sans doublon, parmi {', '.join(CLASSES)}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _fail(path, where, f"« kind » doit valoir {', '.join(KINDS)}")
    source = _text(path, where, raw, "source", 500)
    if not source.startswith("https://"):
        raise _fail(path, where, "« source » doit être une adresse https://")
    rule = raw.get("rule")
    if rule is not None and rule not in RULES:
        raise _fail(path, where, f"« rule » doit valoir {' ou '.join(RULES)}")
    for flag in ("deadline", "provisional"):
        if not isinstance(raw.get(flag, False), bool):
            raise _fail(path, where, f"« {flag} » doit valoir true ou false")
    if rule is not None and ("start" in raw or "end" in raw):
        raise _fail(path, where, "une étape calculée (« rule ») ne donne pas de dates")
    start = _date(path, where, raw, "start", required=rule is None) or date(start_year, 9, 1)
    end = _date(path, where, raw, "end", required=False) or start
    if rule is None:
        if not date(start_year, 9, 1) <= start <= date(start_year + 1, 8, 31):
            raise _fail(path, where, f"« start » ({start.isoformat()}) est hors de l'année scolaire {year}")
        if not start <= end <= start + timedelta(days=120):
            raise _fail(path, where, "« end » doit suivre « start » de 120 jours au plus")
    checked = _date(path, where, raw, "checked")
    return Step(year=year, id=step_id, classes=tuple(classes), kind=kind,
                title=_text(path, where, raw, "title", MAX_TITLE), text=_text(path, where, raw, "text", MAX_TEXT),
                start=start, end=end, deadline=raw.get("deadline", False), source=source, checked=checked,
                provisional=raw.get("provisional", False) or rule == "previous-year", rule=rule,
                text_family=_text(path, where, raw, "text_family", MAX_TEXT) if "text_family" in raw else "")


def read_year_file(path: Path) -> SchoolYear:
    """One file, checked; rules are not applied yet (they may need the previous year)."""
    m = _YEAR_FILE.match(path.name)
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        raise TimelineDataError(f"Frise {path.name} : le nom doit être l'année scolaire, par exemple 2026-2027.toml")
    start_year = int(m.group(1))
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TimelineDataError(f"Frise {path.name} : le fichier n'est pas du texte UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise TimelineDataError(f"Frise {path.name} : TOML illisible ({exc})") from None
    name = f"{start_year}-{start_year + 1}"
    if doc.get("school_year") != name:
        raise TimelineDataError(f"Frise {path.name} : « school_year » doit valoir \"{name}\"")
    raw_steps = doc.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise TimelineDataError(f"Frise {path.name} : aucune étape ([[step]])")
    steps = [_step(path, name, start_year, i, raw) for i, raw in enumerate(raw_steps)]
    seen: set[str] = set()
    for s in steps:
        if s.id in seen:
            raise _fail(path, f"étape « {s.id} »", "cet id est déjà utilisé dans le fichier")
        seen.add(s.id)
    return SchoolYear(name=name, start_year=start_year, steps=tuple(steps))


def same_weekday_next_year(day: date) -> date:
    """The yearly pattern of Parcoursup: a step falls on the same weekday, 52 weeks later."""
    return day + timedelta(weeks=52)


def _apply_rules(year: SchoolYear, previous: SchoolYear | None, path: Path) -> SchoolYear:
    steps = []
    for s in year.steps:
        if s.rule == "stage-seconde":
            first, second = seconde_stage_weeks(year.start_year + 1)
            s = replace(s, start=first.monday, end=second.friday)
        elif s.rule == "previous-year":
            before = previous.step(s.id) if previous else None
            if before is None:
                raise _fail(path, f"étape « {s.id} »",
                            "« rule = previous-year » demande la même étape dans le fichier de l'année précédente")
            s = replace(s, start=same_weekday_next_year(before.start), end=same_weekday_next_year(before.end),
                        provisional=True)
        steps.append(s)
    steps.sort(key=lambda s: (s.start, s.end, s.id))
    return replace(year, steps=tuple(steps))


def load_timeline(directory: Path | None = None) -> dict[str, SchoolYear]:
    """Every year file of `directory` (default timeline_dir()), checked and computed; TimelineDataError
    on the first fault."""
    directory = directory or timeline_dir()
    paths = sorted(p for p in directory.glob("*.toml"))
    if not paths:
        raise TimelineDataError(f"Aucune frise dans {directory}")
    raw = {y.name: (y, p) for y, p in ((read_year_file(p), p) for p in paths)}
    years: dict[str, SchoolYear] = {}
    for name in sorted(raw):
        year, path = raw[name]
        previous_name = f"{year.start_year - 1}-{year.start_year}"
        years[name] = _apply_rules(year, years.get(previous_name), path)
    return years


class TimelineStore:
    """The timeline in service. Re-reads the files when they change (at most every `check_s`); a file that
    fails its checks is logged and refused, and the last good timeline stays in service."""

    def __init__(self, directory: Path | None = None, check_s: float = 30.0):
        self._directory, self.check_s = directory, check_s
        self._years: dict[str, SchoolYear] | None = None
        self._signature: tuple | None = None
        self._checked_at = float("-inf")
        self.last_error: str | None = None

    @property
    def directory(self) -> Path:
        # Resolved when used, not at import: STORE is built at import, before a test or a command sets MPS_DATA_DIR.
        return self._directory or timeline_dir()

    def _files_signature(self) -> tuple:
        return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(self.directory.glob("*.toml")))

    def current(self) -> dict[str, SchoolYear]:
        if self._years is not None and time.monotonic() - self._checked_at < self.check_s:
            return self._years
        self._checked_at = time.monotonic()
        signature = self._files_signature()
        if self._years is not None and signature == self._signature:
            return self._years
        try:
            self._years = load_timeline(self.directory)
            self.last_error = None
        except TimelineDataError as exc:
            if self._years is None:
                raise  # nothing good to keep: say it at start-up
            if str(exc) != self.last_error:
                log.error("timeline files refused, the previous timeline stays: %s", exc)
            self.last_error = str(exc)
        self._signature = signature
        return self._years


STORE = TimelineStore()


def school_year_name(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"
