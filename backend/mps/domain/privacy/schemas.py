"""What the « Tout supprimer » form sends: an explicit confirmation."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec


class EraseIn(msgspec.Struct, kw_only=True):
    confirm: Annotated[Literal["oui"], msgspec.Meta(
        title="Je comprends que tout sera supprimé définitivement.",
        extra={"error": "Coche la case pour confirmer : la suppression est définitive."})]
