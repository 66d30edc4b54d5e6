"""The merge rule of offline edits (docs/sync.md): one state per (person, formation), built from operations.

Every field is a small convergent register, so applying the same set of operations in any order, any
number of times, gives the same state:
- membership: two last-writer-wins flags `favori` and `corbeille` stamped (ts, op_id); marking one
  kind clears the other with the same stamp; editing a favourite's fields marks it favori;
- ambition: last-writer-wins by (ts, op_id);
- places: one last-writer-wins flag per place (add/remove set);
- « déjà ajouté sur Parcoursup » of each chosen place (a wish or sub-wish): one last-writer-wins flag per
  place too (mark_place_added / unmark_place_added), and one for the favourite itself (set_on_parcoursup,
  the mark of a favourite with no place chosen);
- position (the student's order of their favourites, « Monter / Descendre »): last-writer-wins, set by
  set_position only; it does not make a removed favourite come back (a device renumbers every
  favourite it shows, other devices may have removed some meanwhile);
- note: a multi-value register. A note edit names the edits it replaces (`base`: the note versions the
  device showed when the student typed); edits nobody replaced are all kept and shown together with
  a visible marker, so two devices editing the same note never drop each other's text.

Pure functions on plain data: no database, no clock (tests drive it with hypothesis).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

Stamp = tuple[int, str]  # (client ms, op_id): a total order, ties broken by op id
ZERO: Stamp = (-1, "")
FLAG_KINDS = {"set_on_parcoursup": "on_parcoursup", "set_note_shared": "note_shared"}  # « Mes vœux » flags
ADDED_KINDS = ("mark_place_added", "unmark_place_added")  # value: the place's cod_aff_form
FIELD_KINDS = ("set_ambition", "set_note", "add_place", "remove_place", *FLAG_KINDS, *ADDED_KINDS)
KINDS = ("add_favourite", "remove_favourite", "not_interested", "restore", *FIELD_KINDS, "set_position")
MAX_PLACES = 20
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Op:
    op_id: str
    ts: int
    kind: str
    value: object = None
    base: tuple[str, ...] = ()  # set_note: the note edits (heads) this one replaces

    @property
    def stamp(self) -> Stamp:
        return (self.ts, self.op_id)


@dataclass
class ItemState:
    favori: tuple[int, str, bool] = (-1, "", False)
    corbeille: tuple[int, str, bool] = (-1, "", False)
    ambition: tuple[int, str, str | None] = (-1, "", None)
    places: dict[int, tuple[int, str, bool]] = field(default_factory=dict)
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)  # note edit id -> (ts, text)
    superseded: set[str] = field(default_factory=set)
    on_parcoursup: tuple[int, str, bool] = (-1, "", False)  # last-writer-wins, like ambition
    note_shared: tuple[int, str, bool] = (-1, "", False)
    added: dict[int, tuple[int, str, bool]] = field(default_factory=dict)  # place -> added on Parcoursup
    position: tuple[int, str, int | None] = (-1, "", None)  # last-writer-wins; None: never set nor adopted

    # -- storage --------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """What sync_items.state holds (a JSON column): lists for tuples, string keys."""
        return {"f": list(self.favori), "c": list(self.corbeille), "a": list(self.ambition),
                "p": {str(k): list(v) for k, v in self.places.items()},
                "h": {k: list(v) for k, v in self.heads.items()}, "x": sorted(self.superseded),
                "o": list(self.on_parcoursup), "s": list(self.note_shared),
                "d": {str(k): list(v) for k, v in self.added.items()}, "r": list(self.position)}

    @classmethod
    def from_dict(cls, d: dict | None) -> "ItemState":
        if not d:
            return cls()
        return cls(tuple(d["f"]), tuple(d["c"]), tuple(d["a"]),
                   {int(k): tuple(v) for k, v in d["p"].items()},
                   {k: tuple(v) for k, v in d["h"].items()}, set(d["x"]),
                   tuple(d.get("o", (-1, "", False))), tuple(d.get("s", (-1, "", False))),  # states stored before them
                   {int(k): tuple(v) for k, v in d.get("d", {}).items()}, tuple(d.get("r", (-1, "", None))))

    def copy(self) -> "ItemState":
        return ItemState.from_dict(self.to_dict())


def _newer(stamp: Stamp, current: tuple) -> bool:
    return stamp > (current[0], current[1])


def apply(state: ItemState, op: Op) -> ItemState:
    """Fold one operation into the state (in place; returns it). Commutative and idempotent."""
    s = op.stamp
    if op.kind in ("add_favourite", *FIELD_KINDS):
        _set_kind(state, s, "favori")
    elif op.kind == "not_interested":
        _set_kind(state, s, "corbeille")
    elif op.kind == "remove_favourite" and _newer(s, state.favori):
        state.favori = (*s, False)
    elif op.kind == "restore" and _newer(s, state.corbeille):
        state.corbeille = (*s, False)

    if op.kind == "set_position" and _newer(s, state.position):
        state.position = (*s, int(op.value))
    elif op.kind == "set_ambition" and _newer(s, state.ambition):
        state.ambition = (*s, op.value)
    elif op.kind in FLAG_KINDS and _newer(s, getattr(state, FLAG_KINDS[op.kind])):
        setattr(state, FLAG_KINDS[op.kind], (*s, bool(op.value)))
    elif op.kind in ("add_place", "remove_place"):
        cod = int(op.value)
        if _newer(s, state.places.get(cod, ZERO)):
            state.places[cod] = (*s, op.kind == "add_place")
    elif op.kind in ADDED_KINDS:
        cod = int(op.value)
        if _newer(s, state.added.get(cod, ZERO)):
            state.added[cod] = (*s, op.kind == "mark_place_added")
    elif op.kind == "set_note":
        state.superseded.update(op.base)
        if op.op_id not in state.superseded:
            state.heads[op.op_id] = (op.ts, str(op.value or ""))
        for gone in [k for k in state.heads if k in state.superseded]:
            del state.heads[gone]
    return state


def _set_kind(state: ItemState, s: Stamp, kind: str) -> None:
    if kind == "favori":
        if _newer(s, state.favori):
            state.favori = (*s, True)
        if _newer(s, state.corbeille):
            state.corbeille = (*s, False)
    else:
        if _newer(s, state.corbeille):
            state.corbeille = (*s, True)
        if _newer(s, state.favori):
            state.favori = (*s, False)


@dataclass(frozen=True)
class View:
    """What the state means: the values written to the formation_marks row."""
    kind: str | None  # favori | corbeille | None (removed: tombstone)
    ambition: str | None
    places: tuple[int, ...]
    note: str
    note_heads: tuple[str, ...]
    on_parcoursup: bool = False
    note_shared: bool = False
    added_places: tuple[int, ...] = ()  # places marked « déjà ajouté sur Parcoursup », sorted
    position: int | None = None  # the student's order (lowest first); None: leave the row's


def kind_of(state: ItemState) -> str | None:
    if state.favori[2] and state.corbeille[2]:  # cannot happen through apply(); newest wins anyway
        return "favori" if state.favori[:2] > state.corbeille[:2] else "corbeille"
    return "favori" if state.favori[2] else "corbeille" if state.corbeille[2] else None


def note_text(heads: dict[str, tuple[int, str]]) -> str:
    """One note from concurrent versions: each non-empty text once, oldest first, a marker between them."""
    ordered = sorted(heads.items(), key=lambda kv: (kv[1][0], kv[0]))
    seen, parts = set(), []
    for _, (ts, text) in ordered:
        if text.strip() and text not in seen:
            seen.add(text)
            parts.append((ts, text))
    if not parts:
        return ""
    out = parts[0][1]
    for ts, text in parts[1:]:
        when = datetime.fromtimestamp(max(ts, 0) / 1000, timezone.utc).astimezone(PARIS)
        out += f"\n\n--- Autre version (modifiée le {when:%d/%m/%Y à %H:%M} sur un autre appareil) ---\n{text}"
    return out


def view(state: ItemState) -> View:
    chosen = sorted((v[:2], cod) for cod, v in state.places.items() if v[2])
    return View(kind_of(state), state.ambition[2], tuple(cod for _, cod in chosen[:MAX_PLACES]),
                note_text(state.heads), tuple(sorted(state.heads)), state.on_parcoursup[2], state.note_shared[2],
                tuple(sorted(cod for cod, v in state.added.items() if v[2])), state.position[2])


def merge_all(ops) -> View:
    """The view of a set of operations (any order): what the server holds once all are delivered."""
    state = ItemState()
    for op in ops:
        apply(state, op)
    return view(state)
