"""`mps timeline check [DIR]`: checks the timeline files before they are deployed (what the server would refuse)."""
from __future__ import annotations

import sys
from pathlib import Path

from mps.web.area import Command


def _arguments(parser) -> None:
    actions = parser.add_subparsers(dest="timeline_action", required=True)
    check = actions.add_parser("check", help="vérifie les fichiers de la frise (data/timeline/*.toml)")
    check.add_argument("directory", nargs="?", type=Path, help="dossier des fichiers (par défaut data/timeline)")


def _run(args, settings) -> int:
    from mps.domain.timeline.data import TimelineDataError, load_timeline

    try:
        years = load_timeline(args.directory)
    except TimelineDataError as exc:
        print(f"Refusé : {exc}", file=sys.stderr)
        return 1
    for name, year in sorted(years.items()):
        provisional = sum(1 for s in year.steps if s.provisional)
        print(f"{name} : {len(year.steps)} étapes, dont {provisional} à confirmer")
    return 0


TIMELINE = Command("timeline", "frise de l'orientation : vérifier les fichiers de données", _arguments, _run)
