"""Made-up people for the demo: the core team, observers from OSCE participating States, local staff."""

import random

from observers.models import Role

DEMO_PASSWORD = "observe2004"

# (username, role, full name, position, nationality)
CORE_TEAM: tuple[tuple[str, str, str, str, str], ...] = (
    ("head", Role.COORDINATOR, "Maria Lindqvist", "Head of Mission", "Sweden"),
    ("coordinator", Role.COORDINATOR, "Pierre Lambert", "Deputy Head of Mission", "France"),
    ("ltocoord", Role.COORDINATOR, "Jan Novák", "LTO coordinator", "Czech Republic"),
    ("analyst", Role.ANALYST, "Helen Carter", "Election analyst", "United Kingdom"),
    ("political", Role.ANALYST, "Tomasz Wiśniewski", "Political analyst", "Poland"),
    ("legal", Role.ANALYST, "Katrin Bauer", "Legal analyst", "Germany"),
    ("media", Role.ANALYST, "Luca Ferrari", "Media analyst", "Italy"),
    ("statistics", Role.ANALYST, "Anne Jensen", "Statistical analyst", "Denmark"),
)

# nationality: (men's first names, women's first names, surnames)
_OBSERVER_NAMES = {
    "Austria": (("Lukas", "Florian", "Stefan"), ("Julia", "Sabine", "Lena"), ("Gruber", "Huber", "Wagner")),
    "Canada": (("Daniel", "Ryan", "Marc"), ("Emily", "Sarah", "Chantal"), ("Tremblay", "Wilson", "MacDonald")),
    "Finland": (("Mikko", "Juha", "Antti"), ("Anna", "Laura", "Riikka"), ("Virtanen", "Korhonen", "Mäkinen")),
    "France": (("Nicolas", "Julien", "Olivier"), ("Claire", "Camille", "Isabelle"), ("Martin", "Bernard", "Dubois")),
    "Germany": (("Thomas", "Michael", "Jens"), ("Susanne", "Petra", "Anja"), ("Müller", "Schmidt", "Fischer")),
    "Ireland": (("Seán", "Patrick", "Conor"), ("Siobhán", "Aoife", "Mary"), ("Murphy", "Kelly", "O'Brien")),
    "Italy": (("Marco", "Andrea", "Paolo"), ("Giulia", "Francesca", "Chiara"), ("Rossi", "Bianchi", "Romano")),
    "Netherlands": (("Jeroen", "Pieter", "Bas"), ("Anouk", "Femke", "Marieke"), ("de Vries", "Jansen", "Bakker")),
    "Norway": (("Ole", "Lars", "Erik"), ("Ingrid", "Kari", "Silje"), ("Hansen", "Johansen", "Olsen")),
    "Poland": (("Piotr", "Krzysztof", "Marek"), ("Agnieszka", "Katarzyna", "Ewa"), ("Nowak", "Kowalski", "Zieliński")),
    "Spain": (("Javier", "Carlos", "Pablo"), ("Lucía", "Elena", "Carmen"), ("García", "Fernández", "López")),
    "Switzerland": (("Reto", "Urs", "Beat"), ("Monika", "Ursula", "Nadine"), ("Meier", "Keller", "Brunner")),
    "United Kingdom": (("James", "David", "Andrew"), ("Sarah", "Emma", "Rachel"), ("Smith", "Taylor", "Evans")),
    "United States": (("John", "Robert", "Kevin"), ("Jennifer", "Linda", "Karen"), ("Johnson", "Brown", "Miller")),
}
_LOCAL_NAMES = (
    "Aigerim Bekova",
    "Askar Abenov",
    "Dana Nurlanova",
    "Yerlan Seitkali",
    "Gulnara Omarova",
    "Nurlan Zhakupov",
    "Saule Tulegenova",
    "Timur Iskakov",
    "Olga Ivanova",
    "Sergei Petrov",
    "Zhanar Akhmetova",
    "Marat Kim",
    "Aliya Sadykova",
    "Daniyar Karimov",
    "Yelena Pak",
    "Bolat Ospanov",
)


def observer_person(rng: random.Random) -> dict:
    """A full name, gender, nationality and languages for one international observer."""
    nationality = rng.choice(sorted(_OBSERVER_NAMES))
    men, women, surnames = _OBSERVER_NAMES[nationality]
    gender = rng.choice(("female", "male"))
    first = rng.choice(women if gender == "female" else men)
    return {
        "full_name": f"{first} {rng.choice(surnames)}",
        "gender": gender,
        "nationality": nationality,
        "languages": rng.choice(("English", "English, Russian", "English, French", "English, German, Russian")),
    }


def local_person(rng: random.Random) -> str:
    return rng.choice(_LOCAL_NAMES)
