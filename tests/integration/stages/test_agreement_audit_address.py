"""The audit trail's address is the visitor's: behind the trusted proxy, the one it forwards; from any other
peer, a forwarded address the visitor wrote is not believed (mps/web/proxies.py)."""
from __future__ import annotations

import csv
import dataclasses
import io

from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from tests.integration.stages.agreement_helpers import (UAI, ask_code, fill_everything, placed_student, sign_token,
                                                        signatory_rows, teacher_of)
from tests.integration.stages.test_agreements import SIGN, agreement_hash_on
from tests.peer import peer

PROXY = "10.0.0.5"


def _sign(client, address: str, forwarded_for: str) -> None:
    b, token = Browser(client), sign_token(client, address)
    headers = {"x-forwarded-for": forwarded_for, "user-agent": "Navigateur de test/1.0"}
    digest = agreement_hash_on(b.get(f"{SIGN}?t={token}", headers=headers).text)
    code = ask_code(client, b, token, address)
    r = b.post_form(SIGN, {"t": token, "code": code, "empreinte": digest, "accord": "1"}, headers=headers)
    assert r.status_code == 200 and "Signature enregistrée" in r.text


def test_signatures_are_recorded_with_the_visitors_address(catalogue_db, smtp, tmp_path, board, geocoder):
    settings = site_settings(catalogue_db, tmp_path, smtp.port)
    with make_site(dataclasses.replace(settings, trusted_proxies=(PROXY,))) as client:
        client.smtp = smtp
        with peer(client, PROXY):
            p = placed_student(client, board, geocoder)
            fill_everything(client, p, new_email("ce.0590117g", "ac-lille.fr"))
            _sign(client, p.student_email, "198.51.100.7")
        with peer(client, "192.0.2.50"):  # not a proxy: what it writes in X-Forwarded-For is ignored
            guardian = next(r for r in signatory_rows(client, p.agreement_id) if r.role == "representant")
            _sign(client, guardian.email, "198.51.100.99")
        teacher, _ = teacher_of(client, UAI, p.student_email)
        export = teacher.get(f"/stages/conventions/{p.agreement_id}/journal.csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    signed = {line[2]: (line[5], line[6]) for line in rows[1:] if line[1] == "Signature"}
    assert signed == {"Élève": ("198.51.100.7", "Navigateur de test/1.0"),
                      "Représentant légal": ("192.0.2.50", "Navigateur de test/1.0")}
