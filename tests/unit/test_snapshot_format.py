"""The offline search reads the snapshot format the server writes: a bump on one side only leaves every device
without its offline catalogue (the reader keeps « what works », i.e. nothing on a first visit)."""
import re
from pathlib import Path

from mps.domain.catalogue.snapshot import FORMAT

READER = Path(__file__).resolve().parents[2] / "frontend" / "static" / "js" / "lib" / "catalogue.js"


def test_the_offline_reader_reads_the_format_the_server_writes():
    found = re.search(r"^const FORMAT = (\d+);", READER.read_text(encoding="utf-8"), re.MULTILINE)
    assert found, "catalogue.js must declare the snapshot format it reads"
    assert int(found.group(1)) == FORMAT
