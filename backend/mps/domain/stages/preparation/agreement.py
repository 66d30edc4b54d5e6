"""The agreement's status as the checklist shows it, read from the agreements (engineer « agree »): a status
this page does not know, or a failure there, shows « unknown » rather than taking the checklist down."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.stages.agreements import agreement_status as read_status

log = logging.getLogger(__name__)

# Status -> (badge, what it means for the student, DSFR badge kind).
STATUS_LABELS = {
    "unknown": ("Statut inconnu", "Demande à ton établissement où en est ta convention.", "info"),
    "none": ("Pas encore créée", "Ouvre ta convention pour la lancer : elle se remplit à partir de ton stage "
                                 "confirmé, puis chacun la signe.", "info"),
    "draft": ("En préparation", "Elle est remplie avant d'être envoyée à la signature.", "info"),
    "signing": ("En cours de signature", "Chaque signataire reçoit un lien et un code par e-mail.", "new"),
    "voided": ("Signatures annulées", "La convention a changé après des signatures : elles ont été annulées et "
                                      "chacun la signe de nouveau (un nouveau lien arrive par e-mail).", "warning"),
    "signed": ("Signée", "Tout le monde a signé : tu peux faire ton stage.", "success"),
}


async def agreement_status(db: AsyncSession, application_id: int) -> str:
    try:
        status = await read_status(db, application_id)
    except Exception:  # noqa: BLE001 - their failure must not take the student's checklist down
        log.exception("agreement status of application %s", application_id)
        return "unknown"
    return status if status in STATUS_LABELS else "unknown"


def status_label(status: str) -> tuple[str, str, str]:
    return STATUS_LABELS.get(status, STATUS_LABELS["unknown"])
