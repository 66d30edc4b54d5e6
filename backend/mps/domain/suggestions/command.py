"""`mps suggest --profile FILE [--limit N] [--json]`: suggestions for a profile JSON file."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import msgspec

from mps.lib.errors import UserFacingError
from mps.web.area import Command


def _arguments(p) -> None:
    p.add_argument("--profile", type=Path, required=True, help="fichier JSON du profil ('-' pour l'entrée standard)")
    p.add_argument("--limit", type=int, default=20, help="nombre de formations (1 à 50, 20 par défaut)")
    p.add_argument("--json", action="store_true", help="sortie JSON {\"suggestions\": [...]}")



async def _run(settings, raw: bytes, limit: int):
    from mps.db.engine import make_engine
    from mps.domain.catalogue.index import load
    from mps.domain.profile.referential import load_referential
    from mps.domain.profile.schemas import decode_profile
    from mps.domain.suggestions.engine import suggest
    from mps.domain.suggestions.model import load_model

    engine = make_engine(settings.database.url)
    try:
        cat = await load(engine)
        if cat is None:
            raise UserFacingError("le catalogue est vide : lance d'abord « mps import ».")
        model = await load_model(engine, cat)
    finally:
        await engine.dispose()
    profile = decode_profile(raw, load_referential(), model.metiers or None)
    return suggest(model, cat, profile, limit=limit)


def _suggest(args, settings) -> int:
    from mps.domain.suggestions.schemas import SuggestionsResponse

    if not 1 <= args.limit <= 50:
        raise UserFacingError("--limit : attendu un entier entre 1 et 50.")
    try:
        raw = sys.stdin.buffer.read() if str(args.profile) == "-" else args.profile.read_bytes()
    except OSError as exc:
        raise UserFacingError(f"--profile : fichier illisible ({exc.strerror}).") from None
    suggestions = asyncio.run(_run(settings, raw, args.limit))
    if args.json:
        sys.stdout.write(msgspec.json.encode(SuggestionsResponse(suggestions)).decode() + "\n")
        return 0
    for rank, s in enumerate(suggestions, 1):
        print(f"{rank:2}. {s.label}  (score {s.score:.3f})")
        for e in s.explanations:
            print(f"      · {e.text}")
        for p in s.places[:3]:
            dist = f" — {p.distance_km:.0f} km" if p.distance_km is not None else ""
            print(f"      > {p.etablissement}, {p.commune}{dist}")
    return 0


SUGGEST = Command("suggest", "suggère des formations pour un profil (fichier JSON)", _arguments, _suggest)
