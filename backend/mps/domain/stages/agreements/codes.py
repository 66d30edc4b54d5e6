"""What proves a signatory: a signed link (itsdangerous, its own salt so no other token of the app opens it,
expiring) and a one-time code sent by e-mail when they are about to sign.

Codes: 6 digits, valid CODE_TTL, used once, stored as an HMAC keyed by the app's secret and bound to the
signatory (a leaked table gives no code, and a hash cannot be replayed on another row). MAX_TRIES wrong codes
lock the signatory for LOCK_TTL; a new code waits RESEND_AFTER after the previous one."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from mps.lib.text import digits_only

LINK_MAX_AGE = timedelta(days=30)
CODE_TTL = timedelta(minutes=15)
LOCK_TTL = timedelta(minutes=30)
RESEND_AFTER = timedelta(seconds=60)
MAX_TRIES = 5
CODE_DIGITS = 6
_SALT = "stage-agreement-sign"
_PURPOSE = "sign"


class LinkRefused(Exception):
    """Why a signing link cannot be used, in words for the person holding it (vouvoiement: adults too)."""


@dataclass(frozen=True)
class LinkClaim:
    signatory_id: int
    nonce: str


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt=_SALT)


def make_link_token(secret_key: str, signatory_id: int, nonce: str) -> str:
    return _serializer(secret_key).dumps({"p": _PURPOSE, "s": signatory_id, "n": nonce})


def read_link_token(secret_key: str, token: str, max_age: timedelta = LINK_MAX_AGE) -> LinkClaim:
    try:
        data = _serializer(secret_key).loads(token, max_age=int(max_age.total_seconds()))
    except SignatureExpired:
        raise LinkRefused("Ce lien de signature a expiré. Demandez un nouveau lien à l'élève ou à "
                          "l'établissement scolaire.") from None
    except BadSignature:
        raise LinkRefused("Ce lien de signature n'est pas valide. Vérifiez que vous l'avez copié en entier.") from None
    if (not isinstance(data, dict) or data.get("p") != _PURPOSE or not isinstance(data.get("s"), int)
            or not isinstance(data.get("n"), str)):
        raise LinkRefused("Ce lien de signature n'est pas valide.")
    return LinkClaim(signatory_id=data["s"], nonce=data["n"])


def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(secret_key: str, signatory_id: int, code: str) -> str:
    message = f"stage-agreement-code:{signatory_id}:{code}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()


def normalise_code(raw: str | None) -> str:
    """What people type: « 123 456 », « 123-456 » -> « 123456 »."""
    return "".join(c for c in (raw or "") if digits_only(c))[:12]


def code_matches(secret_key: str, signatory_id: int, typed: str, stored: str | None) -> bool:
    if not stored or len(typed) != CODE_DIGITS:
        return False
    return hmac.compare_digest(code_hash(secret_key, signatory_id, typed), stored)
