"""Roles and who may take them.

lyceen, famille and employeur (stage board) are chosen freely; enseignant (professeur principal, PsyEN) needs an academic
address until the ministry's staff OIDC provider vouches for it; admin is given only by an
operator (back-office or command line), never on a page.
"""
from __future__ import annotations

import re

ROLES = {"lyceen": "Lycéen ou lycéenne", "famille": "Famille (parent, tuteur)",
         "enseignant": "Professeur principal ou PsyEN",
         "employeur": "Employeur ou association qui accueille des stagiaires", "admin": "Administration du service"}
SELF_SERVICE_ROLES = ("lyceen", "famille", "enseignant", "employeur")
# As in French public services: students are addressed with « tu », the adults of every other role with « vous ».
STUDENT_ROLES = ("lyceen",)
ACADEMIC_ADDRESS = re.compile(r"@(ac-[a-z0-9-]+\.(fr|nc|pf|wf|pm|yt)|education\.gouv\.fr)$")
# ASCII only, local part included (printable, less @ " ' < >): « ａdmin@… » typed with a fullwidth letter or a
# Cyrillic « а » would be another account that looks like the first one, and a mail relay without SMTPUTF8
# refuses such an address (the sign-in failed with a 500 then).
EMAIL = re.compile(r"^[!#-&(-;=?A-~]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\Z")


def normalise_email(raw: str | None) -> str | None:
    """The address in lower case, or None when it does not look like an e-mail address."""
    email = (raw or "").strip()
    if not email.isascii():  # before lower(): the Kelvin sign « K » lowers to an ASCII « k »
        return None
    email = email.lower()
    return email if len(email) <= 254 and EMAIL.match(email) else None


def role_refusal(email: str, role: str) -> str | None:
    """Why this address cannot take this role on its own, or None when it can."""
    if role not in SELF_SERVICE_ROLES:
        return "Choisis qui tu es parmi les propositions."
    if role == "enseignant" and not ACADEMIC_ADDRESS.search(email):
        return ("L'espace enseignant demande une adresse académique (par exemple prenom.nom@ac-lille.fr). "
                "Utilisez votre adresse professionnelle.")
    return None
