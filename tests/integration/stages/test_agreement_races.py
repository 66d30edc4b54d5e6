"""Two requests on one agreement at once (SQLite and PostgreSQL): each is played as a request that read the
agreement before the other committed (its own session, the other's changes unseen in its objects), which is
what a parallel request sees. A signature against a version another request replaced is refused, a change
voids a first signature committed after it read the agreement, and an edit from an older read is refused
rather than saved over the other's."""
from __future__ import annotations

import asyncio

import pytest

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import StageAgreement
from mps.domain.stages.agreements import service, signing
from mps.domain.stages.agreements.audit import Actor
from mps.domain.stages.agreements.concurrency import ChangedMeanwhile
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.agreement_helpers import ask_code, fill_everything, placed_student, sign_token, signatory_rows
from tests.integration.stages.test_agreements import SIGN, agreement_hash_on, agreement_row


def ready_to_sign(site, board, geocoder):
    """A filled agreement and the student about to sign: (placement, link token, code, hash shown)."""
    p = placed_student(site, board, geocoder)
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    token = sign_token(site, p.student_email)
    browser = Browser(site)
    digest = agreement_hash_on(browser.get(f"{SIGN}?t={token}").text)
    return p, token, ask_code(site, browser, token, p.student_email), digest


def with_inputs(agreement: StageAgreement, part: str, **values) -> None:
    inputs = dict(agreement.inputs)
    inputs[part] = {**inputs[part], **values}
    agreement.inputs = inputs


def two_sessions(site, play):
    async def go():
        engine = make_engine(db_url(site))
        try:
            maker = make_sessionmaker(engine)
            async with maker() as first, maker() as second:
                return await play(first, second)
        finally:
            await engine.dispose()
    return asyncio.run(go())


def test_a_signature_against_a_version_changed_meanwhile_is_refused(site, board, geocoder):
    p, token, code, digest = ready_to_sign(site, board, geocoder)
    secret = site.app.state.settings.secret_key

    async def play(signer, editor):
        holder = await signing.holder_of(signer, secret, token)  # the signing request has read the agreement
        agreement = await editor.get(StageAgreement, p.agreement_id)
        with_inputs(agreement, "student", class_label="2nde 7")
        await service.refresh(editor, board, agreement, Actor(secret=secret))
        await editor.commit()  # the edit lands first
        refusal = await signing.sign(signer, board, holder, code, digest, Actor(secret=secret))
        await signer.commit()
        return refusal

    assert "Le document a changé" in (two_sessions(site, play) or "")
    assert [r.signed_at for r in signatory_rows(site, p.agreement_id)] == [None] * 4
    assert agreement_row(site, p.agreement_id).doc_hash != digest


def test_a_change_voids_a_first_signature_committed_after_it_read_the_agreement(site, board, geocoder):
    p, token, code, digest = ready_to_sign(site, board, geocoder)
    secret = site.app.state.settings.secret_key

    async def play(signer, editor):
        agreement = await editor.get(StageAgreement, p.agreement_id)  # the editing request has read it all
        await service.signatories(editor, p.agreement_id)
        holder = await signing.holder_of(signer, secret, token)
        assert await signing.sign(signer, board, holder, code, digest, Actor(secret=secret)) is None
        await signer.commit()  # the first signature lands first
        with_inputs(agreement, "student", class_label="2nde 7")
        actor = Actor(secret=secret)
        await service.refresh(editor, board, agreement, actor)
        await editor.commit()
        return actor.mails

    mails = two_sessions(site, play)
    final = agreement_row(site, p.agreement_id)
    assert final.frozen_hash is None and final.restarts == 1 and final.doc_hash != digest
    assert [r.signed_at for r in signatory_rows(site, p.agreement_id)] == [None] * 4
    assert p.student_email in [mail[0] for mail in mails]  # told that their signature is to give again


def test_an_edit_from_an_older_read_is_refused_not_saved_over_the_other(site, board, geocoder):
    p, *_ = ready_to_sign(site, board, geocoder)

    async def play(late, early):
        stale = await late.get(StageAgreement, p.agreement_id)
        agreement = await early.get(StageAgreement, p.agreement_id)
        with_inputs(agreement, "student", class_label="2nde 7")
        await service.refresh(early, board, agreement, Actor())
        await early.commit()
        with_inputs(stale, "guardian", name="Jeanne Martin")  # built from what it read: class 2nde 4
        with pytest.raises(ChangedMeanwhile):
            await service.refresh(late, board, stale, Actor())
        await late.rollback()  # what the request does with the exception

    two_sessions(site, play)
    kept = agreement_row(site, p.agreement_id).inputs
    assert kept["student"]["class_label"] == "2nde 7" and kept["guardian"]["name"] == "Marc Martin"
