"""Ways to sign in. Today: a link sent by e-mail. Later: OIDC (EduConnect for students, the
ministry's identity provider for staff).

A provider only has to prove an address (and, for staff, a role) and then call
`service.complete_sign_in(request, db, email, role, provider=name)`, which merges the device's
anonymous work and opens the session. To add OIDC: register a LoginProvider whose `start_path`
redirects to the identity provider, add its callback route (verify state, nonce and the ID token,
read the e-mail / role claims) and append it to LOGIN_PROVIDERS; the sign-in page lists them all.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LoginProvider:
    name: str         # stored in the session ("via") and in logs
    label: str        # button text on the sign-in page
    start_path: str   # where that button leads
    roles: tuple[str, ...]  # roles this provider can vouch for


EMAIL_LINK = LoginProvider(name="email", label="Recevoir un lien de connexion par e-mail",
                           start_path="/connexion", roles=("lyceen", "famille", "enseignant", "employeur"))

LOGIN_PROVIDERS: list[LoginProvider] = [EMAIL_LINK]


def other_providers() -> list[LoginProvider]:
    """The providers shown as extra buttons next to the e-mail form."""
    return [p for p in LOGIN_PROVIDERS if p is not EMAIL_LINK]
