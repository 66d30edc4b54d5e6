"""Helpers shared by the back-office and feedback tests: an admin account and a signed-in Piccolo client."""
from __future__ import annotations

import asyncio

from mps.admin.users import create_admin_user

USERNAME, PASSWORD = "equipe", "un mot de passe solide"


def make_admin(url: str, username: str = USERNAME, password: str = PASSWORD) -> None:
    asyncio.run(create_admin_user(url, username, f"{username}@example.fr", password))


def admin_login(client, username: str = USERNAME, password: str = PASSWORD):
    """Log in through Piccolo Admin's own endpoint, as its front end does (CSRF cookie + header)."""
    client.get("/admin/")
    return client.post("/admin/public/login/", json={"username": username, "password": password},
                       headers={"X-CSRFToken": client.cookies.get("csrftoken"),
                                "Referer": f"{client.base_url}/admin/"})
