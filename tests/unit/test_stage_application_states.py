"""The application state machine and the placement rule, as tables: every allowed move and every refusal."""
from itertools import product

import pytest

from mps.domain.stages.applications.placement import complete, placement_refusal
from mps.domain.stages.applications.states import (ACTIONS, REASON_MAX, ROLES, STATUSES, TRANSITIONS, actions_for,
                                                   allowed, refusal)

EXPECTED = {
    ("submitted", "read"): {"employer"},
    ("submitted", "accepted"): {"employer"},
    ("read", "accepted"): {"employer"},
    ("submitted", "rejected"): {"employer"},
    ("read", "rejected"): {"employer"},
    ("accepted", "confirmed"): {"student"},
    ("accepted", "expired"): {"system"},
    ("submitted", "cancelled"): {"student", "employer", "system", "admin"},
    ("read", "cancelled"): {"student", "employer", "system", "admin"},
    ("accepted", "cancelled"): {"student", "employer", "system", "admin"},
    ("confirmed", "cancelled"): {"student", "employer", "admin"},
}


@pytest.mark.parametrize("from_status,to_status,role", list(product(STATUSES, STATUSES, ROLES)))
def test_every_move_is_allowed_exactly_as_the_table_says(from_status, to_status, role):
    expected = role in EXPECTED.get((from_status, to_status), set())
    assert allowed(from_status, to_status, role) is expected
    why = refusal(from_status, to_status, role, reason="Une raison")
    assert (why == "") is expected, why
    if not expected:
        assert why.endswith(".") and len(why) > 20


def test_the_table_has_no_move_more_than_expected():
    assert {k: set(v) for k, v in TRANSITIONS.items()} == EXPECTED


def test_final_states_go_nowhere():
    for final in ("rejected", "expired", "cancelled"):
        assert all(actions_for(final, role) == [] for role in ROLES)


@pytest.mark.parametrize("to_status,role", [("rejected", "employer"), ("cancelled", "student"),
                                            ("cancelled", "employer"), ("cancelled", "admin")])
def test_rejecting_and_cancelling_need_a_reason_of_bounded_length(to_status, role):
    start = "read" if to_status == "rejected" else "accepted"
    assert "raison" in refusal(start, to_status, role, "   ")
    assert "raison" in refusal(start, to_status, role, "x" * (REASON_MAX + 1))
    assert refusal(start, to_status, role, "x" * REASON_MAX) == ""


def test_the_system_cancels_without_a_reason_typed_but_never_a_confirmed_stage():
    assert refusal("accepted", "cancelled", "system") == ""
    assert refusal("confirmed", "cancelled", "system") != ""


def test_students_are_addressed_with_tu_employers_with_vous():
    assert "ton rôle" in refusal("submitted", "accepted", "student")
    assert "votre rôle" in refusal("accepted", "confirmed", "employer")
    assert refusal("read", "rejected", "employer", "") == "Indiquez une raison."


def test_unknown_states_are_refused():
    assert refusal("submitted", "archived", "employer") == "Cette action n'existe pas."


def test_actions_offered_to_each_side():
    assert actions_for("submitted", "employer") == ["read", "accept", "reject", "cancel"]
    assert actions_for("read", "employer") == ["accept", "reject", "cancel"]
    assert actions_for("accepted", "student") == ["confirm", "cancel"]
    assert actions_for("confirmed", "student") == ["cancel"]
    assert set(ACTIONS) == {"read", "accept", "reject", "confirm", "cancel"}


# -- seconde: one two-week stage, or two one-week stages covering both weeks; 3e: one week -------------------
@pytest.mark.parametrize("confirmed,code,fits", [
    ([], "deux-semaines", True), ([], "semaine-1", True), ([], "semaine-2", True),
    (["semaine-1"], "semaine-2", True), (["semaine-2"], "semaine-1", True),
    (["semaine-1"], "semaine-1", False), (["semaine-1"], "deux-semaines", False),
    (["semaine-2"], "deux-semaines", False), (["deux-semaines"], "semaine-1", False),
    (["deux-semaines"], "semaine-2", False), (["deux-semaines"], "deux-semaines", False),
    (["semaine-1", "semaine-2"], "semaine-1", False), (["semaine-1", "semaine-2"], "deux-semaines", False),
])
def test_seconde_placement_rule(confirmed, code, fits):
    why = placement_refusal("seconde", confirmed, code)
    assert (why == "") is fits, why
    if not fits:
        assert why.startswith("Tu as déjà") or why.startswith("Ton stage de seconde est déjà complet")


def test_seconde_placement_is_complete_with_both_weeks_only():
    assert complete("seconde", ["deux-semaines"]) and complete("seconde", ["semaine-1", "semaine-2"])
    assert not complete("seconde", ["semaine-1"]) and not complete("seconde", [])


def test_3e_is_one_week():
    assert placement_refusal("3e", [], "2026-W05") == ""
    assert "un seul stage" in placement_refusal("3e", ["2026-W05"], "2026-W07")
    assert complete("3e", ["2026-W05"])


def test_the_refusal_names_the_week_already_confirmed():
    assert "semaine 1" in placement_refusal("seconde", ["semaine-1"], "deux-semaines")
