"""The open-data files the product ships, with their producers and licences (shown on /sources)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    key: str
    path: str  # relative to the data folder
    title: str
    producer: str
    published: str
    licence: str
    licence_url: str
    use: str


LO = ("Licence Ouverte 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
ODBL = ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/")

DATASETS = (
    Dataset("parcoursup", "parcoursup/fr-esr-parcoursup_2023.csv",
            "Parcoursup 2023 – vœux de poursuite d'études et de réorientation dans l'enseignement supérieur",
            "MESR-SIES / Parcoursup", "session 2023", *LO,
            "Le catalogue des formations, leurs établissements et leurs chiffres clés."),
    Dataset("specialites", "specialites/fr-esr-parcoursup-enseignements-de-specialite-bacheliers-generaux.csv",
            "Parcoursup – enseignements de spécialité des bacheliers généraux",
            "MESR / Parcoursup", "bacs 2021 à 2024", *LO,
            "Les familles de formations choisies selon les spécialités."),
    Dataset("communes", "geo/communes-departement-region.csv",
            "Communes de France avec code postal, département, région et coordonnées",
            "La Poste / data.gouv.fr", "2023", *LO, "Trouver une ville ou un code postal sans réseau."),
    Dataset("lycees", "annuaire/fr-en-annuaire-education_lycees.csv", "Annuaire de l'éducation – lycées",
            "MENJ", "2024", *LO, "Les lycées des classes suivies par les professeurs."),
    Dataset("metiers", "onisep/ideo-metiers_onisep_2025-02.csv", "Idéo – fiches métiers",
            "ONISEP", "février 2025", *ODBL,
            "Les métiers, leurs domaines et codes ROME (couche ONISEP, sous ODbL)."),
    Dataset("metiers_descriptions", "onisep/onisep-metiers-descriptions.csv", "Descriptions des métiers",
            "ONISEP", "2024", *ODBL, "La présentation en quelques lignes de chaque métier (couche ONISEP, sous ODbL)."),
    Dataset("formations_onisep", "onisep/ideo-formations_initiales_en_france_2022-05.csv",
            "Idéo – formations initiales en France", "ONISEP", "mai 2022", *ODBL,
            "Les domaines des formations, pour relier intérêts et formations (couche ONISEP, sous ODbL)."),
    Dataset("liens_onisep", "onisep/mps-liens-onisep.json",
            "Liens entre le classement ONISEP, les domaines du profil et les familles du catalogue",
            "MonProjetSup, d'après ONISEP Idéo", "2025", *ODBL,
            "Relier un métier aux formations qui y mènent (couche ONISEP, sous ODbL)."),
    Dataset("series", "suggestions/series.json", "Poursuites d'études de chaque série de bac technologique",
            "MonProjetSup, d'après les fiches bacs de l'ONISEP et les programmes du ministère de l'Éducation nationale",
            "2025", "MIT", "https://opensource.org/licenses/MIT",
            "Tenir compte de ta série et de tes spécialités de bac technologique dans les suggestions."),
    Dataset("bac_pro", "suggestions/bac_pro.json", "Poursuites d'études de chaque spécialité de bac professionnel",
            "MonProjetSup, d'après les fiches bacs pro de l'ONISEP, les familles de métiers de l'Éducation nationale "
            "et les référentiels des BTS", "2026", "MIT", "https://opensource.org/licenses/MIT",
            "Proposer d'abord les BTS qui prolongent la spécialité de ton bac pro."),
    Dataset("colleges_ep", "annuaire/Liste_etablissements_colleges_lycees_zone_ep.csv",
            "Collèges et lycées avec leur zone d'éducation prioritaire (REP, REP+)", "d'après le MENJ", "2022", *LO,
            "Reconnaître les collèges REP et REP+ : leurs élèves voient les offres de stage en avant-première."),
    Dataset("colleges_rep_points", "annuaire/colleges-rep-geolocalises.csv", "Collèges REP et REP+ géolocalisés",
            "d'après le MENJ", "2022", *LO, "Placer les collèges REP et REP+ sur la carte des stages."),
    Dataset("secteurs", "stages/secteurs.json", "Secteurs d'activité des stages", "1élève1stage", "2024",
            "MIT", "https://opensource.org/licenses/MIT", "Les 51 secteurs des offres de stage."),
    Dataset("secteurs_domaines", "stages/secteurs-domaines.json", "Liens entre secteurs de stage et domaines du profil",
            "MonProjetSup", "2026", "MIT", "https://opensource.org/licenses/MIT",
            "Mettre en avant les stages proches de tes métiers et domaines favoris."),
    Dataset("referentiel", "onisep/referentiel-bacs-specialites-interets-domaines.json",
            "Référentiel bacs, spécialités, centres d'intérêt et domaines", "MonProjetSup",
            "2024", "MIT", "https://opensource.org/licenses/MIT", "Les listes proposées dans ton profil."),
)


def dataset(key: str) -> Dataset:
    return next(d for d in DATASETS if d.key == key)
