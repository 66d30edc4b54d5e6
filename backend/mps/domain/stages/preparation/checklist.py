"""The preparation checklist (data/stages/preparation.toml) and the student's ticks.

A tick is a last-writer-wins register per item: `{"done": bool, "ts": client ms, "op": op id}`. The
order (ts, op) is total, so ticks sent from two devices, online or queued offline, in any order and any
number of times, end in the same state; a clock running ahead is capped at the server's time.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CHECKLIST_FILE = "stages/preparation.toml"
ITEM_ID = re.compile(r"^[a-z0-9-]{1,40}\Z")
OP_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}\Z")


@dataclass(frozen=True)
class Item:
    id: str
    group: str
    label: str
    hint: str = ""
    niveaux: tuple[str, ...] = ()  # empty: every level


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    hint: str = ""


@dataclass(frozen=True)
class Advice:
    id: str
    title: str
    points: tuple[str, ...]


@dataclass(frozen=True)
class Checklist:
    groups: tuple[Group, ...]
    items: tuple[Item, ...]
    advice: tuple[Advice, ...]

    def for_level(self, niveau: str) -> list[tuple[Group, list[Item]]]:
        """The groups with the items that apply to this level (seconde or 3e), in the file's order."""
        out = []
        for group in self.groups:
            items = [i for i in self.items if i.group == group.id and (not i.niveaux or niveau in i.niveaux)]
            if items:
                out.append((group, items))
        return out

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(i.id for i in self.items)


class ChecklistFileError(ValueError):
    """The TOML file is wrong: the message names the entry (the app refuses to start with a broken list)."""


def parse(raw: dict) -> Checklist:
    groups = tuple(Group(g["id"], g["title"], g.get("hint", "")) for g in raw.get("groups", []))
    known = {g.id for g in groups}
    items, seen = [], set()
    for n, entry in enumerate(raw.get("items", [])):
        item = Item(entry.get("id", ""), entry.get("group", ""), entry.get("label", ""), entry.get("hint", ""),
                    tuple(entry.get("niveaux", ())))
        if not ITEM_ID.match(item.id) or item.id in seen:
            raise ChecklistFileError(f"items[{n}] : identifiant absent, mal formé ou en double « {item.id} »")
        if item.group not in known or not item.label:
            raise ChecklistFileError(f"items[{n}] ({item.id}) : groupe inconnu « {item.group} » ou libellé vide")
        seen.add(item.id)
        items.append(item)
    advice = tuple(Advice(a["id"], a["title"], tuple(a["points"])) for a in raw.get("advice", []))
    return Checklist(groups, tuple(items), advice)


def load_checklist(data_dir: Path) -> Checklist:
    return _load(data_dir / CHECKLIST_FILE)


@lru_cache(maxsize=4)
def _load(path: Path) -> Checklist:
    with open(path, "rb") as fh:
        return parse(tomllib.load(fh))


@dataclass(frozen=True)
class Tick:
    item: str
    done: bool
    ts: int  # client milliseconds
    op: str  # the device's op id: ties broken by it; the same op twice is a no-op


def _stamp(register: dict) -> tuple[int, str]:
    return int(register.get("ts", 0)), str(register.get("op", ""))


def apply_ticks(state: dict, ticks: list[Tick], now_ms: int, known: frozenset[str]) -> tuple[dict, list[str]]:
    """The new state and, per tick, « applied », « stale » (a later tick won), « duplicate » (this op was
    applied already) or « rejected » (unknown item).

    Items no longer in the file keep their register: a file edited by mistake never erases a student's ticks."""
    out = {k: dict(v) for k, v in state.items() if isinstance(v, dict)}
    results = []
    for tick in ticks:
        if tick.item not in known:
            results.append("rejected")
            continue
        stamp = (min(tick.ts, now_ms), tick.op)
        current = out.get(tick.item)
        if current is not None and current.get("op") == tick.op:  # a replay (its ts may have been capped)
            results.append("duplicate")
            continue
        if current is not None and _stamp(current) >= stamp:
            results.append("stale")
            continue
        out[tick.item] = {"done": bool(tick.done), "ts": stamp[0], "op": stamp[1]}
        results.append("applied")
    return out, results


def done_ids(state: dict) -> set[str]:
    return {k for k, v in (state or {}).items() if isinstance(v, dict) and v.get("done")}


def progress(checklist: Checklist, niveau: str, state: dict) -> tuple[int, int]:
    """(ticked, total) over the items this level sees."""
    ids = [i.id for _, items in checklist.for_level(niveau) for i in items]
    done = done_ids(state)
    return sum(1 for i in ids if i in done), len(ids)
