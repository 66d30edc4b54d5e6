"""Migration 0029_reminder_payload_json on both databases: the payloads stored as JSON text (claims waiting
for a retry, sent ones kept for support) become JSON values, and a retry sends the very bytes it would have."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from alembic import command
from sqlalchemy import select, text

from mps.db.migrate import alembic_config, upgrade
from mps.db.models import ReminderDelivery
from mps.domain.reminders.delivery import push_body
from tests.conftest import BACKENDS
from tests.integration.db.one_session import run_in_session

T0 = datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc)
PAYLOADS = {  # target: what the old scheduler stored (json.dumps(..., ensure_ascii=False))
    "push:1": {"title": "Tes vœux Parcoursup", "body": "Plus que 3 jours « pour » formuler tes vœux.",
               "url": "/calendrier?étape=1", "tag": "mps-parcoursup-voeux", "kind": "parcoursup", "action": "Voir"},
    "mail:p1": {"title": "Stage", "body": "Ligne 1\nLigne 2 \"citée\" \\ fin", "url": "/stages", "tag": "mps-stage",
                "kind": "stage", "action": "Voir"},
}


async def _old_rows(db):
    await db.execute(text("INSERT INTO people (id, created_at, role, display_name) VALUES ('p1', :t, 'lyceen', '')"),
                     {"t": T0})
    for target, payload in PAYLOADS.items():
        await db.execute(text(
            "INSERT INTO reminder_deliveries (target, reminder_key, occurrence, person_id, state, attempts, payload, "
            "urgency, ttl, claimed_by, claimed_at, next_attempt_at) VALUES (:target, 'parcoursup-voeux', '2027-03-10', "
            "'p1', 'retry', 2, :payload, 'high', 86400, 'w1', :t, :t)"),
            {"target": target, "payload": json.dumps(payload, ensure_ascii=False), "t": T0})


async def _payloads(db):
    return {d.target: d.payload for d in await db.scalars(select(ReminderDelivery))}


async def _texts(db):
    return dict((await db.execute(text("SELECT target, payload FROM reminder_deliveries"))).all())


@pytest.mark.parametrize("backend", BACKENDS)
def test_payloads_become_json_values_and_back_without_loss(databases, backend):
    url = databases.new(backend)
    command.upgrade(alembic_config(url), "0012_reminders")
    run_in_session(url, _old_rows)
    upgrade(url)

    payloads = run_in_session(url, _payloads)
    assert payloads == PAYLOADS
    for target, payload in payloads.items():  # what a retry sends: the bytes the old code would have sent
        assert push_body(payload) == json.dumps(PAYLOADS[target], ensure_ascii=False).encode()

    command.downgrade(alembic_config(url), "0012_reminders")
    assert {t: json.loads(v) for t, v in run_in_session(url, _texts).items()} == PAYLOADS
    upgrade(url)
    assert run_in_session(url, _payloads) == PAYLOADS
