"""The profile's overview (/profil): what the student said, in words, step by step."""
import re

from tests.integration.profile.steps import post_step


def _cell(page: str, title: str) -> str:
    cell = page.split(f">{title}</th>", 1)[1].split("</td>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", cell).split())


def test_the_class_alone_reads_as_a_sentence(client):
    """Seen at 375 px: « —, en terminale » when the student gave the class and skipped « où en es-tu »."""
    assert _cell(client.get("/profil").text, "Où en es-tu ?") == "—"
    post_step(client, "situation", {"classe": "terminale"})
    assert _cell(client.get("/profil").text, "Où en es-tu ?") == "En terminale"
    post_step(client, "situation", {"situation": "quelques_pistes", "classe": "premiere"})
    cell = _cell(client.get("/profil").text, "Où en es-tu ?")
    assert cell.endswith(", en première") and not cell.startswith("—"), cell


def test_metiers_are_counted_in_french(client):
    """« 1 métier(s) »: the count through the plural helper."""
    page = client.get("/profil/metiers?q=infirmier").text
    met = page.split('name="metiers" value="', 1)[1].split('"', 1)[0]
    post_step(client, "metiers", {"metiers": [met]})
    assert _cell(client.get("/profil").text, "Des métiers en tête ?") == "1 métier"
