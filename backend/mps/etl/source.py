"""Reading producers' CSV files: header checks, duplicate headers, numbered rows, rejects."""
from __future__ import annotations

import csv
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
    path: Path
    required: tuple[str, ...]
    delimiter: str = ";"

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """Yield (line number, row); raise ImportRejected naming missing columns before any row."""
        if not self.path.is_file():
            raise ImportRejected(f"Fichier introuvable : {self.path}")
        with self.path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=self.delimiter)
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
            for line, values in enumerate(reader, start=2):
                if not any(values):
                    continue
                if len(values) != width:
                    yield line, {"__error__": f"{len(values)} champs au lieu de {width}"}
                    continue
                yield line, dict(zip(header, values))


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
