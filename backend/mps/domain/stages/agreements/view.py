"""What the agreement's pages and PDF show: the document, its articles, its hash and each signature's state."""
from __future__ import annotations

from dataclasses import dataclass

from mps.domain.stages.agreements import document as d
from mps.domain.stages.agreements.clauses import articles
from mps.domain.stages.agreements.service import STATUSES
from mps.domain.stages.board import PARIS
from mps.lib.french import french_day


@dataclass(frozen=True)
class SignatureView:
    id: int
    role: str
    role_label: str
    name: str
    state: str
    signed: bool
    invited: bool


def role_label(doc: d.Document, role: str, slot: int) -> str:
    if role == "employeur" and slot < len(doc.hosts):
        return f"{d.ROLES[role]} ({doc.hosts[slot].organisation})"
    return d.ROLES.get(role, role)


def signature_views(doc: d.Document, rows) -> list[SignatureView]:
    out = []
    for r in rows:
        if r.signed_at is not None:
            at = r.signed_at.astimezone(PARIS)
            state = f"Signé le {french_day(at, weekday=False, year=True)} à {at:%H:%M}"
        elif r.locked_until is not None:
            state = "Bloqué après trop de codes erronés"
        elif r.invited_at is not None:
            state = "Lien envoyé"
        else:
            state = "En attente"
        out.append(SignatureView(r.id, r.role, role_label(doc, r.role, r.slot), r.name, state,
                                 r.signed_at is not None, r.invited_at is not None))
    return out


def document_context(agreement, rows) -> dict:
    doc = d.from_stored(agreement.document)
    return {"doc": doc, "articles": articles(doc), "digest": agreement.doc_hash,
            "digest_short": d.short_hash(agreement.doc_hash), "signatures": signature_views(doc, rows),
            "status": agreement.status, "status_label": STATUSES.get(agreement.status, agreement.status),
            "missing": d.missing(doc), "restarts": agreement.restarts}
