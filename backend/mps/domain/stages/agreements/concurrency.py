"""Two requests on one agreement at once: an edit (or a view regenerating the document after an offer
changed) and a signature, or two edits. Both go through a conditional UPDATE of the agreement's row on the
hash they read, which on PostgreSQL also holds the row until the transaction ends (on SQLite writes are one at
a time anyway): a signature is never given against a version that another request has just replaced, a change
always voids a signature committed before it, and an edit made from an older read is refused, not saved over
the other one."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageAgreement
from mps.lib.errors import FieldError

CHANGED_MEANWHILE = ("La convention vient d'être modifiée par quelqu'un d'autre : recharge la page pour voir la "
                     "nouvelle version, puis recommence.")


class ChangedMeanwhile(FieldError):
    """Another request changed the document since this one read it: this one's edit is not kept (the request's
    transaction rolls back), never saved over the other's nor signed against an older version."""

    def __init__(self):
        super().__init__("convention", CHANGED_MEANWHILE)


async def claim(db: AsyncSession, agreement: StageAgreement, old_hash: str, new_hash: str) -> bool:
    """Move the stored hash from the one this request read to the new one in one conditional UPDATE (on
    PostgreSQL it waits for a signing request holding the row, signing.sign); then re-read the row, so that a
    first signature committed meanwhile (its frozen hash) is voided like any other. False: changed meanwhile."""
    await db.flush()
    result = await db.execute(update(StageAgreement).where(StageAgreement.id == agreement.id,
                                                           StageAgreement.doc_hash == old_hash)
                              .values(doc_hash=new_hash).execution_options(synchronize_session=False))
    await db.refresh(agreement)
    return result.rowcount == 1


async def hold_unchanged(db: AsyncSession, agreement: StageAgreement, seen_hash: str) -> bool:
    """Hold the agreement's row while it is still at `seen_hash` and to be signed (an UPDATE that changes
    nothing but takes the row until the transaction ends): a change of the document waits for this signature
    and then voids it, or came first and this refuses. The row is re-read (a signature given meanwhile)."""
    await db.flush()
    result = await db.execute(update(StageAgreement).where(StageAgreement.id == agreement.id,
                                                           StageAgreement.doc_hash == seen_hash,
                                                           StageAgreement.status == "signing")
                              .values(doc_hash=StageAgreement.doc_hash).execution_options(synchronize_session=False))
    await db.refresh(agreement)
    return result.rowcount == 1
