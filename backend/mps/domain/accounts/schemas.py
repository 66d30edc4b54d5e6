"""Documents of the accounts area: what the sign-in and role forms send (labels and error sentences included)."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from mps.domain.accounts.roles import EMAIL

SelfServiceRole = Literal["lyceen", "famille", "enseignant", "employeur"]


RoleField = Annotated[SelfServiceRole, msgspec.Meta(
    title="Tu es…", extra={"error": "Choisis qui tu es parmi les propositions."})]


class SignInIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    email: Annotated[str, msgspec.Meta(
        max_length=254, pattern=EMAIL.pattern, title="Adresse e-mail", description="Format attendu : nom@domaine.fr",
        extra={"error": "Saisis une adresse e-mail valide, par exemple prenom.nom@exemple.fr."})]
    role: RoleField = "lyceen"


class RoleIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    role: RoleField
