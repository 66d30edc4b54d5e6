"""The header's menu by role: each person finds their own pages, and no page that is not for them.

The role comes with the session row (mps.web.sessions); a visitor without an account can still
answer the profile, get suggestions and keep favourites on this device, so they see those.
"""
from __future__ import annotations

Entry = tuple[str, str]  # (href, label)

CATALOGUE: list[Entry] = [("/", "Accueil"), ("/recherche", "Rechercher une formation")]
STUDENT: list[Entry] = [("/profil", "Mon profil"), ("/suggestions", "Mes suggestions"), ("/favoris", "Mes favoris"),
                        ("/mes-voeux", "Mes vœux"), ("/etapes", "Mes étapes"), ("/stages", "Stages")]
MENUS: dict[str, list[Entry]] = {
    "visiteur": [*CATALOGUE, *STUDENT],
    "lyceen": [*CATALOGUE, *STUDENT, ("/ma-classe", "Ma classe")],
    "enseignant": [*CATALOGUE, ("/classes", "Mes classes")],
    "famille": CATALOGUE,
    # An employer or a school publishing offers has no use for a student's profile, suggestions or wishes.
    "employeur": [("/", "Accueil"), ("/stages/employeur", "Espace employeur")],
    "admin": [*CATALOGUE, ("/stages/moderation", "Modération des stages"), ("/admin", "Administration")],
}


def menu_for(request) -> list[Entry]:
    signed_in = request.scope.get("mps_signed_in") if request is not None else None
    return MENUS.get(signed_in.role if signed_in else "visiteur", MENUS["visiteur"])
