"""Pushes only reach the browsers' push services: the endpoint is an address a browser gave, so anyone with an account
chooses where the server posts. service.check_subscription takes only the push services' hosts (is_push_service);
this resolver refuses host names that resolve to our own network ("127.0.0.1.nip.io", a name the attacker points
at 169.254.169.254 after subscribing). aiohttp asks no resolver for an IP literal, so those stay with the check."""
from __future__ import annotations

import ipaddress
import socket

import aiohttp
from aiohttp.abc import AbstractResolver


# The push services browsers subscribe with: FCM (Chrome, Opera, Samsung Internet, Edge on Android), Mozilla's
# autopush (Firefox), Apple (Safari), WNS (Edge on Windows). A host outside them is no browser's endpoint.
PUSH_HOSTS = frozenset({"fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com"})
PUSH_DOMAINS = (".push.apple.com", ".notify.windows.com", ".push.services.mozilla.com")


def is_push_service(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host in PUSH_HOSTS or host.endswith(PUSH_DOMAINS)


def is_public(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_global
    except ValueError:
        return False


class PublicOnlyResolver(AbstractResolver):
    """aiohttp's default resolution of a push service's host, less every address outside the public internet; none
    left, or another host: an OSError, which the sender records as a network failure."""

    def __init__(self) -> None:
        self._resolver = aiohttp.DefaultResolver()

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET):
        if not is_push_service(host):  # a device subscribed before the check took push services only
            raise OSError(f"{host}: not a push service")
        found = [entry for entry in await self._resolver.resolve(host, port, family) if is_public(entry["host"])]
        if not found:
            raise OSError(f"{host}: no public address")
        return found

    async def close(self) -> None:
        await self._resolver.close()


def allow_local(settings) -> bool:
    # Tests and development push to a local endpoint; production only to https push services.
    return settings.is_dev or settings.push.allow_local_endpoints
