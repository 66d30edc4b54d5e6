"""The agreement's audit trail: one row per event (who by role and name, when, the document's hash, from
which address and browser), exported as CSV for the school. The address is the request's client address,
which behind a proxy is the visitor's only when the proxy is trusted (mps/web/proxies.py)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.lib.spreadsheet import safe_cell
from mps.db.models import StageAgreement, StageAgreementEvent
from mps.domain.stages.agreements.document import ROLES

KINDS = {"cree": "Convention créée", "modifiee": "Document modifié", "invitation": "Lien de signature envoyé",
         "code_envoye": "Code envoyé par e-mail", "code_errone": "Code erroné", "code_expire": "Code expiré",
         "verrouille": "Signature bloquée après trop d'essais", "signee": "Signature",
         "annulees": "Signatures annulées (document modifié)", "complete": "Convention signée par tous",
         "export": "Journal exporté"}
CSV_HEADER = ("Date (UTC)", "Événement", "Rôle", "Nom", "Empreinte SHA-256 du document", "Adresse IP",
              "Navigateur", "Détail")
MAX_UA = 300


@dataclass
class Actor:
    """Who acts and from where: the request's client address and user agent (empty outside a request)."""
    role: str = ""
    name: str = ""
    ip: str = ""
    user_agent: str = ""
    origin: str = ""  # the site's address for links in mails (mps/web/links.mail_origin)
    secret: str = ""  # the app's secret key: signs the links, keys the codes' hashes
    mails: list = field(default_factory=list)  # (to, subject, text) to send once the change is decided


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def record(db: AsyncSession, agreement: StageAgreement, kind: str, actor: Actor, *, role: str | None = None,
           name: str | None = None, detail: str = "") -> None:
    db.add(StageAgreementEvent(agreement_id=agreement.id, at=now_utc(), kind=kind,
                               role=actor.role if role is None else role, name=actor.name if name is None else name,
                               doc_hash=agreement.doc_hash, ip=actor.ip[:64], user_agent=actor.user_agent[:MAX_UA],
                               detail=detail))


async def events(db: AsyncSession, agreement_id: int) -> list[StageAgreementEvent]:
    rows = await db.execute(select(StageAgreementEvent).where(StageAgreementEvent.agreement_id == agreement_id)
                            .order_by(StageAgreementEvent.at, StageAgreementEvent.id))
    return list(rows.scalars())



def audit_csv(rows: list[StageAgreementEvent]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for e in rows:
        writer.writerow([safe_cell(v) for v in (e.at.astimezone(timezone.utc).isoformat(timespec="seconds"),
                                             KINDS.get(e.kind, e.kind), ROLES.get(e.role, e.role), e.name,
                                             e.doc_hash, e.ip, e.user_agent, e.detail)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
