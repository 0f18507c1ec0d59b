"""Create /portails/, the parent of the thematic portals."""

import uuid

from django.db import migrations


def create_portal_index(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("portals.HomePage")
    PortalIndexPage = apps.get_model("portals.PortalIndexPage")
    home = HomePage.objects.first()
    if home is None or PortalIndexPage.objects.exists():
        return
    index_type, _ = ContentType.objects.get_or_create(model="portalindexpage", app_label="portals")
    children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
    last = children.order_by("-path").values_list("path", flat=True).first()
    step = int(last[-4:], 36) + 1 if last else 1
    suffix = ""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    for _position in range(4):
        suffix = alphabet[step % 36] + suffix
        step //= 36
    PortalIndexPage.objects.create(
        title="Portails",
        draft_title="Portails",
        slug="portails",
        content_type=index_type,
        path=f"{home.path}{suffix}",
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}portails/",
        locale_id=home.locale_id,
        translation_key=uuid.uuid4(),
        live=True,
        introduction="Les thèmes qui rassemblent articles et communs du territoire.",
    )
    Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_portal_index(apps, schema_editor):
    apps.get_model("portals.PortalIndexPage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("portals", "0003_portalindexpage_homefeaturedarticle_and_more")]

    operations = [migrations.RunPython(create_portal_index, remove_portal_index)]
