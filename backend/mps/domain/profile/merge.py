"""Merging two profiles of the same student (a device signing in to an account): nothing answered is lost.

Rule (docs/profile.md), answer by answer, from the edit times kept in `edits.py`:
- an answer given on one side only is kept; an empty or unanswered field never replaces an answer;
- answered on both sides: the most recently edited answer wins;
- lists (villes, intérêts, domaines, métiers) are united item by item, except the items the student
  removed after they were added (last add against last removal, whatever the side);
- the spécialités go with the bac: a choice that does not belong to the merged bac gives way to the
  other side's if that one does.

`merge` is a join: merging a result again with either side changes nothing (tests/unit/test_profile_merge.py).
"""
from __future__ import annotations

import json
from collections.abc import Callable

from mps.domain.profile.edits import LIST_MAX, LISTS, SINGLE, answered, item_key

Side = tuple[dict, dict]  # (profile document as a dict, complete edit log)


def _rank(value, t: int) -> tuple:
    """Answers first, then the latest edit, then a fixed order of values so ties never depend on the side."""
    return answered(value), t, json.dumps(value, sort_keys=True, ensure_ascii=False)


def _single(field: str, a: Side, b: Side) -> tuple[object, int | None]:
    (da, ea), (db, eb) = a, b
    ta, tb = ea["t"].get(field), eb["t"].get(field)
    ra, rb = _rank(da.get(field), ta or -1), _rank(db.get(field), tb or -1)
    value, t = (da.get(field), ta) if ra >= rb else (db.get(field), tb)
    if not answered(value) and (ta is not None or tb is not None):
        t = max(x for x in (ta, tb) if x is not None)
    return value, t


def _list(field: str, a: Side, b: Side) -> tuple[list, dict[str, dict]]:
    entries: dict[str, dict] = {}
    for _, edits in (a, b):
        for key, entry in edits["items"].get(field, {}).items():
            merged = entries.setdefault(key, {})
            for mark in ("a", "r"):
                if mark in entry:
                    merged[mark] = max(merged.get(mark, entry[mark]), entry[mark])
    live = {k for k, e in entries.items() if "a" in e and e["a"] >= e.get("r", e["a"])}
    values: dict[str, object] = {}
    for doc, _ in (a, b):
        for item in doc.get(field) or []:
            key = item_key(field, item)
            if key in live:
                values.setdefault(key, item)
    kept = list(values)
    limit = LIST_MAX.get(field)
    if limit and len(kept) > limit:  # keep the most recently added
        newest = set(sorted(kept, key=lambda k: (-entries[k]["a"], k))[:limit])
        kept = [k for k in kept if k in newest]
    return [values[k] for k in kept], entries


def merge(a: Side, b: Side, specialites_fit: Callable[[str | None, list], bool] | None = None) -> Side:
    """The merged (document, edits) of two sides, each with a complete edit log (`edits.complete`)."""
    data: dict = {}
    edits: dict = {"t": {}, "items": {}}
    for field in SINGLE:
        value, t = _single(field, a, b)
        if value is not None:
            data[field] = value
        if t is not None:
            edits["t"][field] = t
    if specialites_fit and answered(data.get("specialites")) and not specialites_fit(data.get("bac"), data["specialites"]):
        fitting = [(_rank(d["specialites"], e["t"].get("specialites", -1)), d["specialites"]) for d, e in (a, b)
                   if answered(d.get("specialites")) and specialites_fit(data.get("bac"), d["specialites"])]
        data["specialites"] = max(fitting)[1] if fitting else []
    for field in LISTS:
        values, entries = _list(field, a, b)
        data[field] = values
        if entries:
            edits["items"][field] = entries
        times = [e["t"][field] for _, e in (a, b) if field in e["t"]]
        if times:
            edits["t"][field] = max(times)
    return data, edits
