"""Documents of POST /api/v1/sync (msgspec: validated input, typed output, in the OpenAPI schema)."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

OpKind = Literal["add_favourite", "remove_favourite", "set_ambition", "set_note", "add_place", "remove_place",
                 "not_interested", "restore", "set_on_parcoursup", "set_note_shared", "mark_place_added",
                 "unmark_place_added", "set_position"]
OpId = Annotated[str, msgspec.Meta(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_:-]+\Z")]
NoteHead = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:-]+\Z")]  # op ids, srv-N
MAX_OPS = 500


class SyncOp(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """One edit made on a device, possibly offline. `value`: the ambition (or null), the note text or a
    cod_aff_form for add_place/remove_place and for mark_place_added/unmark_place_added (that wish or
    sub-wish is / is not added on Parcoursup), 1 or 0 for set_on_parcoursup (a favourite with no place
    chosen) and set_note_shared, the favourite's rank in the student's order for set_position.
    `base`: for set_note, the `note_heads` the device showed."""

    op_id: OpId
    device_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    ts: Annotated[int, msgspec.Meta(ge=0, description="client time of the edit, ms since 1970")]
    kind: OpKind
    formation_id: Annotated[str, msgspec.Meta(min_length=1, max_length=120)]
    value: str | int | None = None
    base: Annotated[list[NoteHead], msgspec.Meta(max_length=50)] = []


class SyncIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    since: Annotated[int, msgspec.Meta(ge=0, description="the last cursor this device received (0: none)")] = 0
    ops: Annotated[list[SyncOp], msgspec.Meta(max_length=MAX_OPS)] = []


class OpResult(msgspec.Struct):
    op_id: str
    status: Literal["applied", "duplicate", "rejected"]
    detail: str | None = None


class SyncMark(msgspec.Struct):
    formation_id: str
    kind: str  # favori | corbeille (the last kind, even for a tombstone)
    deleted: bool  # tombstone: removed from favourites / restored from « pas intéressé »
    ambition: str | None
    note: str
    note_heads: list[str]  # send these as `base` with the next set_note of this formation
    places: list[int]
    version: int
    updated_at: datetime
    seq: int
    position: int = 0  # the student's order of their favourites (lowest first)
    on_parcoursup: bool = False  # « Mes vœux »: already added on Parcoursup (a favourite with no place chosen)
    note_shared: bool = False  # « Mes vœux »: the note is shown to family and teacher
    added_places: list[int] = []  # « Mes vœux »: places (wishes, sub-wishes) already added on Parcoursup


class SyncOut(msgspec.Struct):
    cursor: int  # send it back as `since` next time
    full: bool  # True: `marks` is every mark of the person (replace the local copy)
    results: list[OpResult]
    marks: list[SyncMark]
