"""The life of a stage application, as a table: which actor may move it from which state to which.

    submitted -> read (the employer opens it) -> accepted | rejected
    accepted  -> confirmed (the student) | expired (the system, after N days)
    submitted | read | accepted | confirmed -> cancelled (either side, with a reason; the system when the
    student confirms another stage for the same period)

Pure: no database, no clock. `refusal(...)` says in French why a move is not allowed, or "" when it is."""
from __future__ import annotations

STATUSES = {"submitted": "Envoyée", "read": "Lue", "accepted": "Acceptée", "rejected": "Refusée",
            "confirmed": "Confirmée", "expired": "Expirée", "cancelled": "Annulée"}
PENDING = ("submitted", "read", "accepted")  # count against the student's limit of pending applications
ACTIVE = PENDING + ("confirmed",)
FINAL = ("rejected", "expired", "cancelled")
MAX_PENDING = 5
MOTIVATION_MAX = 1000  # characters; counted in the form, never cut
REASON_MAX = 500

ROLES = ("student", "employer", "system", "admin")

# (from, to) -> the actors allowed to make that move.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    ("submitted", "read"): frozenset({"employer"}),
    ("submitted", "accepted"): frozenset({"employer"}),
    ("read", "accepted"): frozenset({"employer"}),
    ("submitted", "rejected"): frozenset({"employer"}),
    ("read", "rejected"): frozenset({"employer"}),
    ("accepted", "confirmed"): frozenset({"student"}),
    ("accepted", "expired"): frozenset({"system"}),
    ("submitted", "cancelled"): frozenset({"student", "employer", "system", "admin"}),
    ("read", "cancelled"): frozenset({"student", "employer", "system", "admin"}),
    ("accepted", "cancelled"): frozenset({"student", "employer", "system", "admin"}),
    ("confirmed", "cancelled"): frozenset({"student", "employer", "admin"}),
}
# Moves that need a reason the other side will read.
NEEDS_REASON = frozenset({"rejected", "cancelled"})

# The words an action is named with in URLs and the API: POST /api/v1/stages/applications/{id}/{action}.
ACTIONS = {"read": "read", "accept": "accepted", "reject": "rejected", "confirm": "confirmed",
           "cancel": "cancelled"}


def allowed(from_status: str, to_status: str, role: str) -> bool:
    return role in TRANSITIONS.get((from_status, to_status), frozenset())


def refusal(from_status: str, to_status: str, role: str, reason: str = "") -> str:
    """Why `role` may not move an application from `from_status` to `to_status` ("" if it may)."""
    if to_status not in STATUSES or from_status not in STATUSES:
        return "Cette action n'existe pas."
    actors = TRANSITIONS.get((from_status, to_status))
    if actors is None:
        return (f"Cette candidature est « {STATUSES[from_status].lower()} » : elle ne peut plus passer à "
                f"« {STATUSES[to_status].lower()} ».")
    if role not in actors:
        return "Cette action n'est pas ouverte à ton rôle." if role == "student" else \
            "Cette action n'est pas ouverte à votre rôle."
    if to_status in NEEDS_REASON and role in ("student", "employer", "admin"):
        text = reason.strip()
        if not text:
            return "Indique une raison." if role == "student" else "Indiquez une raison."
        if len(text) > REASON_MAX:
            return (f"La raison dépasse {REASON_MAX} caractères." if role != "student" else
                    f"Ta raison dépasse {REASON_MAX} caractères : raccourcis-la.")
    return ""


def actions_for(status: str, role: str) -> list[str]:
    """The action words `role` can use on an application in `status` (for buttons and the API)."""
    return [word for word, target in ACTIONS.items() if allowed(status, target, role)]
