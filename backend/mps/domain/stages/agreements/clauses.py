"""The articles of the national model of the convention de stage d'observation (seconde générale et
technologique, 3e), written from the document's data: nothing here is typed by a party, so the text cannot
drift from the model. A new wording goes with a new document.MODEL_VERSION."""
from __future__ import annotations

from typing import NamedTuple

from mps.domain.stages.agreements.document import WEEKDAYS, Document, Host
from mps.domain.stages.agreements.hours import daily_minutes, spoken
from mps.lib.french import french_day


class Article(NamedTuple):
    title: str
    paragraphs: tuple[str, ...]


LEVEL = {"seconde": "séquence d'observation en milieu professionnel de seconde générale et technologique",
         "3e": "séquence d'observation en milieu professionnel des élèves de 3e"}
TEXTS = {"seconde": "articles L. 124-1, L. 332-3-1 et D. 331-1 à D. 331-4 du code de l'éducation ; note de service "
                    "relative au stage de seconde générale et technologique",
         "3e": "articles L. 332-3 et D. 332-14 du code de l'éducation ; articles L. 4153-1 à L. 4153-9 du code du travail"}


def timetable(h: Host) -> str:
    s = h.schedule
    days = ", ".join(WEEKDAYS[d] for d in WEEKDAYS if d in s.days)
    return (f"{h.organisation} : du {french_day(h.starts_on, year=True)} au {french_day(h.ends_on, year=True)}, les {days}, "
            f"de {s.start.replace(':', ' h ')} à {s.end.replace(':', ' h ')}, pause de {s.pause_minutes} minutes, "
            f"soit {spoken(daily_minutes(s))} de présence par jour.")


def articles(doc: Document) -> list[Article]:
    student = doc.student.full_name or "l'élève"
    hosts = " et ".join(h.organisation for h in doc.hosts) or "la structure d'accueil"
    two = len(doc.hosts) > 1
    return [
        Article("Article 1 – Objet", (
            f"La présente convention règle les rapports entre {hosts}, l'établissement scolaire "
            f"{doc.school.name} (UAI {doc.school.uai}), l'élève {student} et son représentant légal, pour "
            f"l'organisation d'une {LEVEL.get(doc.niveau, LEVEL['seconde'])} ({TEXTS.get(doc.niveau, TEXTS['seconde'])}).",
            "La séquence se déroule dans deux structures d'accueil, une semaine dans chacune ; chacune signe la "
            "convention pour la semaine qu'elle accueille." if two else
            "La séquence se déroule dans une seule structure d'accueil.")),
        Article("Article 2 – Objectifs pédagogiques", (
            "La séquence d'observation a pour objectif de sensibiliser l'élève à l'environnement technologique, "
            "économique et professionnel, de lui faire découvrir des métiers et des parcours, et de l'aider à "
            "construire son projet d'orientation.",
            "L'élève observe et découvre : il ou elle ne peut accomplir aucune tâche de production, ni aucun travail "
            "qui engagerait la responsabilité de la structure d'accueil. Il ou elle ne peut ni utiliser de machine "
            "ou de produit dangereux, ni effectuer de travaux interdits aux mineurs.")),
        Article("Article 3 – Statut de l'élève", (
            "Pendant la séquence, l'élève demeure sous statut scolaire et reste sous l'autorité et la "
            "responsabilité du chef d'établissement scolaire.",
            "L'élève ne perçoit aucune rémunération ni gratification de la structure d'accueil.",
            "L'élève est soumis au règlement intérieur de la structure d'accueil, notamment en matière de sécurité, "
            "d'horaires et de discipline.")),
        Article("Article 4 – Dates et horaires", tuple(timetable(h) for h in doc.hosts) + (
            "Élève mineur : 7 heures par jour et 35 heures par semaine au plus, pause de 30 minutes au moins "
            "au-delà de 4 h 30 de présence, deux jours de repos par semaine, aucun travail de nuit.",)),
        Article("Article 5 – Tutorat", tuple(
            f"{h.organisation} désigne {h.tutor.name}{', ' + h.tutor.function if h.tutor.function else ''} "
            "comme tuteur ou tutrice, chargé d'accueillir l'élève et de le suivre pendant la séquence."
            for h in doc.hosts) + (
            "Le chef d'établissement et l'équipe pédagogique restent joignables pendant toute la durée de la "
            "séquence ; toute difficulté leur est signalée sans délai.",)),
        Article("Article 6 – Responsabilité et assurance", (
            "La structure d'accueil souscrit une assurance couvrant sa responsabilité civile pour les dommages "
            "causés à l'élève ou par l'élève du fait de ses activités.",
            "Le chef d'établissement s'assure que la responsabilité civile de l'élève est couverte pour les dommages "
            "qu'il ou elle pourrait causer pendant la séquence, et que l'établissement a contracté les assurances "
            "nécessaires.",
            "En cas d'accident survenu à l'élève, au lieu de la séquence ou sur le trajet, la structure d'accueil "
            "le déclare au chef d'établissement dans la journée.")),
        Article("Article 7 – Repas et transport", (
            "Les frais de repas et de transport de l'élève sont à la charge de sa famille.",
            "L'élève se rend directement au lieu de la séquence et en revient dans les conditions habituelles de "
            "ses trajets scolaires.")),
        Article("Article 8 – Suspension et fin", (
            "Le chef d'établissement et le responsable de la structure d'accueil se tiennent informés de toute "
            "difficulté ; ils peuvent mettre fin à la séquence en cas de manquement grave, après en avoir "
            "informé l'élève et son représentant légal.",)),
    ]
