"""`mps snapshot`: the offline catalogue document, built from the data files (no database needed)."""
from __future__ import annotations

import argparse
from pathlib import Path

from mps.web.area import Command


def _from_files(settings):
    from mps.etl.memory import catalogue_from_files
    from mps.etl.runner import ImportFiles
    return catalogue_from_files(ImportFiles.from_data_dir(settings.paths.data_dir))


def _snapshot_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="fichier JSON à écrire")


def _snapshot(args, settings) -> int:
    import msgspec

    from mps.domain.catalogue.snapshot import build_snapshot
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(msgspec.json.encode(build_snapshot(_from_files(settings))))
    print(f"Catalogue hors ligne écrit dans {args.out}")
    return 0


COMMANDS = [
    Command("snapshot", "écrit le catalogue hors ligne (JSON) construit à partir des fichiers de données",
            _snapshot_arguments, _snapshot),
]
