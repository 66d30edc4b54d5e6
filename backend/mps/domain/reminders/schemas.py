"""What the reminders API reads and answers.

Like every document the API reads, a body refuses fields it does not know (400 « champ inconnu », and
`additionalProperties: false` in OpenAPI): a misspelt `time_zone` is said, not silently replaced by Paris."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from mps.lib.validation import VISIBLE_OR_EMPTY

HHMM = msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]\Z", extra={"error": "Indique une heure comme 21:00."})


class SubscriptionKeys(msgspec.Struct, forbid_unknown_fields=True):
    p256dh: Annotated[str, msgspec.Meta(max_length=128)]
    auth: Annotated[str, msgspec.Meta(max_length=64)]


class SubscriptionIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A browser's PushSubscription.toJSON() (its `expirationTime` read and not kept: the push service says when a
    subscription is gone), with a name for the device and its time zone."""
    endpoint: Annotated[str, msgspec.Meta(max_length=1024)]
    keys: SubscriptionKeys
    expiration_time: Annotated[float, msgspec.Meta(ge=0)] | None = msgspec.field(default=None, name="expirationTime")
    label: Annotated[str, msgspec.Meta(max_length=80, pattern=VISIBLE_OR_EMPTY)] = ""
    time_zone: Annotated[str, msgspec.Meta(max_length=64)] | None = None


class EndpointIn(msgspec.Struct, forbid_unknown_fields=True):
    endpoint: Annotated[str, msgspec.Meta(max_length=1024)]


class RenewIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Sent by the service worker when the browser replaced the subscription (pushsubscriptionchange)."""
    old_endpoint: Annotated[str, msgspec.Meta(max_length=1024)]
    endpoint: Annotated[str, msgspec.Meta(max_length=1024)]
    keys: SubscriptionKeys


class ChoicesIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    kinds: Annotated[list[str], msgspec.Meta(max_length=10)]
    quiet_start: Annotated[str, HHMM] = "21:00"
    quiet_end: Annotated[str, HHMM] = "08:00"
    time_zone: Annotated[str, msgspec.Meta(max_length=64)] = "Europe/Paris"
    email: bool = False


class ChoicesOut(msgspec.Struct):
    kinds: list[str]
    quiet_start: str
    quiet_end: str
    time_zone: str
    email: bool


class DeviceOut(msgspec.Struct):
    id: int
    label: str
    created_at: datetime
    last_success_at: datetime | None


class RemindersOut(msgspec.Struct):
    public_key: str  # applicationServerKey for pushManager.subscribe()
    choices: ChoicesOut
    devices: list[DeviceOut]
    email_address: str | None  # where e-mail reminders go (signed-in accounts only)
