"""Network addresses: loopback checks and the trusted proxies list (MPS_TRUSTED_PROXIES)."""
from __future__ import annotations

import ipaddress

from mps.lib.errors import UserFacingError


def is_loopback(host: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost": an address only this machine can reach."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_trusted_proxies(raw: str | None) -> tuple[str, ...]:
    """"10.0.0.5, 10.1.0.0/16" -> ("10.0.0.5", "10.1.0.0/16"); a typo is an error, never silently ignored.

    "*" (trust every peer) is refused: anyone reaching the server directly could then choose their address.
    """
    items = tuple(item.strip() for item in (raw or "").split(",") if item.strip())
    for item in items:
        if item == "*":
            raise UserFacingError("MPS_TRUSTED_PROXIES : « * » ferait croire l'adresse annoncée par n'importe qui ; "
                                  "indique l'adresse ou le réseau de ton proxy (par exemple 10.0.0.0/8).")
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise UserFacingError(f"MPS_TRUSTED_PROXIES : « {item} » n'est ni une adresse IP ni un réseau "
                                  "(attendu par exemple : 127.0.0.1, 10.0.0.0/8).") from None
    return items
