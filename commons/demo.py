"""Demo commons of Port-Kerlann, created through the services (idempotent: run it twice safely).

Each commons is a Markdown file of ``demo/communs/`` (its description, with its fields in a
front matter); the order of declaration is the list ``communs`` of ``demo/chronologie.yaml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from community.content_files import (
    ContentFileError,
    Fields,
    demo_directory,
    read_markdown,
    read_yaml,
)

from .models import Commons, Grid, Stage
from .services import assessment_save, commons_declare, commons_publish, commons_update

TIMELINE_FILE = "chronologie.yaml"
COMMONS_FOLDER = "communs"
DEFAULT_FACILITATOR = "anaig"


@dataclass(frozen=True)
class DemoCommons:
    """A commons of the demo, read from ``demo/communs/<name>.md``; declared in timeline order."""

    name: str
    owner: str
    commune: str
    latitude: float
    longitude: float
    stage: str
    tags: tuple[str, ...]
    needs: tuple[str, ...]
    level: str  # the level its self-assessment is about; "" for no assessment
    published: bool
    summary: str
    description: str
    licence: str
    how_to_join: str
    related_articles: str
    path: Path | None = field(default=None, compare=False)  # the file it was read from


@dataclass(frozen=True)
class DemoCommonsContent:
    commons: tuple[DemoCommons, ...]
    facilitator: str  # who publishes them (the account of role « animation »)

    @property
    def owners(self) -> list[str]:
        return list(dict.fromkeys(item.owner for item in self.commons))


def read_demo_commons(directory: Path | str | None = None) -> DemoCommonsContent:
    """The commons listed under ``communs`` in ``demo/chronologie.yaml``, checked as a whole."""
    folder = demo_directory(directory)
    timeline_path = folder / TIMELINE_FILE
    timeline = read_yaml(timeline_path)
    if not isinstance(timeline, dict):
        raise ContentFileError(timeline_path, "on attend des sections « comptes », « communs »…")
    keys = timeline.get("communs") or []
    if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
        raise ContentFileError(
            timeline_path, "« communs » doit être une liste de noms de fichiers de demo/communs/."
        )
    facilitator = next(
        (
            account.get("identifiant")
            for account in timeline.get("comptes") or []
            if isinstance(account, dict) and account.get("rôle") == "animation"
        ),
        DEFAULT_FACILITATOR,
    )
    commons = tuple(_read_commons(folder / COMMONS_FOLDER / f"{key}.md") for key in keys)
    names = [item.name for item in commons]
    for name in names:
        if names.count(name) > 1:
            raise ContentFileError(timeline_path, f"le commun « {name} » est déclaré deux fois.")
    unused = sorted(
        path.name for path in (folder / COMMONS_FOLDER).glob("*.md") if path.stem not in keys
    )
    if unused:
        raise ContentFileError(
            folder / COMMONS_FOLDER / unused[0],
            f"ce commun n'apparaît pas dans {TIMELINE_FILE} : ajoutez son nom de fichier "
            "(sans .md) à la liste « communs ».",
        )
    return DemoCommonsContent(commons=commons, facilitator=str(facilitator))


def _read_commons(path: Path) -> DemoCommons:
    front_matter, body = read_markdown(path)
    fields = Fields(front_matter, path=path)
    commons = DemoCommons(
        name=fields.text("nom"),
        owner=fields.text("porteur"),
        commune=fields.text("commune"),
        latitude=fields.number("latitude"),
        longitude=fields.number("longitude"),
        stage=fields.choice("étape", Stage.values),
        tags=fields.texts("mots-clés", required=False),
        needs=fields.texts("besoins", required=False),
        level=fields.text("niveau", required=False),
        published=fields.boolean("publié"),
        summary=fields.text("résumé"),
        description=body.strip(),
        licence=fields.text("licence", required=False),
        how_to_join=fields.text("pour participer", required=False),
        related_articles=fields.text("articles liés", required=False),
        path=path,
    )
    fields.finish()
    return commons


def _user(username: str, **extra):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@example.org", "is_confirmed": True, **extra},
    )
    if created:
        user.set_password(os.environ.get("KER_DEMO_PASSWORD", "kerlann-demo"))
        user.save()
    return user


def _facilitator(username: str):
    from django.contrib.auth.models import Group

    from community.policy import FACILITATOR_GROUP

    user = _user(username)
    group, _created = Group.objects.get_or_create(name=FACILITATOR_GROUP)
    user.groups.add(group)
    return user


def _answers(grid: Grid, level: str, index: int) -> dict:
    """Answers at about ``level``, varied per criterion so profiles differ."""
    keys = [lv.key for lv in grid.levels.all()]
    answers = {}
    for position, criterion in enumerate(grid.criteria.all()):
        chosen = level
        if level in keys and (position + index) % 3 == 1:
            chosen = keys[max(0, keys.index(level) - 1)]
        if (position + index) % 5 == 4:
            chosen = "not_applicable" if "not_applicable" in keys else chosen
        answers[criterion.key] = {
            "level": chosen,
            "text": f"Ce que le collectif fait pour « {criterion.label.lower()} ».",
        }
    return answers


def _check_levels(content: DemoCommonsContent, grid: Grid | None) -> None:
    """Every « niveau » is a level of the current grid: checked before anything is written."""
    if grid is None:
        return
    keys = [level.key for level in grid.levels.all()]
    for item in content.commons:
        if item.level and item.level not in keys:
            raise ContentFileError(
                item.path or item.name,
                f"« niveau » vaut « {item.level} » ; niveaux de la grille : {', '.join(keys)}.",
            )


def load_commons_demo(stdout, progress=None, content: DemoCommonsContent | None = None) -> None:
    """About fifteen commons in and around Port-Kerlann, some still pending review."""
    content = content or read_demo_commons()
    grid = Grid.objects.current()
    _check_levels(content, grid)
    owners = {username: _user(username) for username in content.owners}
    facilitator = _facilitator(content.facilitator)
    created = pending = 0
    rows = progress(content.commons) if progress is not None else content.commons
    for index, item in enumerate(rows):
        if Commons.objects.filter(name=item.name).exists():
            continue
        with transaction.atomic():
            commons = commons_declare(
                user=owners[item.owner],
                name=item.name,
                summary=item.summary,
                commune=item.commune,
                latitude=item.latitude,
                longitude=item.longitude,
                duplicates_confirmed=True,
            )
            commons_update(
                commons=commons,
                user=owners[item.owner],
                changes={
                    "description": item.description,
                    "tags": ", ".join(item.tags),
                    "needs": list(item.needs),
                    "stage": item.stage,
                    "licence": item.licence,
                    "how_to_join": item.how_to_join,
                    "related_articles_text": item.related_articles,
                },
                comment="Première description",
            )
            if grid is not None and item.level:
                assessment_save(
                    commons=commons,
                    user=owners[item.owner],
                    answers=_answers(grid, item.level, index),
                )
            if item.published:
                commons_publish(commons=commons, user=facilitator, reason="Démo")
            else:
                pending += 1
        created += 1
    stdout.write(
        f"Communs de démonstration : {created} créé(s) dont {created - pending} publiés et "
        f"{pending} en attente de relecture (/relecture/), "
        f"{len(content.commons) - created} déjà là.\n"
    )
