"""One search, not two that drift: the server's search still gives the golden corpus, and the document
node's test runs the offline search on (`mps snapshot`) is the one the server sends to devices."""
import json

import msgspec

from mps.domain.catalogue.snapshot import build_snapshot
from tests.integration.catalogue.golden import GOLDEN, answer


def test_server_search_gives_the_golden_corpus(app_client):
    cat = app_client.app.state.catalogue.current
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert len(golden) >= 150 and sum(c["error"] for c in golden) >= 2  # errors are compared too
    assert sum("ville" in c["params"] or "near" in c["params"] or "departement" in c["params"] for c in golden) >= 8
    differ = [c["params"] for c in golden if answer(cat, c["params"]) != c]
    assert not differ, f"{len(differ)} cases differ (after an intended change: bench/search_golden.py): {differ[:5]}"


def test_the_offline_test_reads_the_document_devices_get(app_client, shipped_catalogue):
    served = app_client.get("/api/v1/catalogue/snapshot", headers={"Accept-Encoding": "identity"}).json()
    built = json.loads(msgspec.json.encode(build_snapshot(shipped_catalogue)))
    for doc in (served, built):
        doc.pop("version")
    assert served == built
