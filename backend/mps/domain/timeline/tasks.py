"""Adaptive tasks: what a student of a given classe still has to do, computed from their data.

A task is gone once done (the facts say so) or once its date has passed. `StudentFacts` are read for one
person (pages) or for everyone at once (reminders) by domain/timeline/facts.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mps.domain.timeline.data import SchoolYear
from mps.domain.timeline.zones import METROPOLE, Zone

FAVOURITES_TARGET = 3


@dataclass(frozen=True)
class StudentFacts:
    person_id: str
    classe: str | None          # seconde | premiere | terminale | None (not said yet)
    zone: Zone = METROPOLE
    completeness: int = 0       # % of the profile answered (profile/completeness.py)
    favourites: int = 0         # live favourite formations
    with_places: int = 0        # favourites with at least one chosen place
    no_safe: bool | None = None  # the ambition check's « no safe choice » flag; None: not computed
    class_ids: tuple[str, ...] = ()
    stage_placed: bool = False  # the stage board has confirmed applications covering the whole stage


@dataclass(frozen=True)
class Task:
    id: str                 # stable: the reminders' key is "tache/<id>"
    title: str              # ≤ 60 characters
    text: str
    url: str
    due: date | None        # when it should be done by (reminders count down to it)
    progress: str = ""      # « 1 sur 3 »


def _step_day(year: SchoolYear | None, step_id: str, *, end: bool = False) -> date | None:
    step = year.step(step_id) if year else None
    return (step.end if end else step.start) if step else None


def open_tasks(facts: StudentFacts, year: SchoolYear | None, today: date) -> list[Task]:
    """The tasks still to do, in the order a student should take them."""
    tasks: list[Task] = []
    classe = facts.classe
    if facts.completeness < 100:
        tasks.append(Task("profil", "Complète ton profil", "Plus ton profil est complet, plus les suggestions "
                          "te ressemblent. Toutes les questions peuvent être passées.", "/profil", None,
                          f"{facts.completeness}\u00a0%"))
    wishes_open = _step_day(year, "parcoursup-voeux") if classe == "terminale" else None
    if facts.favourites < FAVOURITES_TARGET:
        tasks.append(Task("favoris-3", f"Ajoute {FAVOURITES_TARGET} favoris",
                          "Garde les formations qui te plaisent, même sans être sûr·e : tu pourras les comparer "
                          "et en parler autour de toi.", "/suggestions", wishes_open,
                          f"{facts.favourites} sur {FAVOURITES_TARGET}"))
    wishes_end = _step_day(year, "parcoursup-voeux", end=True)
    if classe in ("premiere", "terminale") and facts.favourites and facts.no_safe:
        tasks.append(Task("choix-sur", "Vérifie que tu as un choix sûr",
                          "Aucun de tes favoris n'est encore une « sécurité » : ajoute une formation où tes "
                          "chances sont fortes, c'est un filet, pas un renoncement.", "/favoris",
                          wishes_end if classe == "terminale" else None))
    if classe == "terminale" and (wishes_end is None or today <= wishes_end):
        if facts.favourites and facts.with_places < facts.favourites:
            tasks.append(Task("voeux", "Prépare tes vœux", "Choisis les lieux de tes favoris et prépare ta liste "
                              "de vœux avant de la saisir sur Parcoursup.", "/mes-voeux", wishes_end,
                              f"{facts.with_places} favori{'s' if facts.with_places > 1 else ''} avec un lieu choisi"))
    stage = year.step("stage-seconde") if year else None
    if classe == "seconde" and stage and today < stage.start and not facts.stage_placed:
        tasks.append(Task("stage", "Trouve ton stage", "Deux semaines d'observation en juin : cherche une structure "
                          "tôt, les places partent vite.", "/stages", stage.start - timedelta(days=30)))
    return tasks
