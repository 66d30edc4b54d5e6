"""The catalogue built in memory straight from the data files, without a database (offline snapshot,
search golden corpus): the same records the app loads after `mps import`."""
from __future__ import annotations

from mps.domain.catalogue.index import Catalogue, build
from mps.etl.parcoursup import read_parcoursup
from mps.etl.reference import read_communes
from mps.etl.runner import ImportFiles
from mps.etl.source import Rejects


def catalogue_from_files(files: ImportFiles) -> Catalogue:
    rejects = Rejects()
    formations, places, aliases = read_parcoursup(files.parcoursup, rejects)
    communes = read_communes(files.communes, rejects)
    return build(1, max(p["session"] for p in places), formations, places, communes, aliases)
