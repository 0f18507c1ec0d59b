"""Create the site's page tree: home page at / and the wiki index at /wiki/."""

import uuid

from django.db import migrations


def create_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("portals.HomePage")
    ArticleIndexPage = apps.get_model("wiki.ArticleIndexPage")

    locale = Locale.objects.order_by("pk").first() or Locale.objects.create(language_code="fr")
    # Wagtail's placeholder "Welcome" page goes; our home page takes its place.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="portals")
    index_type, _ = ContentType.objects.get_or_create(model="articleindexpage", app_label="wiki")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="Port-Kerlann, mémoire partagée",
        draft_title="Port-Kerlann, mémoire partagée",
        slug="accueil",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=1,
        url_path="/accueil/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        introduction=(
            "La mémoire du territoire écrite par ses habitants, et les communs qui le font vivre."
        ),
    )
    ArticleIndexPage.objects.create(
        title="Articles",
        draft_title="Articles",
        slug="wiki",
        content_type=index_type,
        path=f"{home.path}0001",
        depth=3,
        numchild=0,
        url_path="/accueil/wiki/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        introduction="Tous les articles de la mémoire du territoire, de A à Z.",
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)


def remove_tree(apps, schema_editor):
    apps.get_model("portals.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portals", "0001_initial"),
        ("wiki", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_tree, remove_tree)]
