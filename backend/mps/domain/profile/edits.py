"""When each answer of the profile was last edited, and when each list item was added or removed.

The profile row keeps this next to the document (`profiles.edits`) so that two devices' profiles can
be merged answer by answer at sign-in (`merge.py`, rule in docs/profile.md). Times are epoch
milliseconds (UTC).

    {"t": {"bac": 1767000000000, ...},                  # last edit of each answer (cleared answers too)
     "items": {"villes": {"Lille (59)": {"a": ..., "r": ...}}}}   # last add / last removal of an item
"""
from __future__ import annotations

import copy
from datetime import datetime

# One answer each: the latest answer wins as a whole. The spécialités are a choice of 2 or 3 that goes
# with the bac, so they are one answer too (a union of two devices' choices would make 5 or 6).
SINGLE = ("situation", "classe", "bac", "specialites", "duree", "alternance", "moyenne")
# Lists the student builds item by item: merged item by item (union, minus items they removed).
LISTS = ("interets", "domaines", "metiers", "villes")
LIST_MAX = {"villes": 5}


def millis(when: datetime) -> int:
    return int(when.timestamp() * 1000)


def item_key(field: str, item) -> str:
    """Towns are told apart by their label ("Saint-Denis (93)"), other lists hold ids."""
    return item["nom"] if field == "villes" else str(item)


def answered(value) -> bool:
    return value not in (None, [], "")


def parse_edits(raw: dict | None) -> dict:
    """The stored edit log (profiles.edits), with its shape checked: anything unexpected is dropped."""
    if not isinstance(raw, dict):
        raw = {}
    times = raw.get("t") if isinstance(raw.get("t"), dict) else {}
    items = raw.get("items") if isinstance(raw.get("items"), dict) else {}
    return {"t": dict(times), "items": {f: dict(v) for f, v in items.items() if isinstance(v, dict)}}


def complete(data: dict, edits: dict, default_ms: int) -> dict:
    """Edit times for everything the document holds; answers saved before times were kept get `default_ms`
    (the row's last save), so an old profile still takes part in the merge."""
    out = copy.deepcopy(edits)
    for field in SINGLE + LISTS:
        if answered(data.get(field)) and field not in out["t"]:
            out["t"][field] = default_ms
    for field in LISTS:
        known = out["items"].setdefault(field, {})
        for item in data.get(field) or []:
            entry = known.setdefault(item_key(field, item), {})
            if "a" not in entry or entry["a"] < entry.get("r", -1):
                entry["a"] = max(default_ms, entry.get("r", -1) + 1)
    return out


def stamp(old: dict, new: dict, edits: dict, now_ms: int) -> dict:
    """The edit log after `old` became `new` at `now_ms` (edits must already be `complete` for `old`)."""
    out = copy.deepcopy(edits)
    for field in SINGLE:
        if old.get(field) != new.get(field):
            out["t"][field] = now_ms
    for field in LISTS:
        before = {item_key(field, i) for i in old.get(field) or []}
        after = {item_key(field, i) for i in new.get(field) or []}
        known = out["items"].setdefault(field, {})
        for key in after - before:
            known.setdefault(key, {})["a"] = now_ms
        for key in before - after:
            known.setdefault(key, {})["r"] = now_ms
        if before != after or old.get(field) != new.get(field):
            out["t"][field] = now_ms
    return out
