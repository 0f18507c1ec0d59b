"""Load the seed evaluation grid (commons/data/commons_grid.json) and let facilitators edit grids.

The grid is data: this migration only copies the file's French texts into a published version 1.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

GRID_FILE = Path(__file__).resolve().parent.parent / "data" / "commons_grid.json"
FACILITATOR_GROUP = "Animateurs"
GRID_MODELS = ("grid", "criterion", "level", "need")


def french(value):
    if isinstance(value, dict):
        return value.get("fr") or value.get("en") or ""
    return value or ""


def load_grid(apps, schema_editor):
    Grid = apps.get_model("commons", "Grid")
    Criterion = apps.get_model("commons", "Criterion")
    Level = apps.get_model("commons", "Level")
    data = json.loads(GRID_FILE.read_text(encoding="utf-8"))
    if Grid.objects.filter(slug=data["slug"], version=data["version"]).exists():
        return
    grid = Grid.objects.create(
        slug=data["slug"],
        version=data["version"],
        title=french(data["title"]),
        intro=french(data.get("intro")),
        published_at=timezone.now(),
    )
    for level in data["levels"]:
        Level.objects.create(
            grid=grid,
            key=level["key"],
            label=french(level["label"]),
            counts=bool(level["counts"]),
            value=level["value"],
            sort_order=level["order"],
        )
    for criterion in data["criteria"]:
        Criterion.objects.create(
            grid=grid,
            key=criterion["key"],
            label=french(criterion["label"]),
            question=french(criterion["question"]),
            help=french(criterion.get("help")),
            sort_order=criterion["order"],
        )


def grant_grid_permissions(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("commons")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=FACILITATOR_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label="commons", content_type__model__in=GRID_MODELS
    )
    group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("commons", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_grid, migrations.RunPython.noop),
        migrations.RunPython(grant_grid_permissions, migrations.RunPython.noop),
    ]
