"""A fixed French corpus about the fictional coastal town of Port-Kerlann.

Plain dataclasses served by a fake search source: the search tests never touch the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from search.documents import SearchDocument

BASE_DATE = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.UTC)


@dataclass
class Item:
    key: str
    title: str
    body: str = ""
    summary: str = ""
    tags: list[str] = field(default_factory=list)
    portals: list[str] = field(default_factory=list)
    commune: str = "Port-Kerlann"
    published: bool = True
    day: int = 0
    authors: list[str] = field(default_factory=list)
    latitude: float | None = None
    longitude: float | None = None

    @property
    def updated(self) -> datetime.datetime:
        return BASE_DATE + datetime.timedelta(days=self.day)


class FakeSource:
    """A search source over a list of ``Item`` (what wiki/commons/portals provide for real)."""

    def __init__(self, name: str, label: str, items: list[Item] | None = None) -> None:
        self.name = name
        self.label = label
        self.items: dict[str, Item] = {item.key: item for item in items or []}

    def iter_all(self) -> Iterator[Item]:
        return (item for item in self.items.values() if item.published)

    def count(self) -> int:
        return sum(1 for item in self.items.values() if item.published)

    def is_indexable(self, obj: Item) -> bool:
        return obj.published

    def get_key(self, obj: Item) -> str:
        return obj.key

    def to_document(self, obj: Item) -> SearchDocument:
        return SearchDocument(
            key=obj.key,
            type=self.name,
            title=obj.title,
            summary=obj.summary,
            body=obj.body,
            tags=list(obj.tags),
            portals=list(obj.portals),
            commune=obj.commune,
            latitude=obj.latitude,
            longitude=obj.longitude,
            created=BASE_DATE,
            updated=obj.updated,
            url=f"/{self.name}/{obj.key}/",
            authors=list(obj.authors),
        )

    def facet_labels(self, field: str, values: list[str]) -> dict[str, str]:
        if field != "portals":
            return {}
        return {value: PORTAL_TITLES[value] for value in values if value in PORTAL_TITLES}


PORTAL_TITLES = {
    "patrimoine-maritime": "Patrimoine maritime",
    "vie-locale": "Vie locale",
    "nature": "Nature et littoral",
}

ARTICLES = [
    Item(
        "port-de-peche",
        "Le port de pêche",
        "Le port abrite une flottille de chalutiers et de "
        "caseyeurs. Les pêcheurs débarquent chaque matin sur les quais.",
        summary="Histoire du port et de ses quais.",
        tags=["pêche", "port"],
        portals=["patrimoine-maritime"],
        day=10,
        latitude=47.8,
        longitude=-4.3,
    ),
    Item(
        "criee",
        "La criée",
        "La criée vend le poisson aux enchères dès cinq heures. Les "
        "mareyeurs achètent soles, lottes et langoustines.",
        tags=["pêche", "commerce"],
        portals=["patrimoine-maritime"],
        day=12,
    ),
    Item(
        "lavoir",
        "Le lavoir du Moulin",
        "Le lavoir communal, restauré en 2019, servait aux "
        "lavandières jusqu'en 1960. L'eau vient d'une source voisine.",
        summary="Un lavoir couvert du XIXe siècle.",
        tags=["patrimoine", "eau"],
        day=3,
    ),
    Item(
        "ecole-jules-ferry",
        "École Jules-Ferry",
        "L'école primaire accueille deux cents élèves "
        "dans ses classes. La cantine sert des produits locaux.",
        tags=["éducation"],
        portals=["vie-locale"],
        day=5,
    ),
    Item(
        "ecole-de-voile",
        "École de voile de Port-Kerlann",
        "Stages de voile, catamaran et "
        "planche pour petits et grands. Les moniteurs enseignent la navigation.",
        tags=["sport", "mer"],
        portals=["vie-locale"],
        day=20,
    ),
    Item(
        "phare",
        "Le phare de Kerlann",
        "Le phare guide les navires depuis 1852. Son gardien "
        "a quitté la lanterne en 1990 lors de l'automatisation.",
        tags=["patrimoine", "mer"],
        portals=["patrimoine-maritime"],
        day=7,
    ),
    Item(
        "chapelle",
        "Chapelle Sainte-Anne",
        "La chapelle, bâtie au XVIe siècle, domine la baie. "
        "Son calvaire et ses ex-voto de marins sont remarquables.",
        tags=["patrimoine", "religion"],
        day=2,
    ),
    Item(
        "pardon",
        "Le pardon de Sainte-Anne",
        "Chaque été, la procession du pardon rejoint la chapelle avec les bannières brodées.",
        tags=["fête", "religion"],
        day=30,
    ),
    Item(
        "marche",
        "Le marché du samedi",
        "Le marché se tient sur la place chaque samedi matin : "
        "maraîchers, fromagers, poissonniers.",
        tags=["commerce"],
        portals=["vie-locale"],
        day=15,
    ),
    Item(
        "fete-mer",
        "La fête de la mer",
        "La fête de la mer réunit les vieux gréements, les "
        "chants de marins et un feu d'artifice sur le port.",
        tags=["fête", "mer"],
        portals=["vie-locale", "patrimoine-maritime"],
        day=25,
    ),
    Item(
        "festival",
        "Festival des Embruns",
        "Le festival de musique bretonne attire des milliers "
        "de spectateurs en août : fest-noz, bagadoù et concerts.",
        tags=["fête", "musique"],
        portals=["vie-locale"],
        day=40,
    ),
    Item(
        "mediatheque",
        "La médiathèque",
        "La bibliothèque municipale prête livres, disques et films. Heure du conte le mercredi.",
        tags=["culture"],
        portals=["vie-locale"],
        day=8,
    ),
    Item(
        "sentier",
        "Le sentier des douaniers",
        "Randonnée côtière de douze kilomètres entre les falaises et les criques, balisée GR34.",
        tags=["randonnée", "nature"],
        portals=["nature"],
        day=18,
    ),
    Item(
        "moulin",
        "Le moulin à marée",
        "Le moulin utilisait la marée pour moudre le blé ; sa digue retenait l'eau de la ria.",
        tags=["patrimoine", "eau"],
        day=4,
    ),
    Item(
        "menhir",
        "Le menhir de Kervoz",
        "Un menhir de granite de six mètres, classé monument historique, se dresse dans la lande.",
        tags=["patrimoine", "préhistoire"],
        commune="Trémeur",
        day=1,
    ),
    Item(
        "eglise",
        "Église Saint-Pierre",
        "L'église paroissiale et son clocher à jour dominent le "
        "bourg ; l'enclos paroissial date de 1650.",
        tags=["patrimoine", "religion"],
        commune="Plouzan",
        day=6,
    ),
    Item(
        "goemon",
        "Les goémoniers",
        "Autrefois, les goémoniers récoltaient les algues sur la "
        "grève et brûlaient le goémon dans des fours à soude.",
        tags=["mer", "métier"],
        portals=["patrimoine-maritime"],
        day=9,
    ),
    Item(
        "huitres",
        "Les parcs à huîtres",
        "L'ostréiculture occupe l'anse de Kerlann : les "
        "huîtres grandissent dans des poches sur les tables.",
        tags=["mer", "métier"],
        commune="Plouzan",
        day=11,
    ),
    Item(
        "chantier",
        "Le chantier naval",
        "Le chantier construit et répare les bateaux en bois : "
        "coques, mâts, voiliers traditionnels.",
        tags=["mer", "métier"],
        portals=["patrimoine-maritime"],
        day=13,
    ),
    Item(
        "plage",
        "La plage du Kador",
        "Grande plage de sable fin surveillée l'été, bordée par une dune protégée.",
        tags=["nature", "mer"],
        portals=["nature"],
        day=16,
    ),
    Item(
        "dune",
        "La dune de Kerlann",
        "La dune abrite des oyats et des gravelots ; des ganivelles la protègent du piétinement.",
        tags=["nature"],
        portals=["nature"],
        day=17,
    ),
    Item(
        "creperie",
        "Crêperie Ty Gwechall",
        "Crêpes de froment, galettes de sarasin et kig ha farz le dimanche.",
        tags=["commerce", "gastronomie"],
        day=19,
    ),
    Item(
        "cinema",
        "Le cinéma L'Étoile",
        "Cinéma associatif de quatre-vingts places, films en version originale et ciné-débats.",
        tags=["culture"],
        portals=["vie-locale"],
        day=21,
    ),
    Item(
        "cale",
        "La cale de mise à l'eau",
        "La cale permet de mettre les bateaux à l'eau à "
        "marée haute ; stationnement des remorques interdit.",
        tags=["mer"],
        day=22,
    ),
    Item(
        "mairie",
        "La mairie",
        "La mairie de Trémeur ouvre du lundi au vendredi ; état civil et urbanisme.",
        tags=["services"],
        commune="Trémeur",
        day=23,
    ),
    Item(
        "naufrage",
        "Le naufrage du Saint-Guénolé",
        "En 1911, la tempête jeta le dundee "
        "Saint-Guénolé sur les roches ; l'équipage fut sauvé par le canot de sauvetage.",
        tags=["histoire", "mer"],
        portals=["patrimoine-maritime"],
        day=24,
    ),
    Item(
        "sauvetage",
        "La station de sauvetage",
        "Les sauveteurs bénévoles de la SNSM sortent le canot tous temps par gros temps.",
        tags=["mer", "secours"],
        day=26,
    ),
    Item(
        "conserverie",
        "L'ancienne conserverie",
        "La conserverie de sardines employait cent ouvrières ; elle a fermé en 1975.",
        tags=["histoire", "industrie"],
        day=27,
    ),
]

COMMONS = [
    Item(
        "jardin-partage",
        "Jardin partagé des Embruns",
        "Un jardin partagé où les habitants "
        "cultivent légumes et fleurs sur des parcelles collectives.",
        tags=["alimentation", "nature"],
        portals=["vie-locale"],
        day=28,
    ),
    Item(
        "epicerie",
        "Épicerie coopérative Ar Stal",
        "Une épicerie coopérative gérée par ses membres : vrac, produits locaux, prix justes.",
        tags=["alimentation", "commerce"],
        day=29,
    ),
    Item(
        "amap",
        "AMAP du pays de Kerlann",
        "Paniers de légumes bio livrés chaque jeudi par deux maraîchers partenaires.",
        tags=["alimentation"],
        commune="Plouzan",
        day=31,
    ),
    Item(
        "repair-cafe",
        "Repair café",
        "Un samedi par mois, des bénévoles aident à réparer grille-pain, vélos et vêtements.",
        tags=["réemploi"],
        day=32,
    ),
    Item(
        "voilier-partage",
        "Voilier partagé",
        "Une association met un voilier à disposition de ses adhérents pour naviguer ensemble.",
        tags=["mer", "sport"],
        day=33,
    ),
    Item(
        "boite-a-livres",
        "Boîte à livres du port",
        "Une ancienne cabine de pêcheur transformée en boîte à livres en libre-service.",
        tags=["culture", "réemploi"],
        day=34,
    ),
    Item(
        "four-a-pain",
        "Four à pain collectif",
        "Le four à pain du village est rallumé chaque mois pour cuire le pain ensemble.",
        tags=["alimentation", "patrimoine"],
        commune="Trémeur",
        day=35,
    ),
    Item(
        "brouillon",
        "Projet en attente de relecture",
        "Texte non publié sur le lavoir.",
        published=False,
        day=36,
    ),
]

PORTALS = [
    Item(
        "patrimoine-maritime",
        "Patrimoine maritime",
        "Phares, ports, chantiers et métiers de la mer à Port-Kerlann.",
        portals=["patrimoine-maritime"],
        day=37,
    ),
    Item(
        "vie-locale",
        "Vie locale",
        "Commerces, écoles, associations et fêtes du territoire.",
        portals=["vie-locale"],
        day=38,
    ),
    Item(
        "nature",
        "Nature et littoral",
        "Plages, dunes, sentiers et espaces naturels protégés.",
        portals=["nature"],
        day=39,
    ),
]


def make_sources() -> list[FakeSource]:
    return [
        FakeSource("article", "Article", [Item(**vars(item)) for item in ARTICLES]),
        FakeSource("commons", "Commun", [Item(**vars(item)) for item in COMMONS]),
        FakeSource("portal", "Portail", [Item(**vars(item)) for item in PORTALS]),
    ]
