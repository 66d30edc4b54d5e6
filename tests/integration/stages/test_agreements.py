"""The convention de stage through its pages (SQLite and PostgreSQL): the parties fill their parts, every
signatory signs through their link and a one-time code, a change after the first signature voids them all,
the PDF read back, the audit export, and who may see what."""
from __future__ import annotations

import csv
import io

from pypdf import PdfReader
from sqlalchemy import select

from mps.db.models import StageAgreement, StageAgreementEvent
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.agreement_helpers import (HOST_PART, UAI, age_code, ask_code, fill_everything,
                                                        placed_student, sign_token, signatory_rows, teacher_of)
from tests.integration.stages.helpers import run
from tests.integration.stages.test_pages import make_admin

SIGN = "/stages/conventions/signer"


def agreement_row(site, agreement_id: int) -> StageAgreement:
    async def work(db):
        return await db.get(StageAgreement, agreement_id)
    return run(db_url(site), work)


def event_kinds(site, agreement_id: int) -> list[str]:
    async def work(db):
        rows = await db.execute(select(StageAgreementEvent.kind).where(StageAgreementEvent.agreement_id == agreement_id)
                                .order_by(StageAgreementEvent.id))
        return list(rows.scalars())
    return run(db_url(site), work)


def sign_as(site, address: str, token: str | None = None) -> str:
    """Open the link, ask a code, sign; returns the hash that was shown."""
    browser = Browser(site)
    token = token or sign_token(site, address)
    page = browser.get(f"{SIGN}?t={token}")
    assert page.status_code == 200 and "Empreinte SHA-256" in page.text
    digest = agreement_hash_on(page.text)
    code = ask_code(site, browser, token, address)
    done = browser.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"})
    assert done.status_code == 200 and "Signature enregistrée" in done.text, done.text
    return digest


def agreement_hash_on(html: str) -> str:
    return html.split('name="empreinte" value="', 1)[1].split('"', 1)[0]


