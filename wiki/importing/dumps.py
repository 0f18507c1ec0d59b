"""Reading MediaWiki XML export files: compression, schema, and a check pass before writing.

The check pass streams the whole dump once (mwxml, constant memory except the set of revision
ids) so that a truncated file, a wrong schema, a page without revisions or a duplicate revision
id is refused before anything is written.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import mwxml

SUPPORTED_SCHEMAS = ("0.10", "0.11")
_MAGIC = {
    b"\x1f\x8b": "gz",
    b"BZh": "bz2",
    b"\xfd7zXZ\x00": "xz",
}
_UNKNOWN_MAGIC = {
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"PK\x03\x04": "zip",
    b"\x04\x22\x4d\x18": "lz4",
}


class DumpError(Exception):
    """A dump that cannot be imported; the message names the file and the place."""


@dataclass
class DumpCheck:
    path: str
    schema: str
    site_name: str
    wiki_id: str
    namespaces: dict[int, str]
    pages: int = 0
    revisions: int = 0
    pages_by_namespace: dict[int, int] = field(default_factory=dict)


def _compression(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(8)
    for magic, kind in _MAGIC.items():
        if head.startswith(magic):
            return kind
    for magic, kind in _UNKNOWN_MAGIC.items():
        if head.startswith(magic):
            raise DumpError(
                f"{path} : compression inconnue ({kind}) ; formats acceptés : XML brut, "
                ".gz, .bz2, .xz."
            )
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head and not stripped.startswith(b"<") and stripped == head.lstrip():
        if path.suffix.lower() not in (".xml", ""):
            raise DumpError(
                f"{path} : compression inconnue (extension {path.suffix}) ; formats acceptés : "
                "XML brut, .gz, .bz2, .xz."
            )
        raise DumpError(f"{path} : ce n'est pas un fichier XML (ligne 1).")
    return None


@contextmanager
def open_dump(path: str | Path) -> Iterator[io.BufferedIOBase]:
    """The dump's bytes, decompressed on the fly."""
    path = Path(path)
    if not path.is_file():
        raise DumpError(f"{path} : fichier introuvable.")
    kind = _compression(path)
    opener = {"gz": gzip.open, "bz2": bz2.open, "xz": lzma.open}.get(kind, open)
    handle = opener(path, "rb")
    try:
        yield handle
    finally:
        handle.close()


def _describe_parse_error(path: Path, error: Exception) -> str:
    position = getattr(error, "position", None)
    where = f"ligne {position[0]}, colonne {position[1]}" if position else "position inconnue"
    text = str(error)
    if "no element found" in text or "unclosed token" in text:
        return f"{path} : fichier tronqué ou XML incomplet ({where})."
    return f"{path} : XML invalide ({where}) : {text}."


def read_dump(handle, path: Path) -> mwxml.Dump:
    try:
        dump = mwxml.Dump.from_file(handle)
    except ElementTree.ParseError as error:
        raise DumpError(_describe_parse_error(path, error)) from None
    except (EOFError, OSError, lzma.LZMAError) as error:
        raise DumpError(f"{path} : fichier compressé illisible ou tronqué ({error}).") from None
    except Exception as error:  # mwxml raises bare errors on a root that is not <mediawiki>
        raise DumpError(f"{path} : ce n'est pas un export MediaWiki ({error}).") from None
    return dump


def schema_of(path: Path) -> str:
    """The export schema version, from the root element's attributes."""
    with open_dump(path) as handle:
        try:
            for _event, element in ElementTree.iterparse(handle, events=("start",)):
                tag = element.tag.rsplit("}", 1)[-1]
                if tag != "mediawiki":
                    raise DumpError(
                        f"{path} : ce n'est pas un export MediaWiki (élément racine <{tag}>)."
                    )
                version = element.get("version") or element.tag.partition("export-")[2][:4]
                return version.rstrip("/}")
        except ElementTree.ParseError as error:
            raise DumpError(_describe_parse_error(path, error)) from None
        except (EOFError, OSError, lzma.LZMAError) as error:
            raise DumpError(f"{path} : fichier compressé illisible ou tronqué ({error}).") from None
    raise DumpError(f"{path} : fichier vide.")


def namespaces_of(dump: mwxml.Dump) -> dict[int, str]:
    namespaces = {}
    for namespace in dump.site_info.namespaces or []:
        namespaces[int(namespace.id)] = namespace.name or ""
    return namespaces


def check_dump(path: str | Path, *, seen_revision_ids: set[int] | None = None) -> DumpCheck:
    """Stream the dump once and refuse it, naming the place, if it cannot be imported whole."""
    path = Path(path)
    schema = schema_of(path)
    if schema not in SUPPORTED_SCHEMAS:
        raise DumpError(
            f"{path} : schéma d'export {schema} non pris en charge "
            f"(pris en charge : {', '.join(SUPPORTED_SCHEMAS)})."
        )
    seen = seen_revision_ids if seen_revision_ids is not None else set()
    with open_dump(path) as handle:
        dump = read_dump(handle, path)
        check = DumpCheck(
            path=str(path),
            schema=schema,
            site_name=dump.site_info.name or "",
            wiki_id=dump.site_info.dbname or dump.site_info.name or "",
            namespaces=namespaces_of(dump),
        )
        title = None
        try:
            for page in dump:
                title = page.title
                count = 0
                for revision in page:
                    if revision.id in seen:
                        raise DumpError(
                            f"{path} : page « {page.title} » : la révision {revision.id} "
                            "apparaît deux fois dans l'export."
                        )
                    seen.add(revision.id)
                    count += 1
                if count == 0:
                    raise DumpError(f"{path} : page « {page.title} » : aucune révision.")
                check.pages += 1
                check.revisions += count
                namespace = int(page.namespace or 0)
                check.pages_by_namespace[namespace] = check.pages_by_namespace.get(namespace, 0) + 1
        except ElementTree.ParseError as error:
            after = f" (après la page « {title} »)" if title else ""
            raise DumpError(_describe_parse_error(path, error)[:-1] + after + ".") from None
        except (EOFError, lzma.LZMAError) as error:
            raise DumpError(f"{path} : fichier compressé tronqué ({error}).") from None
        except DumpError:
            raise
        except Exception as error:
            raise DumpError(f"{path} : export illisible près de « {title} » ({error}).") from None
    return check
