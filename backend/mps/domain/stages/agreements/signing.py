"""Signing through a link and a one-time code. Refusals are returned, not raised: a wrong code must be
counted (and the lock kept) even though the answer is a refusal, so the request's transaction commits.

Counting a try and spending a code are conditional UPDATEs: parallel requests cannot get more than
MAX_TRIES tries, nor use one code twice, on SQLite as on PostgreSQL. The signature itself waits for the
agreement's row to be held at the hash the person saw (concurrency.py)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageAgreement, StageAgreementSignatory
from mps.domain.stages.agreements import codes
from mps.domain.stages.agreements.audit import Actor, now_utc, record
from mps.domain.stages.agreements.codes import LinkRefused
from mps.domain.stages.agreements.document import Document
from mps.domain.stages.agreements.mails import code_mail
from mps.domain.stages.agreements.concurrency import hold_unchanged
from mps.domain.stages.agreements.service import complete, refresh, signatories
from mps.domain.stages.board import PARIS, Board
from mps.lib.french import french_day


CHANGED = "Le document a changé depuis l'ouverture de cette page : la nouvelle version est à relire avant de signer."


@dataclass
class Holder:
    agreement: StageAgreement
    row: StageAgreementSignatory
    nonce: str


async def holder_of(db: AsyncSession, secret: str, token: str | None) -> Holder:
    """The signatory a link stands for; LinkRefused when it is forged, expired, replaced or of a removed signer."""
    claim = codes.read_link_token(secret, token or "")
    row = await db.get(StageAgreementSignatory, claim.signatory_id)
    if row is None or row.link_nonce != claim.nonce:
        raise LinkRefused("Ce lien de signature n'est plus valable : un lien plus récent a été envoyé, ou la "
                          "convention a changé de signataire.")
    return Holder(await db.get(StageAgreement, row.agreement_id), row, claim.nonce)


def _locked_message(row: StageAgreementSignatory) -> str:
    at = row.locked_until.astimezone(PARIS)
    return (f"Trop de codes erronés : la signature est bloquée jusqu'à {at:%H:%M} (heure de Paris). "
            "Un nouveau code pourra ensuite être demandé.")


def _unlock_if_due(row: StageAgreementSignatory) -> bool:
    """True while locked; a lock that ran out gives the tries back."""
    if row.locked_until is None:
        return False
    if row.locked_until > now_utc():
        return True
    row.locked_until, row.failed_attempts = None, 0
    return False


def _not_signable(agreement: StageAgreement, row: StageAgreementSignatory) -> str | None:
    if row.signed_at is not None:
        return f"Cette signature est déjà enregistrée (le {french_day(row.signed_at.astimezone(PARIS), year=True)})."
    if agreement.status != "signing":
        return "La convention n'est pas à signer pour l'instant : il manque des informations."
    return None


async def send_code(db: AsyncSession, holder: Holder, doc: Document, actor: Actor) -> str | None:
    """E-mail a new code (the previous one dies); the refusal in words, or None when sent."""
    agreement, row = holder.agreement, holder.row
    if refusal := _not_signable(agreement, row):
        return refusal
    if _unlock_if_due(row):
        return _locked_message(row)
    now = now_utc()
    if row.code_sent_at is not None and now - row.code_sent_at < codes.RESEND_AFTER:
        return "Un code vient d'être envoyé : un autre peut être demandé dans une minute."
    code = codes.new_code()
    row.code_hash, row.code_expires_at, row.code_sent_at = codes.code_hash(actor.secret, row.id, code), \
        now + codes.CODE_TTL, now
    actor.mails.append(code_mail(row, doc, code))
    record(db, agreement, "code_envoye", actor, role=row.role, name=row.name)
    return None


async def _count_try(db: AsyncSession, row: StageAgreementSignatory) -> bool:
    """One more try, only while fewer than MAX_TRIES were made (atomic): False when none is left."""
    await db.flush()
    result = await db.execute(update(StageAgreementSignatory)
                              .where(StageAgreementSignatory.id == row.id,
                                     StageAgreementSignatory.failed_attempts < codes.MAX_TRIES)
                              .values(failed_attempts=StageAgreementSignatory.failed_attempts + 1)
                              .execution_options(synchronize_session=False))
    await db.refresh(row)
    return result.rowcount == 1


async def _spend(db: AsyncSession, row: StageAgreementSignatory, agreement: StageAgreement) -> bool:
    """Use the code and sign in one conditional UPDATE: a second use of the same code changes nothing."""
    now = now_utc()
    await db.flush()
    result = await db.execute(update(StageAgreementSignatory)
                              .where(StageAgreementSignatory.id == row.id,
                                     StageAgreementSignatory.code_hash == row.code_hash,
                                     StageAgreementSignatory.signed_at.is_(None))
                              .values(code_hash=None, code_expires_at=None, failed_attempts=0, signed_at=now,
                                      signed_hash=agreement.doc_hash)
                              .execution_options(synchronize_session=False))
    await db.refresh(row)
    return result.rowcount == 1


async def sign(db: AsyncSession, board: Board, holder: Holder, typed_code: str, seen_hash: str,
               actor: Actor) -> str | None:
    """Sign the document whose hash the person saw; the refusal in words, or None when signed."""
    agreement, row = holder.agreement, holder.row
    doc = await refresh(db, board, agreement, actor)  # the data may have changed since the page was shown
    await db.flush()
    if await db.get(StageAgreementSignatory, row.id) is None or row.link_nonce != holder.nonce:
        return "Ce lien n'est plus valable : la convention a changé de signataire."
    if refusal := _not_signable(agreement, row):
        return refusal
    if seen_hash != agreement.doc_hash or not await hold_unchanged(db, agreement, seen_hash):
        return CHANGED
    if _unlock_if_due(row):
        return _locked_message(row)
    code = codes.normalise_code(typed_code)
    if row.code_hash is None or row.code_expires_at is None or row.code_expires_at <= now_utc():
        record(db, agreement, "code_expire", actor, role=row.role, name=row.name)  # no code to guess: no try
        return "Ce code a expiré ou a déjà servi : un nouveau code est à demander."
    if not await _count_try(db, row):
        return _lock(db, agreement, row, actor)
    if not codes.code_matches(actor.secret, row.id, code, row.code_hash):
        record(db, agreement, "code_errone", actor, role=row.role, name=row.name,
               detail=f"essai {row.failed_attempts} sur {codes.MAX_TRIES}")
        if row.failed_attempts >= codes.MAX_TRIES:
            return _lock(db, agreement, row, actor)
        left = codes.MAX_TRIES - row.failed_attempts
        return f"Code erroné. Encore {left} essai{'s' if left > 1 else ''} avant le blocage."
    if not await _spend(db, row, agreement):
        return "Ce code a déjà servi : un nouveau code est à demander."
    if agreement.frozen_hash is None:
        agreement.frozen_hash = agreement.doc_hash  # frozen from the first signature on
    record(db, agreement, "signee", actor, role=row.role, name=row.name)
    if complete(agreement, await signatories(db, agreement.id), doc, actor):
        record(db, agreement, "complete", actor, role="", name="")
    return None


def _lock(db: AsyncSession, agreement: StageAgreement, row: StageAgreementSignatory, actor: Actor) -> str:
    row.locked_until, row.code_hash, row.code_expires_at = now_utc() + codes.LOCK_TTL, None, None
    record(db, agreement, "verrouille", actor, role=row.role, name=row.name)
    return _locked_message(row)
