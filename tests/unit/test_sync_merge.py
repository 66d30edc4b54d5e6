"""The offline merge rule (docs/sync.md) over random histories of two or three devices.

Each device edits one formation from what it last saw, syncs at random moments (push its queue, pull
the server's state) and its clock may be skewed. Properties: every delivery order of the same
operations gives the same state, replaying operations changes nothing, and no edit is lost in the
sense of docs/sync.md.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from mps.domain.sync.merge import FIELD_KINDS, ItemState, Op, apply, merge_all, view

PLACES = (101, 102, 103)
EDITS = ("add_favourite", "remove_favourite", "not_interested", "restore", "set_ambition", "set_note",
         "add_place", "remove_place", "set_on_parcoursup", "set_note_shared", "mark_place_added",
         "unmark_place_added", "set_position")


class Device:
    def __init__(self, name: str, skew: int):
        self.name, self.skew, self.local, self.queue, self.n = name, skew, ItemState(), [], 0

    def edit(self, kind: str, now: int, pick: int) -> Op:
        self.n += 1
        op_id = f"{self.name}-{self.n:04d}"
        value, base = None, ()
        if kind == "set_ambition":
            value = ("plan_b", "realiste", "ambitieux", None)[pick % 4]
        elif kind == "set_note":
            value = "" if pick % 7 == 0 else f"<{op_id}>"  # sometimes the student clears the note
            base = tuple(sorted(self.local.heads))
        elif kind in ("add_place", "remove_place", "mark_place_added", "unmark_place_added"):
            value = PLACES[pick % len(PLACES)]
        elif kind in ("set_on_parcoursup", "set_note_shared"):
            value = pick % 2
        elif kind == "set_position":
            value = pick % 5 + 1
        op = Op(op_id, 1_000 + now + self.skew, kind, value, base)  # client ms are >= 0
        apply(self.local, op)
        self.queue.append(op)
        return op


def run(history, skews):
    """Play a history of (device index, action, pick) steps; returns (server state, every op, devices)."""
    devices = [Device(f"d{i}", skew) for i, skew in enumerate(skews)]
    server, log = ItemState(), []
    for now, (who, action, pick) in enumerate(history):
        device = devices[who % len(devices)]
        if action == "sync":
            for op in device.queue:
                apply(server, op)
            device.queue, device.local = [], server.copy()
        else:
            log.append(device.edit(action, now * 10, pick))
    for device in devices:  # everyone reconnects in the end
        for op in device.queue:
            apply(server, op)
        device.queue = []
    for device in devices:
        device.local = server.copy()
    return server, log, devices


steps = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(EDITS + ("sync", "sync")), st.integers(0, 100)),
                 max_size=40)
skews = st.lists(st.integers(-30, 30), min_size=2, max_size=3)


@settings(max_examples=300, deadline=None)
@given(history=steps, skews=skews, data=st.data())
def test_every_delivery_order_converges_and_replay_is_harmless(history, skews, data):
    server, log, devices = run(history, skews)
    final = view(server)
    shuffled = data.draw(st.permutations(log))
    assert merge_all(shuffled) == final
    replayed = shuffled + data.draw(st.lists(st.sampled_from(log), max_size=10)) if log else []
    assert merge_all(replayed) == final
    again = server.copy()
    for op in log:
        apply(again, op)
    assert view(again) == final
    assert all(view(d.local) == final for d in devices)


@settings(max_examples=300, deadline=None)
@given(history=steps, skews=skews)
def test_no_edit_is_lost(history, skews):
    server, log, _ = run(history, skews)
    final = view(server)

    def later(op, kinds, same=lambda other: True):
        return any(o.stamp > op.stamp and o.kind in kinds and same(o) for o in log)

    replaced = {i for o in log if o.kind == "set_note" for i in o.base}
    for op in log:
        if op.kind in ("add_favourite", *FIELD_KINDS):  # making or editing a favourite keeps it one...
            assert final.kind == "favori" or later(op, ("remove_favourite", "not_interested")), op
        if op.kind == "not_interested":
            assert final.kind == "corbeille" or later(op, ("restore", "add_favourite", *FIELD_KINDS)), op
        if op.kind == "remove_favourite":  # ...unless a later edit says otherwise
            assert final.kind != "favori" or later(op, ("add_favourite", *FIELD_KINDS)), op
        if op.kind == "restore":
            assert final.kind != "corbeille" or later(op, ("not_interested",)), op
        if op.kind == "set_ambition":
            assert final.ambition == op.value or later(op, ("set_ambition",)), op
        if op.kind == "add_place":
            assert op.value in final.places or later(op, ("remove_place",), lambda o: o.value == op.value), op
        if op.kind == "remove_place":
            assert op.value not in final.places or later(op, ("add_place",), lambda o: o.value == op.value), op
        if op.kind == "mark_place_added":
            assert op.value in final.added_places or later(op, ("unmark_place_added",),
                                                           lambda o: o.value == op.value), op
        if op.kind == "unmark_place_added":
            assert op.value not in final.added_places or later(op, ("mark_place_added",),
                                                               lambda o: o.value == op.value), op
        if op.kind == "set_position":  # the order: the latest rank given, and it never revives a favourite
            assert final.position == op.value or later(op, ("set_position",)), op
        if op.kind == "set_note" and op.op_id not in replaced:
            # An edit no device replaced knowingly is in the note, word for word.
            assert op.value in final.note and op.op_id in final.note_heads, op


def test_two_devices_typing_the_same_note_offline_keep_both_texts_with_a_marker():
    a = Op("a-0001", 1_000, "set_note", "Portes ouvertes le 3 février", ())
    b = Op("b-0001", 2_000, "set_note", "Demander le coût du logement", ())
    merged = merge_all([b, a])
    assert merged.note.startswith("Portes ouvertes le 3 février")
    assert "--- Autre version" in merged.note and merged.note.endswith("Demander le coût du logement")
    # Editing the merged note on any device (base: both versions) gives one text again.
    c = Op("a-0002", 3_000, "set_note", "Portes ouvertes le 3 février ; coût du logement ?", merged.note_heads)
    assert merge_all([a, c, b]).note == "Portes ouvertes le 3 février ; coût du logement ?"


def test_a_later_edit_brings_back_a_favourite_removed_on_another_device():
    add = Op("a-0001", 1_000, "add_favourite")
    removed = Op("b-0001", 2_000, "remove_favourite")
    note = Op("a-0002", 3_000, "set_note", "J'y tiens", ())
    assert merge_all([add, removed]).kind is None
    assert merge_all([note, removed, add]).kind == "favori"
    assert merge_all([add, Op("b-0002", 2_500, "not_interested"), Op("a-0003", 2_600, "restore")]).kind is None


def test_mes_voeux_flags_are_last_writer_wins_and_old_states_read_back():
    a = Op("a", 10, "set_on_parcoursup", 1)
    b = Op("b", 20, "set_on_parcoursup", 0)
    c = Op("c", 15, "set_note_shared", 1)
    for order in ((a, b, c), (c, b, a), (b, a, c)):
        v = merge_all(order)
        assert (v.kind, v.on_parcoursup, v.note_shared) == ("favori", False, True)
    old = {k: v for k, v in ItemState().to_dict().items() if k not in ("o", "s")}
    assert view(ItemState.from_dict(old)).on_parcoursup is False  # stored before the flags


def test_each_place_has_its_own_added_mark_last_writer_wins():
    """« Déjà ajouté sur Parcoursup » per wish / sub-wish: marking one place leaves the others alone."""
    a = Op("a", 10, "mark_place_added", 101)
    b = Op("b", 20, "mark_place_added", 102)
    c = Op("c", 30, "unmark_place_added", 101)
    late = Op("d", 5, "mark_place_added", 101)  # an older edit delivered last loses
    for order in ((a, b, c, late), (late, c, b, a), (c, a, late, b), (a, a, b, c, c)):
        v = merge_all(order)
        assert (v.kind, v.added_places, v.on_parcoursup) == ("favori", (102,), False)
    state = ItemState()
    for op in (a, b):
        apply(state, op)
    assert view(ItemState.from_dict(state.to_dict())).added_places == (101, 102)  # stored and read back
    old = {k: v for k, v in state.to_dict().items() if k != "d"}
    assert view(ItemState.from_dict(old)).added_places == ()  # states stored before the per-place marks


def test_the_order_is_last_writer_wins_and_does_not_bring_back_a_removed_favourite():
    """« Monter / Descendre » offline: set_position, the latest rank wins in any delivery order; a device
    renumbering its whole list must not revive a favourite another device removed."""
    add = Op("a", 10, "add_favourite")
    moved = Op("b", 20, "set_position", 3)
    again = Op("c", 30, "set_position", 1)
    removed = Op("d", 25, "remove_favourite")
    for order in ((add, moved, again), (again, moved, add), (moved, again, add, again)):
        assert (merge_all(order).kind, merge_all(order).position) == ("favori", 1)
    assert merge_all([add, removed, again]).kind is None  # renumbered after the removal: still removed
    assert merge_all([add]).position is None  # never ordered through sync: the row's position stays
    state = ItemState()
    apply(state, moved)
    assert view(ItemState.from_dict(state.to_dict())).position == 3  # stored and read back
    old = {k: v for k, v in state.to_dict().items() if k != "r"}
    assert view(ItemState.from_dict(old)).position is None  # states stored before the order was synced
