"""`mps admin create`: a back-office account, from flags or asked interactively (password never echoed)."""
from __future__ import annotations

import asyncio
import getpass
import sys

from mps.lib.errors import UserFacingError
from mps.web.area import Command


def _arguments(admin) -> None:
    actions = admin.add_subparsers(dest="admin_action", required=True)
    create = actions.add_parser("create", help="crée un compte du back-office (ou change son mot de passe)")
    create.add_argument("--email", help="adresse e-mail")
    create.add_argument("--username", help="identifiant de connexion (par défaut : le début de l'e-mail)")
    create.add_argument("--password", help="mot de passe (demandé sans écho s'il manque)")



def _ask(prompt: str, default: str | None = None) -> str:
    if not sys.stdin.isatty():
        if default:
            return default
        raise UserFacingError(f"{prompt} manquant : passe-le en option (voir mps admin create --help).")
    answer = input(f"{prompt}{f' [{default}]' if default else ''} : ").strip()
    return answer or (default or "")


def _ask_password() -> str:
    if not sys.stdin.isatty():
        raise UserFacingError("Mot de passe manquant : passe --password ou lance la commande dans un terminal.")
    first = getpass.getpass("Mot de passe (12 caractères minimum) : ")
    if getpass.getpass("Encore une fois : ") != first:
        raise UserFacingError("Les deux mots de passe ne sont pas identiques.")
    return first


def _admin(args, settings) -> int:
    from mps.admin.migrate import ensure_admin_schema
    from mps.admin.users import create_admin_user

    email = args.email or _ask("E-mail")
    username = args.username or _ask("Identifiant", default=email.split("@")[0] or None)
    password = args.password or _ask_password()
    ensure_admin_schema(settings)
    account = asyncio.run(create_admin_user(settings.database.url, username, email, password))
    verb = "créé" if account.created else "mis à jour (nouveau mot de passe)"
    print(f"Compte du back-office « {account.username} » {verb}. Connexion : {settings.public_url}/admin/")
    return 0


ADMIN = Command("admin", "back-office (/admin)", _arguments, _admin)
