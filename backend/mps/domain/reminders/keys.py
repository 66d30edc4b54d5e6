"""VAPID keys and contact: from settings, else (embedded default) one key made on first run under var/."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from webpush.vapid import VAPID

from mps.lib.errors import UserFacingError
from mps.lib.private_file import read_or_create

KEY_FILE = "vapid_private.pem"
# Push services write to this contact when something goes wrong; Apple answers 403 to a sub that is not a real
# mailto: or https: address (a "localhost" one included).
_MAILTO = re.compile(r"^mailto:[^@\s<>]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_HTTPS = re.compile(r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:\d+)?(/\S*)?$")
_LOCAL = re.compile(r"(@|//)(localhost|[^/@]*\.local|[^/@]*\.localhost|127\.[\d.]+)([:/]|$)", re.I)


@dataclass(frozen=True)
class VapidKeys:
    private_pem: bytes
    public_pem: bytes
    application_server_key: str  # what the browser's pushManager.subscribe() is given (base64url, uncompressed)


def generate_private_pem() -> str:
    private_pem, _public, _key = VAPID.generate_keys()
    return private_pem.decode()


def keys_from_private_pem(pem: str | bytes) -> VapidKeys:
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        private = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise UserFacingError("VAPID_PRIVATE_KEY n'est pas une clé privée PEM lisible (mps push keys en crée une)") from exc
    public = private.public_key()
    return VapidKeys(private_pem=data, public_pem=public.public_bytes(serialization.Encoding.PEM,
                                                                      serialization.PublicFormat.SubjectPublicKeyInfo),
                     application_server_key=VAPID.get_application_server_key(public))


def load_keys(settings) -> VapidKeys:
    """VAPID_PRIVATE_KEY (PEM text or the path of a PEM file), else var/vapid_private.pem, made once (0600)."""
    configured = settings.push.vapid_private_key
    if configured:
        text = configured if "BEGIN" in configured else Path(configured).read_text()
        return keys_from_private_pem(text)
    return keys_from_private_pem(read_or_create(Path(settings.paths.var_dir) / KEY_FILE, generate_private_pem))


def vapid_subject(settings) -> str:
    """VAPID_SUBJECT, else BASE_URL when it is https, else the sender address of our mails."""
    subject = settings.push.vapid_subject
    if not subject:
        base = settings.base_url or ""
        address = re.search(r"[^<>\s]+@[^<>\s]+", settings.mail.sender)
        subject = base.rstrip("/") if base.startswith("https://") else f"mailto:{address.group(0) if address else ''}"
    return check_subject(subject)


def check_subject(subject: str) -> str:
    if not (_MAILTO.match(subject) or _HTTPS.match(subject)) or _LOCAL.search(subject):
        raise UserFacingError(f"VAPID_SUBJECT « {subject} » : il faut une adresse mailto: ou https: réelle "
                              "(les services de notification refusent les autres)")
    return subject
