"""What the feedback form sends, checked by one Struct (labels and error sentences included)."""
from __future__ import annotations

from typing import Annotated, Literal

import msgspec

TEXT_MAX = 2000
PAGE_MAX = 300


class FeedbackIn(msgspec.Struct, kw_only=True):
    rating: Annotated[Literal[1, 2, 3, 4, 5], msgspec.Meta(
        title="Note", description="Note obligatoire, de 5 (très bien) à 1 (pas du tout).",
        extra={"error": "Choisis une note de 1 à 5."})]
    text: Annotated[str, msgspec.Meta(
        max_length=TEXT_MAX, title="Ce qui t’a plu, ce qui t’a manqué",
        description=f"{TEXT_MAX} caractères au maximum. N’écris pas d’informations personnelles (nom, e-mail, téléphone).",
        )] = ""
    page: Annotated[str, msgspec.Meta(max_length=PAGE_MAX)] = ""
