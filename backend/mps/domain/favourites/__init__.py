"""Favourites: formations and métiers, ambition, chosen places, notes, « pas intéressé », ambition check."""