def test_every_party_fills_and_signs_a_change_voids_the_signatures_pdf_and_audit(site, board, geocoder):
    p = placed_student(site, board, geocoder, two_hosts=True)
    base = f"/stages/conventions/{p.agreement_id}"
    for _browser, email, _org, _app in p.employers:  # each host's team is asked for its part
        assert base in site.smtp.last_text(email) and "à compléter" in site.smtp.for_address(email)[-1]["Subject"]
    page = p.student.get(base)
    assert page.status_code == 200 and "Il te reste à compléter" in page.text
    assert "Menuiserie Dupont" in page.text and "Mairie de Lille" in page.text and UAI in page.text

    # Refusals at the field, nothing lost: a non-academic head address, a 8-hour day for a minor.
    r = p.student.post_form(base + "/etablissement", {"head_name": "Claire Roy", "head_email": "claire@gmail.com"})
    assert r.status_code == 400 and "adresse académique" in r.text and 'value="Claire Roy"' in r.text
    browser, _email, _org, app_id = p.employers[0]
    r = browser.post_form(base + "/accueil", {**HOST_PART, "host": f"a{app_id}", "signer_email": "x@entreprise.fr",
                                              "tutor_email": "t@entreprise.fr", "end": "18:00"})
    assert r.status_code == 400 and "7 h au plus" in r.text and 'value="Ana Lopes"' in r.text
    other_key = f"a{p.employers[1][3]}"
    r = browser.post_form(base + "/accueil", {**HOST_PART, "host": other_key, "signer_email": "x@entreprise.fr",
                                              "tutor_email": "t@entreprise.fr"})
    assert r.status_code == 400 and "pas la vôtre" in r.text  # the other structure's part is not theirs

    head = new_email("ce.0590117g", "ac-lille.fr")
    fill_everything(site, p, head)
    rows = signatory_rows(site, p.agreement_id)
    assert sorted((r.role, r.slot) for r in rows) == [("chef", 0), ("eleve", 0), ("employeur", 0), ("employeur", 1),
                                                       ("representant", 0)]
    assert agreement_row(site, p.agreement_id).status == "signing"
    first = sign_as(site, rows[0].email)
    assert agreement_row(site, p.agreement_id).frozen_hash == first

    # The employer changes the timetable: the signature is void, everyone is asked again, the hash is new.
    r = browser.post_form(base + "/accueil", {**HOST_PART, "host": f"a{app_id}", "signer_email": rows[0].email,
                                              "tutor_email": "t2@entreprise.fr", "start": "9:30"},
                          follow_redirects=False)
    assert r.status_code == 303
    after = agreement_row(site, p.agreement_id)
    assert after.frozen_hash is None and after.doc_hash != first and after.restarts == 1
    assert all(r.signed_at is None for r in signatory_rows(site, p.agreement_id))
    assert "annulees" in event_kinds(site, p.agreement_id)
    assert "signature à refaire" in site.smtp.for_address(rows[0].email)[-1]["Subject"]  # with the link: one mail

    digests = {sign_as(site, r.email) for r in signatory_rows(site, p.agreement_id)}
    final = agreement_row(site, p.agreement_id)
    assert final.status == "signed" and digests == {final.doc_hash} == {final.frozen_hash}
    assert "signée" in site.smtp.for_address(head)[-1]["Subject"]
    assert "Signée par tous" in p.student.get(base).text

    pdf = p.student.get(base + "/convention.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = "".join(text.split())
    for words in ("Léa Martin", "Menuiserie Dupont", "Mairie de Lille", "Claire Roy", "Ana Lopes",
                  "aucune rémunération", "responsabilité civile"):
        assert "".join(words.split()) in flat, words
    assert final.doc_hash in flat

    teacher, _ = teacher_of(site, UAI, p.student_email)
    export = teacher.get(base + "/journal.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[0][:5] == ["Date (UTC)", "Événement", "Rôle", "Nom", "Empreinte SHA-256 du document"]
    signed = [line for line in lines[1:] if line[1] == "Signature"]
    assert len(signed) == 6  # one voided signature, then the five
    assert {line[2] for line in signed} == {"Représentant de la structure d'accueil", "Chef d'établissement", "Élève",
                                            "Représentant légal"}
    assert {line[4] for line in signed[1:]} == {final.doc_hash} and signed[0][4] == first
    assert all(line[5] and line[6] for line in signed)  # the address and the browser
    assert any(line[1] == "Signatures annulées (document modifié)" for line in lines)


def test_one_time_codes_expire_are_single_use_and_wrong_codes_lock(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    rows = {r.role: r for r in signatory_rows(site, p.agreement_id)}
    student_row = rows["eleve"]
    token = sign_token(site, p.student_email)
    assert "Ta convention de stage est prête" in site.smtp.for_address(p.student_email)[-1]["Subject"]
    b = Browser(site)
    digest = agreement_hash_on(b.get(f"{SIGN}?t={token}").text)

    code = ask_code(site, b, token, p.student_email)
    again = b.post_form(SIGN + "/code", {"t": token})
    assert again.status_code == 400 and "dans une minute" in again.text  # resend waits a minute
    age_code(site, student_row.id, minutes=16)
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"})
    assert r.status_code == 400 and "expiré" in r.text

    code = ask_code(site, b, token, p.student_email)
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest})
    assert r.status_code == 400 and "Coche la case" in r.text  # the student is addressed with « tu »
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": "0" * 64, "accord": "1"})
    assert r.status_code == 400 and "Le document a changé" in r.text
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    for left in (4, 3, 2, 1):
        r = b.post_form(SIGN, {"t": token, "code": wrong, "empreinte": digest, "accord": "1"})
        assert r.status_code == 400 and f"Encore {left} essai" in r.text
    r = b.post_form(SIGN, {"t": token, "code": wrong, "empreinte": digest, "accord": "1"})
    assert r.status_code == 400 and "bloquée" in r.text
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"})
    assert r.status_code == 400 and "bloquée" in r.text  # even the right code, while locked
    assert (b.post_form(SIGN + "/code", {"t": token})).status_code == 400
    assert "verrouille" in event_kinds(site, p.agreement_id)

    age_code(site, student_row.id, minutes=31)
    code = ask_code(site, b, token, p.student_email)
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"})
    assert r.status_code == 200 and "Signature enregistrée" in r.text
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"})
    assert r.status_code == 400 and "déjà enregistrée" in r.text

    # After a change the same code is dead: the signature was voided and the code spent.
    browser, _email, _org, app_id = p.employers[0]
    rows = {r.role: r for r in signatory_rows(site, p.agreement_id)}
    r = browser.post_form(f"/stages/conventions/{p.agreement_id}/accueil", {
        **HOST_PART, "host": f"a{app_id}", "signer_email": rows["employeur"].email, "tutor_email": "t@entreprise.fr",
        "tutor_name": "Sam Petit"}, follow_redirects=False)
    assert r.status_code == 303
    new_digest = agreement_hash_on(b.get(f"{SIGN}?t={token}").text)
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": new_digest, "accord": "1"})
    assert r.status_code == 400 and "expiré ou a déjà servi" in r.text


def test_links_refuse_tampering_expiry_and_replacement(site, board, geocoder):
    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    p = placed_student(site, board, geocoder)
    fill_everything(site, p, new_email("ce.0590117g", "ac-lille.fr"))
    token = sign_token(site, p.student_email)
    b = Browser(site)
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    r = b.get(f"{SIGN}?t={tampered}")
    assert r.status_code == 400 and "pas valide" in r.text and r.headers["referrer-policy"] == "no-referrer"
    assert b.get(SIGN).status_code == 404
    assert b.post_form(SIGN, {"t": tampered, "code": "123456", "accord": "1"}).status_code in (400, 404)

    class Old(TimestampSigner):
        def get_timestamp(self):
            return super().get_timestamp() - 31 * 86400
    row = next(r for r in signatory_rows(site, p.agreement_id) if r.role == "eleve")
    old = URLSafeTimedSerializer(site.app.state.settings.secret_key, salt="stage-agreement-sign",
                                 signer=Old).dumps({"p": "sign", "s": row.id, "n": row.link_nonce})
    r = b.get(f"{SIGN}?t={old}")
    assert r.status_code == 400 and "expiré" in r.text

    pdf = b.get(f"{SIGN}/convention.pdf?t={token}")  # the signatory reads the PDF without an account
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b.get(f"{SIGN}/convention.pdf?t={tampered}").status_code == 404
    resent = p.student.post_form(f"/stages/conventions/{p.agreement_id}/relancer", {"signataire": str(row.id)},
                                 follow_redirects=False)
    assert resent.status_code == 303
    r = b.get(f"{SIGN}?t={token}")
    assert r.status_code == 400 and "plus valable" in r.text
    assert b.get(f"{SIGN}?t={sign_token(site, p.student_email)}").status_code == 200
    assert b.get(f"{SIGN}/convention.pdf?t={token}").status_code == 404
    # Sending links again is limited per account: a party cannot have us mail-bomb a signatory.
    allowance = site.app.state.settings.limits.typed_mails_per_person[0]
    codes = [p.student.post_form(f"/stages/conventions/{p.agreement_id}/relancer", {"signataire": str(row.id)},
                                 follow_redirects=False).status_code for _ in range(allowance)]
    assert codes == [303] * (allowance - 1) + [429]


def test_who_may_see_fill_and_export(site, board, geocoder):
    p = placed_student(site, board, geocoder)
    base = f"/stages/conventions/{p.agreement_id}"
    urls = [base, base + "/convention.pdf", base + "/journal.csv"]

    other_student = Browser(site)
    other_student.sign_in(new_email("autre"), role="lyceen", next_url="/stages")
    outsider_employer = Browser(site)
    outsider_employer.sign_in(new_email("rh", "ailleurs.fr"), role="employeur", next_url="/stages/employeur")
    other_teacher, _ = teacher_of(site, "0590001A")
    teacher, _ = teacher_of(site, UAI, p.student_email)
    admin_email = new_email("admin", "monprojetsup.fr")
    admin = Browser(site)
    admin.sign_in(admin_email)
    make_admin(site, admin_email)
    employer = p.employers[0][0]

    for who in (other_student, outsider_employer, other_teacher):
        for url in urls:
            assert who.get(url).status_code == 404, url
        assert who.post_form(base + "/eleve", {"last_name": "X"}).status_code == 404
        assert who.post_form(base + "/relancer", {"signataire": "1"}).status_code == 404
    assert Browser(site).get(base, follow_redirects=False).status_code == 303  # sign in first
    for who in (p.student, employer):
        assert who.get(base).status_code == 200 and who.get(base + "/convention.pdf").status_code == 200
        assert who.get(base + "/journal.csv").status_code == 404  # addresses of others: the school's only
    for who in (teacher, admin):
        assert [who.get(url).status_code for url in urls] == [200, 200, 200]
    assert employer.post_form(base + "/eleve", {"last_name": "Martin"}).status_code == 404
    assert teacher.post_form(base + "/accueil", {"host": "a1"}).status_code == 404
    page = teacher.get(base).text
    assert "Le chef d&#39;établissement" in page and "Tes informations" not in page
    assert f"/stages/conventions/{p.agreement_id}" in teacher.get("/stages/conventions").text
    assert f"/stages/conventions/{p.agreement_id}" in employer.get("/stages/conventions").text
    assert f"/stages/conventions/{p.agreement_id}" not in other_teacher.get("/stages/conventions").text
    assert f"/stages/conventions/{p.agreement_id}" not in outsider_employer.get("/stages/conventions").text
    for bad in (base + "x", "/stages/conventions/99999999", "/stages/conventions/-1"):
        assert p.student.get(bad).status_code == 404
    r = p.student.post_form(base + "/eleve", {"last_name": "M", "birth_date": "pas une date"})
    assert r.status_code == 400 and "Ta date de naissance" in r.text
    r = p.student.post_form(base + "/relancer", {"signataire": "abc"})
    assert r.status_code == 400


def test_no_agreement_without_a_confirmed_stage(site):
    student = Browser(site)
    student.sign_in(new_email("eleve"), role="lyceen", next_url="/stages")
    page = student.get("/stages/conventions")
    assert page.status_code == 200 and "Préparer ma convention" in page.text
    r = student.post_form("/stages/conventions")
    assert r.status_code == 400 and "stage est confirmé" in r.text


def test_the_school_head_acts_only_through_their_own_signing_link(site, board, geocoder):
    """The head has no account: their link opens their own signature and the document, and nothing else."""
    p = placed_student(site, board, geocoder)
    head = new_email("ce.0590117g", "ac-lille.fr")
    fill_everything(site, p, head)
    token = sign_token(site, head)
    b = Browser(site)
    r = b.get(f"{SIGN}?t={token}")
    assert r.status_code == 200 and "Chef d" in r.text and "Claire Roy" in r.text
    assert b.get(f"{SIGN}/convention.pdf?t={token}").status_code == 200
    base = f"/stages/conventions/{p.agreement_id}"
    # Opening the link signs nobody in: the management pages, the school's audit export and the forms stay closed.
    for url in (base, base + "/convention.pdf", base + "/journal.csv", "/stages/conventions"):
        assert b.get(url, follow_redirects=False).status_code in (303, 401, 403, 404), url
    for path, form in (("/etablissement", {"head_name": "Autre"}), ("/eleve", {"last_name": "X"}),
                       ("/relancer", {"signataire": "1"})):
        assert b.post_form(base + path, form, follow_redirects=False).status_code in (303, 401, 403, 404), path
    # Nor another agreement: the head's token names one signatory row, so another placement's page stays shut.
    other = placed_student(site, board, geocoder)
    assert b.get(f"/stages/conventions/{other.agreement_id}", follow_redirects=False).status_code in (303, 401, 403, 404)
    row = next(r for r in signatory_rows(site, p.agreement_id) if r.role == "chef")
    assert row.signed_at is None  # reading is not signing: the one-time code is still to come
