"""Back-office accounts: created or reset from the command line (`mps admin create`)."""
from __future__ import annotations

from dataclasses import dataclass

from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import AdminUser
from mps.lib.errors import UserFacingError


@dataclass(frozen=True)
class AdminAccount:
    id: int
    username: str
    created: bool  # False when an existing account got a new password


async def create_admin_user(url: str, username: str, email: str, password: str) -> AdminAccount:
    """Create an admin who can sign in to /admin, or reset the password and rights of an existing one."""
    username, email = username.strip(), email.strip()
    if not username:
        raise UserFacingError("Un nom d'utilisateur est obligatoire.")
    if "@" not in email:
        raise UserFacingError("Adresse e-mail invalide.")
    try:
        AdminUser._validate_password(password)
    except ValueError as exc:
        raise UserFacingError(f"Mot de passe refusé : {exc}") from exc
    with use_engine(piccolo_engine(url)):
        existing = await AdminUser.objects().get(AdminUser.username == username)
        if existing is None:
            user = await AdminUser.create_user(username=username, password=password, email=email,
                                               active=True, admin=True, superuser=True)
            return AdminAccount(user.id, username, created=True)
        await AdminUser.update_password(existing.id, password)
        await AdminUser.update({AdminUser.email: email, AdminUser.active: True, AdminUser.admin: True,
                                AdminUser.superuser: True}).where(AdminUser.id == existing.id)
        return AdminAccount(existing.id, username, created=False)
