"""Favourites: formations and métiers kept, « pas intéressé », chosen places and the ambition check."""
from mps.domain.favourites.api import FavouritesApi
from mps.domain.favourites.pages import FavouritesPages
from mps.web.area import Area

AREA = Area(name="favourites", route_handlers=[FavouritesApi, FavouritesPages])
