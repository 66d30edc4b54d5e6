"""A secret kept in a file of its own under var/: created once, mode 0600, never seen half-written."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def read_or_create(path: Path, make: Callable[[], str]) -> str:
    """The file's text; on first use `make()` is written to a private temporary file (mkstemp: mode 0600)
    then linked into place, so another process never reads it half-written and the first writer wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(make())
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)  # one created by an older version, readable by others
    return path.read_text()
