"""The agreement's e-mails: the signing link, the one-time code, « voided, please sign again », « signed by
all ». The student is addressed with « tu », adults with « vous »."""
from __future__ import annotations

from mps.domain.stages.agreements.codes import CODE_TTL, make_link_token
from mps.domain.stages.agreements.document import ROLES, Document, document_hash, short_hash

SIGN_PATH = "/stages/conventions/signer"
FOOTER = "\n— MonProjetSup, service public d'orientation\n"


def sign_url(actor, row) -> str:
    return f"{actor.origin.rstrip('/')}{SIGN_PATH}?t={make_link_token(actor.secret, row.id, row.link_nonce)}"


def _about(doc: Document) -> str:
    return f"la convention de stage de {doc.student.full_name} ({doc.reference})"


def _about_capital(doc: Document) -> str:
    text = _about(doc)
    return text[:1].upper() + text[1:]


def invitation_mail(actor, row, doc: Document) -> tuple[str, str, str]:
    url = sign_url(actor, row)
    if row.role == "eleve":
        text = (f"Bonjour {row.name},\n\nTa convention de stage ({doc.reference}) est prête. Relis-la et signe-la "
                f"en ouvrant ce lien (valable 30 jours) :\n\n{url}\n\nUn code à 6 chiffres t'est envoyé par e-mail "
                "au moment de signer.\n")
        return row.email, "Ta convention de stage est prête à signer", text + FOOTER
    text = (f"Bonjour {row.name},\n\nVous êtes invité(e) à signer {_about(doc)}, en qualité de "
            f"{ROLES[row.role].lower()}.\n\nRelisez le document et signez-le en ouvrant ce lien (valable 30 jours, "
            f"personnel) :\n\n{url}\n\nUn code à 6 chiffres vous est envoyé par e-mail au moment de signer. Si vous "
            "n'êtes pas concerné(e), ignorez ce message.\n")
    return row.email, f"Convention de stage de {doc.student.full_name} : votre signature", text + FOOTER


def code_mail(row, doc: Document, code: str) -> tuple[str, str, str]:
    minutes = int(CODE_TTL.total_seconds() // 60)
    spaced = f"{code[:3]} {code[3:]}"
    if row.role == "eleve":
        text = (f"Ton code pour signer ta convention de stage ({doc.reference}) : {spaced}\n\nIl est valable "
                f"{minutes} minutes et ne sert qu'une fois. Ne le donne à personne.\n")
    else:
        text = (f"Votre code pour signer {_about(doc)} : {spaced}\n\nIl est valable {minutes} minutes et ne sert "
                "qu'une fois. Ne le communiquez à personne : MonProjetSup ne vous le demandera jamais.\n")
    return row.email, f"Code de signature : {spaced}", text + FOOTER


def voided_mail(actor, row, doc: Document) -> tuple[str, str, str]:
    """To a signatory whose signature a change voided: the one mail they get for it, with their link."""
    url = sign_url(actor, row)
    if row.role == "eleve":
        you = "ta signature est annulée : relis la convention et signe-la de nouveau en ouvrant ce lien"
    else:
        you = ("votre signature est annulée : merci de relire la convention et de la signer de nouveau en ouvrant "
               "ce lien")
    text = (f"Bonjour {row.name},\n\n{_about_capital(doc)} a été modifiée après les premières signatures ; "
            f"{you} :\n\n{url}\n\nNouvelle empreinte du document : {short_hash(document_hash(doc))}\n")
    return row.email, f"Convention de stage de {doc.student.full_name} : signature à refaire", text + FOOTER


def signed_mail(actor, row, doc: Document) -> tuple[str, str, str]:
    text = (f"Bonjour {row.name},\n\n{_about_capital(doc)} est signée par toutes les parties. Elle peut être "
            "téléchargée en PDF depuis MonProjetSup.\n")
    return row.email, f"Convention de stage de {doc.student.full_name} : signée", text + FOOTER


def to_fill_mail(actor, email: str, doc: Document, agreement_id: int, side: str) -> tuple[str, str, str]:
    """To a host structure's team or the student's teachers: the agreement exists, your part is waiting."""
    url = f"{actor.origin.rstrip('/')}/stages/conventions/{agreement_id}"
    part = ("le signataire, le tuteur ou la tutrice et les horaires" if side == "host"
            else "le nom et l'adresse académique du chef d'établissement")
    text = (f"Bonjour,\n\n{_about_capital(doc)} est en préparation. Merci d'y indiquer {part} :\n\n{url}\n\n"
            "Dès que tout est rempli, chaque signataire reçoit son lien de signature par e-mail.\n")
    return email, f"Convention de stage de {doc.student.full_name or 'votre stagiaire'} : à compléter", text + FOOTER
