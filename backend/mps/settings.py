"""Settings read from the environment, one dataclass per concern."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class DatabaseSettings:
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


@dataclass(frozen=True)
class PathSettings:
    root: Path
    data_dir: Path
    var_dir: Path
    templates_dir: Path
    dist_dir: Path


@dataclass(frozen=True)
class MailSettings:
    host: str | None
    port: int
    username: str | None
    password: str | None
    use_tls: bool
    sender: str


@dataclass(frozen=True)
class Settings:
    database: DatabaseSettings
    paths: PathSettings
    mail: MailSettings
    redis_url: str | None
    environment: str
    secret_key: str
    base_url: str
    extra: dict = field(default_factory=dict)

    @property
    def is_dev(self) -> bool:
        return self.environment == "development"


def _secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under var/."""
    key = _env("SECRET_KEY")
    if key:
        return key
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def load_settings() -> Settings:
    root = Path(_env("MPS_ROOT", str(ROOT)))
    var_dir = Path(_env("MPS_VAR_DIR", str(root / "var")))
    var_dir.mkdir(parents=True, exist_ok=True)
    default_db = f"sqlite+aiosqlite:///{var_dir / 'mps.sqlite'}"
    url = _env("DATABASE_URL", default_db)
    # The documented default is relative to the project root: make it absolute.
    if url.startswith("sqlite+aiosqlite:///") and not url.startswith("sqlite+aiosqlite:////"):
        rel = url.removeprefix("sqlite+aiosqlite:///")
        if rel not in ("", ":memory:"):
            url = f"sqlite+aiosqlite:///{(root / rel).resolve()}"
    return Settings(
        database=DatabaseSettings(url=url),
        paths=PathSettings(
            root=root,
            data_dir=Path(_env("MPS_DATA_DIR", str(root / "data"))),
            var_dir=var_dir,
            templates_dir=root / "frontend" / "templates",
            dist_dir=root / "frontend" / "dist",
        ),
        mail=MailSettings(
            host=_env("SMTP_HOST"),
            port=int(_env("SMTP_PORT", "25")),
            username=_env("SMTP_USERNAME"),
            password=_env("SMTP_PASSWORD"),
            use_tls=_env("SMTP_TLS", "0") == "1",
            sender=_env("MAIL_FROM", "MonProjetSup <ne-pas-repondre@monprojetsup.fr>"),
        ),
        redis_url=_env("REDIS_URL"),
        environment=_env("MPS_ENV", "development"),
        secret_key=_secret_key(var_dir),
        base_url=_env("BASE_URL", "http://127.0.0.1:8000"),
    )
