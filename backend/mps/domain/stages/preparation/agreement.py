"""The agreement's status as the checklist shows it, read from the agreements package (engineer « agree »)
when it is there: this checklist never depends on its internals, and says « unknown » without it."""
from __future__ import annotations

import importlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger(__name__)

# Status -> (what the student reads, DSFR badge kind).
STATUS_LABELS = {
    "unknown": ("Statut inconnu : demande à ton établissement où en est ta convention.", "info"),
    "none": ("Pas encore créée : ton établissement la prépare quand ta candidature est confirmée.", "info"),
    "draft": ("En préparation", "info"),
    "signing": ("En cours de signature", "new"),
    "signed": ("Signée par tout le monde", "success"),
    "voided": ("À signer de nouveau : elle a changé depuis les premières signatures", "warning"),
}


async def agreement_status(db: AsyncSession, application_id: int) -> str:
    """« unknown » unless the agreements package answers with a status this page knows."""
    try:
        module = importlib.import_module("mps.domain.stages.agreements")
    except ImportError:
        return "unknown"
    read = getattr(module, "agreement_status", None)
    if read is None:
        return "unknown"
    try:
        status = await read(db, application_id)
    except Exception:  # noqa: BLE001 - their failure must not take the student's checklist down
        log.exception("agreement status of application %s", application_id)
        return "unknown"
    return status if status in STATUS_LABELS else "unknown"


def status_label(status: str) -> tuple[str, str]:
    return STATUS_LABELS.get(status, STATUS_LABELS["unknown"])
