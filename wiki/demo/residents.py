"""The people of the demo territory: residents who write, and one administrator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    bio: str
    is_admin: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def email(self) -> str:
        # .example is reserved (RFC 2606): demo mail can never reach anyone.
        return f"{self.username}@kerlann.example"


RESIDENTS = [
    DemoPerson(
        username="maela",
        first_name="Maëla",
        last_name="Le Gall",
        bio="Institutrice retraitée de l'école Jules-Ferry, née au Stang. "
        "Recueille les souvenirs des anciennes et des anciens du quartier.",
    ),
    DemoPerson(
        username="yannick",
        first_name="Yannick",
        last_name="Quéré",
        bio="Ancien patron pêcheur, trente ans de mer sur le Santez-Anna. "
        "Connaît chaque caillou de l'anse et chaque bateau du port.",
    ),
    DemoPerson(
        username="soazig",
        first_name="Soazig",
        last_name="Le Bihan",
        bio="Bibliothécaire à Port-Kerlann. Passe ses samedis aux archives municipales "
        "et vérifie les dates des autres.",
    ),
    DemoPerson(
        username="goulven",
        first_name="Goulven",
        last_name="Tanguy",
        bio="Matelot sur le bac de l'Aber et bénévole au canot de sauvetage. Dessine.",
    ),
    DemoPerson(
        username="nolwenn",
        first_name="Nolwenn",
        last_name="Caradec",
        bio="Petite-fille de sardinière, étudiante en histoire, "
        "aide la boulangerie familiale pendant l'été.",
    ),
]

ADMINISTRATOR = DemoPerson(
    username="admin",
    first_name="Admin",
    last_name="Ker",
    bio="Compte d'administration de la démonstration.",
    is_admin=True,
)

PEOPLE = [*RESIDENTS, ADMINISTRATOR]


def full_name(username: str) -> str:
    """The name a resident signs drawings and photos with."""
    for person in PEOPLE:
        if person.username == username:
            return person.full_name
    raise KeyError(username)
