"""How a class stands on the timeline's tasks, for its teacher: « 12 élèves sur 30 ont 3 favoris »."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.timeline.facts import read_facts
from mps.domain.timeline.tasks import FAVOURITES_TARGET


@dataclass(frozen=True)
class ProgressLine:
    task_id: str
    done: int
    total: int
    sentence: str  # « 12 élèves sur 30 ont 3 favoris »


def _sentence(done: int, total: int, singular: str, plural: str) -> str:
    who = f"{done} élève{'s' if done > 1 else ''} sur {total}"
    return f"{who} {singular if done <= 1 else plural}"


async def class_progress(db: AsyncSession, students: list[tuple[str, bool]]) -> list[ProgressLine]:
    """students: (person_id, has a safe choice among favourites) per member (the dashboard's ambition check)."""
    if not students:
        return []
    facts = await read_facts(db, [pid for pid, _ in students])
    total = len(students)
    rows = [(facts[pid], safe) for pid, safe in students]
    count = lambda test: sum(1 for f, safe in rows if test(f, safe))  # noqa: E731
    return [
        ProgressLine("profil", n := count(lambda f, _: f.completeness >= 100), total,
                     _sentence(n, total, "a complété son profil", "ont complété leur profil")),
        ProgressLine("favoris-3", n := count(lambda f, _: f.favourites >= FAVOURITES_TARGET), total,
                     _sentence(n, total, f"a {FAVOURITES_TARGET} favoris ou plus", f"ont {FAVOURITES_TARGET} favoris ou plus")),
        ProgressLine("choix-sur", n := count(lambda f, safe: f.favourites > 0 and safe), total,
                     _sentence(n, total, "a un choix sûr parmi ses favoris", "ont un choix sûr parmi leurs favoris")),
        ProgressLine("voeux", n := count(lambda f, _: f.favourites > 0 and f.with_places == f.favourites), total,
                     _sentence(n, total, "a choisi un lieu pour chaque favori", "ont choisi un lieu pour chaque favori")),
    ]
