"""Reading producers' CSV files: header checks, duplicate headers, numbered rows, rejects."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mps.lib.errors import ImportRejected


class BadRow(ValueError):
    """A row that cannot be imported; its message is the reason written to the reject file."""


def _dedupe(header: list[str]) -> list[str]:
    # Producers sometimes repeat a header ("Filière de formation" twice): suffix like pandas does.
    seen: dict[str, int] = {}
    out = []
    for name in header:
        name = name.strip().lstrip("\ufeff")
        if name in seen:
            seen[name] += 1
            out.append(f"{name}.{seen[name]}")
        else:
            seen[name] = 0
            out.append(name)
    return out


@dataclass
class CsvSource:
    """A producer's file, checked as a whole when opened: ImportRejected for a file that cannot be trusted
    (missing, empty, cut short, not UTF-8, binary), before anything reads a row of it."""

    path: Path
    required: tuple[str, ...]
    delimiter: str = ";"
    text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.text = self._checked_text()

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (line number, row); raise ImportRejected naming missing columns before any row, and for a
        row that breaks the CSV syntax (an unclosed quote)."""
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter, strict=True)
        try:
            try:
                header = _dedupe(next(reader))
            except StopIteration:
                raise ImportRejected(f"{self.path.name} : fichier vide") from None
            missing = [c for c in self.required if c not in header]
            if missing:
                raise ImportRejected(
                    f"{self.path.name} : colonnes manquantes : " + ", ".join(f"« {c} »" for c in missing)
                )
            width = len(header)
            for values in reader:
                if not any(values):
                    continue
                if len(values) != width:
                    yield reader.line_num, {"__error__": f"{len(values)} champs au lieu de {width}"}
                    continue
                yield reader.line_num, dict(zip(header, values))
        except csv.Error as exc:  # an unclosed quote: the rest of the file would be read as one field
            raise ImportRejected(f"{self.path.name} : ligne {reader.line_num} illisible ({exc}) : "
                                 "ce n'est pas un fichier CSV valide.") from None

    def _checked_text(self) -> str:
        if not self.path.is_file():
            raise ImportRejected(f"Fichier introuvable : {self.path}")
        raw = self.path.read_bytes()
        if not raw.strip():
            raise ImportRejected(f"{self.path.name} : fichier vide")
        if not raw.endswith((b"\n", b"\r")):
            # Producers' files end with a line break: without one, the download or copy was cut mid-line.
            last = raw.count(b"\n") + 1
            raise ImportRejected(
                f"{self.path.name} : la dernière ligne est coupée (ligne {last}, sans fin de "
                "ligne) : le fichier semble tronqué, par exemple un téléchargement interrompu. Import refusé, "
                "le catalogue en service reste en place.")
        if b"\0" in raw:
            raise ImportRejected(f"{self.path.name} : ce fichier contient des octets nuls : ce n'est pas un "
                                 "fichier texte CSV en UTF-8. Import refusé, le catalogue en service reste en place.")
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise ImportRejected(
                f"{self.path.name} : ce fichier n'est pas encodé en UTF-8 (octet illisible ligne {line}) ; "
                "un fichier enregistré en Latin-1 ou Windows-1252 doit être réenregistré en UTF-8. "
                "Import refusé, le catalogue en service reste en place.") from None


@dataclass
class Rejects:
    """Rows skipped during an import, with the reason: written to a CSV file, never dropped silently."""

    items: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, file: str, line: int, reason: str) -> None:
        self.items.append((file, line, reason))

    def write(self, path: Path) -> Path | None:
        if not self.items:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter=";")
            w.writerow(["fichier", "ligne", "raison"])
            w.writerows(self.items)
        return path


def _number(value: str, column: str) -> float | None:
    value = value.strip()
    if value == "":
        return None
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise BadRow(f"« {column} » n'est pas un nombre : {value!r}") from None


def to_int(value: str, column: str) -> int | None:
    number = _number(value, column)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise BadRow(f"« {column} » n'est pas un entier positif : {value.strip()!r}")
    return int(number)


def to_float(value: str, column: str, lo: float = 0.0, hi: float = 100.0) -> float | None:
    number = _number(value, column)
    if number is not None and not lo <= number <= hi:
        raise BadRow(f"« {column} » hors de l'intervalle {lo:g}–{hi:g} : {value.strip()!r}")
    return number
