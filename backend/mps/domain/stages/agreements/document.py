"""The convention de stage as data: what is hashed, signed and rendered (HTML and PDF) is this document and
nothing else. The national clauses are generated from it (clauses.py) under MODEL_VERSION, which is part of
the document: a new wording of the model is a change of the document.

The canonical form is msgspec's JSON with keys sorted and no spaces; its SHA-256 is the document's hash."""
from __future__ import annotations

import hashlib
from datetime import date

import msgspec

MODEL_VERSION = "observation-2026-1"
WEEKDAYS = {"lun": "lundi", "mar": "mardi", "mer": "mercredi", "jeu": "jeudi", "ven": "vendredi", "sam": "samedi"}


class Party(msgspec.Struct, frozen=True, kw_only=True):
    name: str = ""
    email: str = ""
    function: str = ""
    phone: str = ""


class Student(msgspec.Struct, frozen=True, kw_only=True):
    last_name: str = ""
    first_name: str = ""
    birth_date: date | None = None
    class_label: str = ""
    email: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class School(msgspec.Struct, frozen=True, kw_only=True):
    uai: str
    name: str
    commune: str = ""
    head: Party = Party()


class Schedule(msgspec.Struct, frozen=True, kw_only=True):
    """One daily timetable for the whole period: `start` and `end` as HH:MM, the lunch break in minutes."""
    days: tuple[str, ...] = ()
    start: str = ""
    end: str = ""
    pause_minutes: int = 0


class Host(msgspec.Struct, frozen=True, kw_only=True):
    key: str  # the confirmed application it comes from ("a12")
    organisation: str
    siret: str
    employer_kind: str
    offer_id: int
    offer_title: str
    activities: str  # the offer's description, as published
    address: str
    commune: str
    postcode: str
    period_code: str
    starts_on: date
    ends_on: date
    signer: Party = Party()  # who signs for the host (employer or delegate)
    tutor: Party = Party()
    schedule: Schedule = Schedule()


class Document(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    reference: str  # MPS-2026-000123
    school_year: int
    niveau: str  # seconde | 3e
    student: Student
    guardian: Party
    school: School
    hosts: tuple[Host, ...]


def canonical(doc: Document) -> bytes:
    return msgspec.json.encode(doc, order="sorted")


def document_hash(doc: Document) -> str:
    return hashlib.sha256(canonical(doc)).hexdigest()


def from_stored(data: dict) -> Document:
    return msgspec.convert(data, Document)


def to_stored(doc: Document) -> dict:
    return msgspec.to_builtins(doc, order="sorted")


def short_hash(value: str) -> str:
    """The hash in groups of 8 characters, easier to read aloud and compare."""
    return " ".join(value[i:i + 8] for i in range(0, len(value), 8))


# -- who signs ------------------------------------------------------------------------------------------
ROLES = {"employeur": "Représentant de la structure d'accueil", "chef": "Chef d'établissement",
         "eleve": "Élève", "representant": "Représentant légal"}


class Signer(msgspec.Struct, frozen=True):
    role: str
    slot: int
    name: str
    email: str


def signers(doc: Document) -> list[Signer]:
    """Every host structure signs, then the school head, the student and (for a minor) a legal representative."""
    out = [Signer("employeur", i, h.signer.name, h.signer.email) for i, h in enumerate(doc.hosts)]
    out.append(Signer("chef", 0, doc.school.head.name, doc.school.head.email))
    out.append(Signer("eleve", 0, doc.student.full_name, doc.student.email))
    if needs_guardian(doc):
        out.append(Signer("representant", 0, doc.guardian.name, doc.guardian.email))
    return out


def first_day(doc: Document) -> date | None:
    return min((h.starts_on for h in doc.hosts), default=None)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def needs_guardian(doc: Document) -> bool:
    """A legal representative signs unless the student is of age on the first day (unknown birth date: minor)."""
    start = first_day(doc)
    return doc.student.birth_date is None or start is None or age_on(doc.student.birth_date, start) < 18


def missing(doc: Document) -> list[str]:
    """What is still to fill in before the document can be signed, in words (empty when complete)."""
    out = []
    s = doc.student
    if not (s.last_name and s.first_name and s.birth_date and s.class_label):
        out.append("l'identité de l'élève (nom, prénom, date de naissance, classe)")
    if not s.email:
        out.append("l'adresse e-mail de l'élève")
    if needs_guardian(doc) and not (doc.guardian.name and doc.guardian.email):
        out.append("le représentant légal (nom et adresse e-mail)")
    if not (doc.school.head.name and doc.school.head.email):
        out.append("le chef d'établissement (nom et adresse e-mail)")
    if not doc.hosts:
        out.append("le stage confirmé (aucune candidature confirmée)")
    for h in doc.hosts:
        if not (h.signer.name and h.signer.email and h.tutor.name and h.tutor.email and h.schedule.days):
            out.append(f"la partie de {h.organisation} (signataire, tuteur ou tutrice, horaires)")
    return out
