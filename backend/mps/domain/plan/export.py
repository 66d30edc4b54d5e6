"""The plan as files: CSV for a spreadsheet (UTF-8 with BOM, `;`), ICS for a calendar."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event

from mps.lib.spreadsheet import safe_cell
from mps.domain.timeline.data import Step
from mps.domain.plan.schemas import Plan

CSV_HEADER = ("Rang", "Vœu", "Statut", "Type", "Sous-vœux comptés dans les 20", "Établissement", "Commune",
              "Département", "Option", "Ambition", "Déjà ajouté sur Parcoursup", "Lien Parcoursup", "Lien ONISEP",
              "Note")



def plan_csv(plan: Plan) -> bytes:
    """One line per establishment (sub-wish), one per wish without an establishment yet, each with its own
    « déjà ajouté sur Parcoursup ». Notes only as the
    plan holds them: the student's own, or those they shared."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for w in plan.wishes:
        kind = "vœu multiple" if w.multiple else "vœu (peut-être multiple : à vérifier)" if w.to_check else "vœu"
        counted = ("oui" if w.sub_wishes_counted else "non") if w.multiple else ""
        common = (w.rank, w.label, w.status_label, kind, counted)
        for p in w.places or [None]:
            where = (p.etablissement, p.commune, p.departement_code, p.option, p.position_label) if p else \
                ("à choisir", "", "", "", "")
            added = p.on_parcoursup if p else w.on_parcoursup  # each wish / sub-wish its own mark
            row = (*common, *where, "oui" if added else "non", p.parcoursup_url if p else "", w.onisep_url,
                   w.note or "")
            writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def plan_ics(steps: list[Step], session: int) -> bytes:
    """The timeline's Parcoursup steps as all-day events a calendar app imports (stable UIDs: importing twice
    updates them)."""
    cal = Calendar()
    cal.add("prodid", "-//MonProjetSup//Mes voeux//FR")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Parcoursup {session} – MonProjetSup")
    for s in steps:
        event = Event()
        event.add("uid", f"{s.key}@monprojetsup")
        event.add("dtstamp", datetime.combine(s.checked, datetime.min.time(), timezone.utc))  # same data, same file
        event.add("dtstart", s.start)
        event.add("dtend", s.end + timedelta(days=1))
        event.add("summary", f"Parcoursup : {s.title}")
        event.add("description", ("Date à confirmer sur parcoursup.gouv.fr. " if s.provisional else "")
                  + (f"Dernier jour le {s.end:%d/%m/%Y} à 23 h 59 (heure de Paris). " if s.deadline else "")
                  + s.text)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()

