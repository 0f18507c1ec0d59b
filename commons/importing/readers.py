"""Reading import files into (position, raw mapping) pairs, with clear French errors.

A reader never raises anything but ImportFileError: wrong encodings, broken JSON and missing
columns are reported as a sentence that names the line, not as a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

FORMATS = ("csv", "json", "geojson")
MAX_FILE_BYTES = 50 * 1024 * 1024
NAME_COLUMNS = ("name", "nom", "title", "titre")


class ImportFileError(Exception):
    """The file as a whole cannot be read; nothing was imported."""


@dataclass(frozen=True)
class RawRow:
    position: str  # "ligne 12" or "élément 3", for the report
    values: dict[str, Any]


def decode(content: bytes, *, encoding: str) -> str:
    try:
        text = content.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except LookupError:
        raise ImportFileError(
            _("Encodage inconnu : %(encoding)s.") % {"encoding": encoding}
        ) from None
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Le fichier n'est pas encodé en %(encoding)s (octet invalide ligne %(line)s). "
                "Enregistrez-le en UTF-8, ou indiquez son encodage avec --encoding."
            )
            % {"encoding": encoding.upper(), "line": line}
        ) from None
    return text.replace("\x00", "")


CSV_DELIMITERS = (",", ";", "\t")


def header_delimiter(text: str) -> str:
    """The delimiter of the header line (comma, semicolon or tab, the most frequent outside
    quotes); the data rows are never sampled, so quotes and newlines in cells cannot fool it."""
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for character in text:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in ("\n", "\r"):
            break
        elif not quoted and character in counts:
            counts[character] += 1
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_csv(text: str) -> Iterator[RawRow]:
    """RFC 4180 CSV (quoted cells may hold delimiters, quotes and newlines)."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=header_delimiter(text))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError(_("Le fichier est vide.")) from None
    except csv.Error as error:
        raise ImportFileError(_("CSV illisible : %(error)s") % {"error": error}) from None
    columns = [column.strip().lstrip("\ufeff").lower() for column in header]
    if not any(column in NAME_COLUMNS for column in columns):
        raise ImportFileError(
            _(
                "Colonne obligatoire manquante : « name » (ou « nom »). "
                "Colonnes trouvées : %(found)s."
            )
            % {"found": ", ".join(columns) or "—"}
        )
    line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ImportFileError(
                _("CSV illisible à la ligne %(line)s : %(error)s")
                % {"line": reader.line_num, "error": error}
            ) from None
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns):
            yield RawRow(
                _("ligne %(line)s") % {"line": start},
                {
                    "__error__": _("%(count)s cellules pour %(columns)s colonnes.")
                    % {"count": len(cells), "columns": len(columns)}
                },
            )
            continue
        yield RawRow(_("ligne %(line)s") % {"line": start}, dict(zip(columns, cells, strict=False)))


def _load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("JSON invalide ligne %(line)s, colonne %(column)s : %(message)s.")
            % {"line": error.lineno, "column": error.colno, "message": error.msg}
        ) from None


def read_json(text: str) -> Iterator[RawRow]:
    """A list of elements, or an object whose "data" (GoGoCarto) or "elements" holds them."""
    data = _load_json(text)
    if isinstance(data, dict):
        data = data.get("data", data.get("elements"))
    if not isinstance(data, list):
        raise ImportFileError(
            _("Le JSON doit être une liste d'éléments, ou un objet avec une clé « data ».")
        )
    for index, element in enumerate(data, start=1):
        position = _("élément %(number)s") % {"number": index}
        if not isinstance(element, dict):
            yield RawRow(position, {"__error__": _("Un élément doit être un objet JSON.")})
            continue
        yield RawRow(position, flatten_gogocarto(element))


def flatten_gogocarto(element: dict) -> dict:
    """GoGoCarto writes ``geo{latitude, longitude}`` and ``address{streetAddress,
    addressLocality, postalCode}``; flat keys (our older exports, GoGoCarto's import format)
    win when both are present."""
    values = dict(element)
    geo = values.get("geo")
    if isinstance(geo, dict):
        values.setdefault("latitude", geo.get("latitude"))
        values.setdefault("longitude", geo.get("longitude"))
    address = values.get("address")
    if isinstance(address, dict):
        for key in ("streetAddress", "addressLocality", "postalCode"):
            if key in address:
                values.setdefault(key, address[key])
    return values


def read_geojson(text: str) -> Iterator[RawRow]:
    data = _load_json(text)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ImportFileError(_("Le GeoJSON doit être une FeatureCollection."))
    features = data.get("features")
    if not isinstance(features, list):
        raise ImportFileError(_("La FeatureCollection n'a pas de liste « features »."))
    for index, feature in enumerate(features, start=1):
        position = _("entité %(number)s") % {"number": index}
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            yield RawRow(position, {"__error__": _("Entité sans propriétés.")})
            continue
        values = dict(feature["properties"])
        geometry = feature.get("geometry")
        if geometry:
            coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
            if (
                not isinstance(geometry, dict)
                or geometry.get("type") != "Point"
                or not isinstance(coordinates, list)
                or len(coordinates) < 2
            ):
                yield RawRow(
                    position, {"__error__": _("Seules les géométries Point sont acceptées.")}
                )
                continue
            values["longitude"], values["latitude"] = coordinates[0], coordinates[1]
        yield RawRow(position, values)


def read_rows(content: bytes, *, file_format: str, encoding: str = "utf-8") -> Iterator[RawRow]:
    if file_format not in FORMATS:
        raise ImportFileError(_("Format inconnu : %(format)s.") % {"format": file_format})
    if len(content) > MAX_FILE_BYTES:
        raise ImportFileError(_("Le fichier dépasse 50 Mo : découpez-le."))
    text = decode(content, encoding=encoding)
    if not text.strip():
        raise ImportFileError(_("Le fichier est vide."))
    reader = {"csv": read_csv, "json": read_json, "geojson": read_geojson}[file_format]
    return reader(text)
