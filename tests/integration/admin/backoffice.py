"""Helpers shared by the back-office and feedback tests: an admin account and a signed-in Piccolo client."""
from __future__ import annotations

import asyncio
import atexit
import dataclasses
import shutil
import tempfile
import time
from pathlib import Path

from mps.admin.users import create_admin_user
from tests.conftest import ROOT, settings_for

USERNAME, PASSWORD = "equipe", "un mot de passe solide"


def make_admin(url: str, username: str = USERNAME, password: str = PASSWORD) -> None:
    asyncio.run(create_admin_user(url, username, f"{username}@example.fr", password))


def admin_login(client, username: str = USERNAME, password: str = PASSWORD):
    """Log in through Piccolo Admin's own endpoint, as its front end does (CSRF cookie + header)."""
    client.get("/admin/")
    return client.post("/admin/public/login/", json={"username": username, "password": password},
                       headers={"X-CSRFToken": client.cookies.get("csrftoken"),
                                "Referer": f"{client.base_url}/admin/"})


_DIST_COPY: list[Path] = []


def _dist_snapshot() -> Path:
    """A private copy of frontend/dist: the shared tree's dist is rebuilt (emptied) while tests run."""
    if not _DIST_COPY:
        source = ROOT / "frontend" / "dist"
        for _ in range(120):
            try:
                parent = Path(tempfile.mkdtemp(prefix="mps-dist-"))
                atexit.register(shutil.rmtree, parent, True)
                target = parent / "dist"
                shutil.copytree(source, target)
                if (target / "asset-manifest.json").exists():
                    _DIST_COPY.append(target)
                    break
            except (FileNotFoundError, shutil.Error):
                pass
            time.sleep(0.5)
        else:
            return source
    return _DIST_COPY[0]


def app_settings(url: str, var_dir: Path):
    """settings_for(url, var_dir), with a stable copy of the front-end build."""
    settings = settings_for(url, var_dir)
    return dataclasses.replace(settings, paths=dataclasses.replace(settings.paths, dist_dir=_dist_snapshot()))
