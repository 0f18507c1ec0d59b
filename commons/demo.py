"""Demo commons of Port-Kerlann, created through the services (idempotent: run it twice safely)."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Commons, Grid
from .services import assessment_save, commons_declare, commons_publish, commons_update

OWNERS = ("maela", "yannick", "soazig", "goulven")
FACILITATOR = "anaig"  # the demo facilitator, also created by wiki_demo

# (name, owner, commune, latitude, longitude, stage, tags, needs, levels, published, summary)
COMMONS = [
    (
        "Jardin partagé du Moulin",
        "maela",
        "Port-Kerlann",
        48.3832,
        -4.4951,
        "active",
        "jardin, alimentation",
        "Se nourrir localement",
        "achieved",
        True,
        "Un potager cultivé ensemble au pied du vieux moulin, ouvert à tous les habitants.",
    ),
    (
        "Repair café de Kerlann",
        "yannick",
        "Port-Kerlann",
        48.3801,
        -4.4893,
        "active",
        "réparation, réemploi",
        "Réparer plutôt que jeter",
        "in_progress",
        True,
        "Un samedi par mois, des bénévoles aident à réparer appareils, vélos et vêtements.",
    ),
    (
        "Outilthèque des Marais",
        "soazig",
        "Lanvenec",
        48.3921,
        -4.5102,
        "active",
        "outils, prêt",
        "Emprunter du matériel",
        "started",
        True,
        "Une bibliothèque d'outils où l'on emprunte perceuse, échelle ou débroussailleuse.",
    ),
    (
        "Wifi du Port",
        "goulven",
        "Port-Kerlann",
        48.3786,
        -4.4867,
        "starting",
        "numérique, réseau",
        "Accéder à internet",
        "wished",
        True,
        "Un réseau wifi communautaire monté par les habitants du quartier du port.",
    ),
    (
        "Grainothèque de Plouzévet",
        "maela",
        "Plouzévet",
        48.3654,
        -4.4712,
        "active",
        "semences, jardin",
        "Se nourrir localement",
        "in_progress",
        True,
        "Des graines libres de variétés locales, échangées à la médiathèque.",
    ),
    (
        "Voilier partagé Ar Vag",
        "yannick",
        "Port-Kerlann",
        48.3777,
        -4.4921,
        "active",
        "mer, navigation",
        "Découvrir la mer",
        "started",
        True,
        "Un voilier entretenu et partagé par une association de plaisanciers.",
    ),
    (
        "Four à pain de Lanvenec",
        "soazig",
        "Lanvenec",
        48.3950,
        -4.5150,
        "paused",
        "pain, patrimoine",
        "Se nourrir localement",
        "started",
        True,
        "Le four communal remis en chauffe une fois par saison pour cuire ensemble.",
    ),
    (
        "Cartographie des sentiers côtiers",
        "goulven",
        "Plouzévet",
        48.3702,
        -4.4801,
        "active",
        "cartographie, randonnée, données ouvertes",
        "Se déplacer à pied",
        "achieved",
        True,
        "Les sentiers du littoral relevés par les habitants et publiés sous licence ouverte.",
    ),
    (
        "Atelier vélo solidaire",
        "yannick",
        "Port-Kerlann",
        48.3815,
        -4.4999,
        "active",
        "vélo, réparation",
        "Réparer plutôt que jeter",
        "in_progress",
        True,
        "Un atelier où l'on apprend à entretenir son vélo avec des outils partagés.",
    ),
    (
        "Bibliothèque de rue du Quai",
        "maela",
        "Port-Kerlann",
        48.3790,
        -4.4880,
        "active",
        "lecture, partage",
        "Lire et apprendre",
        "wished",
        True,
        "Des boîtes à livres installées le long du quai, entretenues par les riverains.",
    ),
    (
        "Composteur collectif de Kerlann",
        "soazig",
        "Port-Kerlann",
        48.3840,
        -4.4930,
        "active",
        "compost, déchets",
        "Réduire ses déchets",
        "started",
        True,
        "Un composteur partagé par trois immeubles et le jardin du Moulin.",
    ),
    (
        "Centrale solaire citoyenne",
        "goulven",
        "Lanvenec",
        48.3990,
        -4.5200,
        "idea",
        "énergie, solaire",
        "Produire son énergie",
        "",
        False,
        "Un projet de toitures solaires financées et gérées par les habitants.",
    ),
    (
        "Cuisine partagée du Bourg",
        "maela",
        "Plouzévet",
        48.3660,
        -4.4700,
        "starting",
        "cuisine, alimentation",
        "Se nourrir localement",
        "",
        False,
        "Une cuisine équipée à réserver pour les associations et les habitants.",
    ),
    (
        "Laverie associative",
        "yannick",
        "Lanvenec",
        48.3930,
        -4.5080,
        "idea",
        "laverie, entraide",
        "Partager des équipements",
        "",
        False,
        "Des machines à laver mises en commun au rez-de-chaussée de la résidence.",
    ),
    (
        "Chantier naval participatif",
        "soazig",
        "Port-Kerlann",
        48.3770,
        -4.4940,
        "ended",
        "mer, patrimoine, bois",
        "Découvrir la mer",
        "not_wished",
        True,
        "La restauration collective d'un canot de sauvetage, terminée en 2023.",
    ),
]


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


def _facilitator():
    from django.contrib.auth.models import Group

    from community.policy import FACILITATOR_GROUP

    user = _user(FACILITATOR)
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


def load_commons_demo(stdout, progress=None) -> None:
    """About fifteen commons in and around Port-Kerlann, some still pending review."""
    owners = {username: _user(username) for username in OWNERS}
    facilitator = _facilitator()
    grid = Grid.objects.current()
    created = pending = 0
    rows = progress(COMMONS) if progress is not None else COMMONS
    for index, row in enumerate(rows):
        name, owner, commune, lat, lon, stage, tags, needs, level, published, summary = row
        if Commons.objects.filter(name=name).exists():
            continue
        with transaction.atomic():
            commons = commons_declare(
                user=owners[owner],
                name=name,
                summary=summary,
                commune=commune,
                latitude=lat,
                longitude=lon,
                duplicates_confirmed=True,
            )
            commons_update(
                commons=commons,
                user=owners[owner],
                changes={
                    "description": f"## Le projet\n\n{summary}\n\nOuvert à toutes et à tous.",
                    "tags": tags,
                    "needs": [needs],
                    "stage": stage,
                    "licence": "CC BY-SA 4.0",
                    "how_to_join": "Passez nous voir lors d'une permanence.",
                    "related_articles_text": "Port-Kerlann",
                },
                comment="Première description",
            )
            if grid is not None and level:
                assessment_save(
                    commons=commons, user=owners[owner], answers=_answers(grid, level, index)
                )
            if published:
                commons_publish(commons=commons, user=facilitator, reason="Démo")
            else:
                pending += 1
        created += 1
    stdout.write(
        f"Communs de démonstration : {created} créé(s) dont {created - pending} publiés et "
        f"{pending} en attente de relecture (/relecture/), {len(COMMONS) - created} déjà là.\n"
    )
