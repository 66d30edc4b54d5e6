"""An employer edits the offer a convention comes from (title, activities, address): before any signature the
convention shows the new text and mails nobody; from the first signature on it keeps the text as signed, so
nothing is voided and no signatory is mailed. A party's change that does void the signatures mails each of
those who had signed once, with their link; the others keep theirs and are not mailed (SQLite and PostgreSQL)."""
from __future__ import annotations

from sqlalchemy import update

from mps.db.models import StageApplication, StageOffer
from tests.integration.accounts.fixtures import db_url, new_email
from tests.integration.stages.agreement_helpers import HOST_PART, fill_everything, placed_student, signatory_rows
from tests.integration.stages.helpers import run
from tests.integration.stages.test_agreements import agreement_row, sign_as


def edit_offer(site, application_id: int, **values) -> None:
    """What saving the offer's form writes to its row."""
    async def work(db):
        offer_id = (await db.get(StageApplication, application_id)).offer_id
        await db.execute(update(StageOffer).where(StageOffer.id == offer_id).values(**values))
    run(db_url(site), work)


def mail_counts(site, addresses) -> dict[str, int]:
    return {a: len(site.smtp.for_address(a)) for a in addresses}


def test_offer_edits_after_a_signature_change_nothing_and_mail_nobody(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    base = f"/stages/conventions/{p.agreement_id}"
    employer, _email, _org, app_id = p.employers[0]
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    rows = signatory_rows(site, p.agreement_id)
    addresses = [r.email for r in rows]

    # Not signed yet: the convention follows the offer, and nobody is mailed for it.
    before = mail_counts(site, addresses)
    edit_offer(site, app_id, title="Atelier de menuiserie (nouveau titre)")
    assert "nouveau titre" in p.student.get(base).text
    assert mail_counts(site, addresses) == before

    first = sign_as(site, rows[0].email)
    signed_hash = agreement_row(site, p.agreement_id).doc_hash
    before = mail_counts(site, addresses)
    edit_offer(site, app_id, title="Titre pour les prochains", description="Autre texte pour les prochains élèves",
               address="12 rue Neuve")
    for reader in (p.student, employer, p.student):  # each reading rebuilds the convention
        page = reader.get(base)
        assert page.status_code == 200 and "prochains" not in page.text and "nouveau titre" in page.text
    after = agreement_row(site, p.agreement_id)
    assert (after.doc_hash, after.frozen_hash, after.restarts) == (signed_hash, first, 0)
    assert signatory_rows(site, p.agreement_id)[0].signed_at is not None
    assert mail_counts(site, addresses) == before

    # Everyone signs; the offer changes again: the signed convention stays, and no mail goes out.
    for row in rows[1:]:
        sign_as(site, row.email)
    assert agreement_row(site, p.agreement_id).status == "signed"
    before = mail_counts(site, addresses)
    edit_offer(site, app_id, description="Encore un autre texte")
    assert p.student.get(base + "/convention.pdf").status_code == 200
    assert "Signée par tous" in employer.get(base).text
    final = agreement_row(site, p.agreement_id)
    assert (final.status, final.doc_hash, final.restarts) == ("signed", signed_hash, 0)
    assert mail_counts(site, addresses) == before


def test_a_voiding_change_mails_each_former_signer_once_with_their_link(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    base = f"/stages/conventions/{p.agreement_id}"
    employer, _email, _org, app_id = p.employers[0]
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    rows = {r.role: r for r in signatory_rows(site, p.agreement_id)}
    signer, others = rows["eleve"], [r.email for role, r in rows.items() if role != "eleve"]
    sign_as(site, signer.email)
    before_signer, before_others = len(site.smtp.for_address(signer.email)), mail_counts(site, others)

    r = employer.post_form(base + "/accueil", {**HOST_PART, "host": f"a{app_id}", "signer_email": rows["employeur"].email,
                                               "tutor_email": "t3@entreprise.fr", "start": "9:30"},
                           follow_redirects=False)
    assert r.status_code == 303
    for _ in range(2):  # reading it again mails nobody again
        assert p.student.get(base).status_code == 200
    mails = site.smtp.for_address(signer.email)[before_signer:]
    assert [m["Subject"].split(" : ")[-1] for m in mails] == ["signature à refaire"]
    assert "/stages/conventions/signer?t=" in mails[0].get_body(preferencelist=("plain",)).get_content()
    assert mail_counts(site, others) == before_others  # their links still work: nothing new to tell them
    sign_as(site, signer.email)  # through the link of that one mail
