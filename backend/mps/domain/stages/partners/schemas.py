"""Documents of the partner API: an offer as the site's employers describe it (OfferIn), plus the partner's
own id of it."""
from __future__ import annotations

from typing import Annotated

import msgspec

from mps.domain.stages.schemas import OfferIn, OfferOut

# Not « . » nor « .. » alone: in the address (/offers/..) every HTTP client reads them as a folder and asks for
# another resource, so an offer created with one could no longer be read, changed or deleted.
RemoteId = Annotated[str, msgspec.Meta(
    title="Identifiant de l'offre chez le partenaire",
    description="1 à 100 caractères parmi lettres, chiffres, « . », « _ », « : » et « - » (pas « . » ni « .. » "
                "seuls) ; unique dans l'organisation",
    min_length=1, max_length=100, pattern=r"^(?!\.\.?\Z)[A-Za-z0-9._:-]+\Z",
    extra={"error": "Un identifiant de 1 à 100 caractères : lettres, chiffres, « . », « _ », « : » ou « - » "
                    "(pas « . » ni « .. » seuls)."})]


class PartnerOfferIn(OfferIn, forbid_unknown_fields=True, kw_only=True):
    remote_id: RemoteId


class PartnerOfferUpdate(OfferIn, forbid_unknown_fields=True, kw_only=True):
    """PUT: the same document as POST; its remote_id, when sent, must be the one in the address."""
    remote_id: RemoteId | None = None


class PartnerOfferOut(OfferOut, kw_only=True):
    remote_id: str
    url: str  # the offer's page on the site (seen by students once published)


class PartnerOfferList(msgspec.Struct):
    total: int
    items: list[PartnerOfferOut]
    page: int = 1
    page_size: int = 100
