"""The push client's resolver (mps.domain.reminders.public_net): a browser's push service resolving to the public
internet only. Devices subscribed before subscriptions took push services only keep their endpoint: the resolver
refuses their host before any lookup, and a push service's name pointed at our own network finds no address."""
import asyncio

import pytest

from mps.domain.reminders.public_net import PublicOnlyResolver, is_push_service


class _Answers:
    """aiohttp's resolver, answering from a table (no network in tests)."""

    def __init__(self, table):
        self.table, self.asked = table, []

    async def resolve(self, host, port, family):
        self.asked.append(host)
        return [{"host": address, "port": port} for address in self.table.get(host, [])]


def _resolver(table):
    resolver = PublicOnlyResolver.__new__(PublicOnlyResolver)
    resolver._resolver = _Answers(table)
    return resolver


@pytest.mark.parametrize("host", ["victim.example.com", "fcm.googleapis.com.evil.example", "evilnotify.windows.com",
                                  "127.0.0.1.nip.io", "googleapis.com"])
def test_another_host_is_refused_before_any_lookup(host):
    resolver = _resolver({host: ["93.184.216.34"]})
    with pytest.raises(OSError, match="not a push service"):
        asyncio.run(resolver.resolve(host, 443))
    assert resolver._resolver.asked == [] and not is_push_service(host)


def test_a_push_service_resolves_to_its_public_addresses_only():
    resolver = _resolver({"fcm.googleapis.com": ["142.250.75.234", "10.0.0.5"],
                          "wns2-par02p.notify.windows.com": ["169.254.169.254"]})
    assert [e["host"] for e in asyncio.run(resolver.resolve("fcm.googleapis.com", 443))] == ["142.250.75.234"]
    with pytest.raises(OSError, match="no public address"):
        asyncio.run(resolver.resolve("wns2-par02p.notify.windows.com", 443))
