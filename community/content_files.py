"""Content kept in files rather than in Python: Markdown with a front matter, and YAML.

The demo territory lives in ``demo/`` so that a facilitator preparing a workshop can edit it
without reading Python. Every mistake is reported in French, naming the file, the line when
YAML knows it, and what was expected; readers check everything before anything is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

FRONT_MATTER_FENCE = "---"
# PyYAML's most frequent complaints, as a facilitator would understand them.
YAML_PROBLEMS = {
    "mapping values are not allowed here": "un « : » inattendu",
    "could not find expected ':'": "il manque « : » après le nom d'un champ",
    "found character '\\t' that cannot start any token": "une tabulation (mettez des espaces)",
    "found unexpected end of stream": "un guillemet qui n'est pas refermé",
    "found duplicate anchor": "deux fois le même repère « & »",
}
YES = {"oui", "vrai", "yes", "true"}
NO = {"non", "faux", "no", "false"}


class ContentFileError(ValueError):
    """A content file that cannot be read: the message names the file and says what to fix."""

    def __init__(self, path: Path | str, message: str):
        self.path = path
        super().__init__(f"{display_path(path)} : {message}")


def display_path(path: Path | str) -> str:
    """The path as a facilitator sees it: relative to the project when it is inside."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return str(path)


def demo_directory(directory: Path | str | None = None) -> Path:
    """The folder of the demo territory: ``demo/`` in the project unless another is given."""
    return Path(directory) if directory else Path(settings.BASE_DIR) / "demo"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentFileError(path, "fichier introuvable.") from None
    except UnicodeDecodeError:
        raise ContentFileError(path, "le fichier doit être enregistré en UTF-8.") from None
    except OSError as error:
        raise ContentFileError(path, f"lecture impossible ({error.strerror}).") from None


# libyaml's parser when PyYAML was built with it (ten times faster on the demo's files); the
# pure-Python one reads a file that failed again, for its error messages (YAML_PROBLEMS).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(path: Path, text: str, *, first_line: int = 1) -> Any:
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"ligne {mark.line + first_line}, colonne {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        if problem.startswith("expected <block end>"):
            problem = "une ligne mal alignée avec les précédentes"
        problem = YAML_PROBLEMS.get(problem, problem)
        hint = (
            " Astuce : une valeur qui contient « : » ou qui commence par « # », « [ », « { » "
            "ou un guillemet s'écrit entre guillemets doubles."
        )
        raise ContentFileError(
            path, f"YAML invalide {where} ({problem}).{hint}".replace("  ", " ")
        ) from None


def read_yaml(path: Path) -> Any:
    """The data of a YAML file (``safe_load``: no Python objects)."""
    return _parse_yaml(path, _read_text(path))


def read_markdown(path: Path) -> tuple[Mapping[str, Any], str]:
    """A Markdown file with a front matter: its fields between two ``---`` lines, and its text."""
    text = _read_text(path).lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        raise ContentFileError(
            path,
            "le fichier doit commencer par une ligne « --- », puis les champs (titre, auteur…), "
            "puis une autre ligne « --- », puis le texte.",
        )
    closing = [number for number, line in enumerate(lines) if line.strip() == FRONT_MATTER_FENCE]
    if len(closing) < 2:
        raise ContentFileError(
            path, "la ligne « --- » qui ferme les champs du début est introuvable."
        )
    index = closing[1]
    fields = _parse_yaml(path, "".join(lines[1:index]), first_line=2)
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise ContentFileError(
            path, "les champs entre les lignes « --- » doivent être de la forme « nom: valeur »."
        )
    return fields, "".join(lines[index + 1 :])


class Fields:
    """Typed access to one mapping of a content file, reporting mistakes in French.

    ``where`` says which part of the file it is (« article n° 3 »). Call :meth:`finish` once
    every field was read: a field nobody read is a typo, reported with the closest known name.
    """

    def __init__(self, data: Any, *, path: Path, where: str = ""):
        self.path = path
        self.where = where
        if not isinstance(data, Mapping):
            self.error("on attend des champs de la forme « nom: valeur ».")
        self.data = data
        self.known: list[str] = []

    def error(self, message: str):
        prefix = f"{self.where} : " if self.where else ""
        raise ContentFileError(self.path, prefix + message)

    def _get(self, name: str, *, required: bool) -> Any:
        self.known.append(name)
        value = self.data.get(name)
        if value is None and required:
            self.error(f"le champ « {name} » est obligatoire.")
        return value

    def text(self, name: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(name, required=required)
        if value is None:
            return default
        if isinstance(value, bool | Mapping | list):
            self.error(f"« {name} » doit être un texte.")
        return str(value)

    def texts(self, name: str, *, required: bool = True) -> tuple[str, ...]:
        """A list (``[a, b]`` or one item per line with ``- ``); a single text is a list of one."""
        value = self._get(name, required=required)
        if value is None:
            return ()
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or any(isinstance(item, Mapping | list) for item in value):
            self.error(f"« {name} » doit être une liste, par exemple [mer, port].")
        return tuple(str(item) for item in value)

    def number(self, name: str, *, required: bool = True) -> float | None:
        value = self._get(name, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(f"« {name} » doit être un nombre avec un point décimal (48.38).")
        return float(value)

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self._get(name, required=False)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in YES:
            return True
        if str(value).strip().lower() in NO:
            return False
        self.error(f"« {name} » vaut oui ou non.")

    def mapping(self, name: str, *, required: bool = True, where: str = "") -> Fields | None:
        value = self._get(name, required=required)
        if value is None:
            return None
        return Fields(value, path=self.path, where=where or self._child(name))

    def items(self, name: str, *, required: bool = True, label: str = "") -> list[Fields]:
        """A list of mappings, each read with its own :class:`Fields`."""
        value = self._get(name, required=required)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(f"« {name} » doit être une liste d'éléments commençant par « - ».")
        return [
            Fields(item, path=self.path, where=self._child(f"{label or name} n° {number}"))
            for number, item in enumerate(value, start=1)
        ]

    def choice(self, name: str, choices: Iterable[str], *, required: bool = True) -> str:
        value = self.text(name, required=required)
        allowed = list(choices)
        if (value or required) and value not in allowed:
            self.error(f"« {name} » vaut « {value} » ; valeurs possibles : {', '.join(allowed)}.")
        return value

    def finish(self) -> None:
        for name in self.data:
            if name not in self.known:
                close = difflib.get_close_matches(str(name), self.known, n=1)
                suggestion = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
                self.error(
                    f"champ inconnu « {name} »{suggestion} ; champs possibles : "
                    f"{', '.join(dict.fromkeys(self.known))}."
                )

    def _child(self, name: str) -> str:
        return f"{self.where}, {name}" if self.where else name
