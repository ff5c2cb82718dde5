"""Invented name pools: people from many traditions, companies, streets, firms.

Every full name is drawn at random from first-name and surname pools, so a
person in a fixture is a combination nobody chose to point at; the pools hold
common given names and surnames only, never a list of real people. Companies
are built from invented stems and ordinary suffixes. Phones are 555-01xx and
email domains end in .example or .test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (given names, surnames) per naming tradition.
POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "nigerian": (
        ("Adaeze", "Chinedu", "Oluwaseun", "Ifeoma", "Babatunde", "Ngozi", "Emeka", "Funmilayo",
         "Obinna", "Yetunde", "Tobenna", "Kelechi"),
        ("Okonkwo", "Adeyemi", "Eze", "Olawale", "Nwachukwu", "Ogunleye", "Balogun", "Okafor",
         "Afolabi", "Chukwuma", "Adebisi", "Onyekachi"),
    ),
    "vietnamese": (
        ("Thao", "Minh", "Linh", "Quang", "Huong", "Duc", "Phuong", "Tuan", "Ngoc", "Khanh"),
        ("Nguyen", "Tran", "Pham", "Le", "Hoang", "Vu", "Dang", "Bui", "Do", "Huynh"),
    ),
    "polish": (
        ("Agnieszka", "Bartosz", "Katarzyna", "Tomasz", "Malgorzata", "Piotr", "Zofia",
         "Wojciech", "Ewelina", "Grzegorz"),
        ("Kowalczyk", "Wisniewski", "Zielinska", "Szymanski", "Wozniak", "Dabrowski",
         "Kaminska", "Lewandowski", "Jankowski", "Mazur"),
    ),
    "brazilian": (
        ("Thiago", "Fernanda", "Rafael", "Juliana", "Leandro", "Camila", "Gustavo", "Beatriz",
         "Rodrigo", "Larissa"),
        ("Carvalho", "Siqueira", "Albuquerque", "Moreira", "Pereira", "Barbosa", "Teixeira",
         "Cavalcanti", "Figueiredo", "Nogueira"),
    ),
    "indian": (
        ("Priya", "Arjun", "Kavya", "Rohan", "Ananya", "Vikram", "Meera", "Siddharth", "Deepa",
         "Karthik", "Nandini", "Rahul"),
        ("Raghunathan", "Iyer", "Deshpande", "Mehta", "Chatterjee", "Kulkarni", "Bhattacharya",
         "Nair", "Venkatesan", "Malhotra", "Subramanian", "Joshi"),
    ),
    "irish": (
        ("Siobhan", "Ciaran", "Aoife", "Padraig", "Niamh", "Eoin", "Grainne", "Declan",
         "Orla", "Cathal"),
        ("O'Sullivan", "Gallagher", "McLoughlin", "Brennan", "Kavanagh", "Doherty", "Ni Bhriain",
         "Fitzgerald", "Quinlan", "Mulcahy"),
    ),
    "korean": (
        ("Jiwoo", "Minseo", "Hyunwoo", "Seoyeon", "Dohyun", "Yuna", "Jaehyun", "Soojin",
         "Taeyang", "Eunji"),
        ("Kim", "Park", "Choi", "Jung", "Kang", "Yoon", "Jang", "Lim", "Han", "Seo"),
    ),
    "arabic": (
        ("Yousef", "Layla", "Omar", "Rania", "Khalid", "Noor", "Tariq", "Samira", "Hamza",
         "Dalia"),
        ("Haddad", "Al-Masri", "Khoury", "Nasser", "Mansour", "Abboud", "Saleh", "Farouk",
         "Qasim", "Bitar"),
    ),
    "mexican": (
        ("Guadalupe", "Alejandro", "Ximena", "Mauricio", "Itzel", "Rogelio", "Marisol", "Joaquin",
         "Araceli", "Efrain"),
        ("Villalobos", "Castaneda", "Zepeda", "Ochoa", "Arellano", "Cervantes", "Maldonado",
         "Quintero", "Saucedo", "Barragan"),
    ),
    "ghanaian": (
        ("Kwame", "Akosua", "Kofi", "Abena", "Yaw", "Efua", "Kwabena", "Adjoa"),
        ("Mensah", "Boateng", "Asante", "Owusu", "Appiah", "Darko", "Amoako", "Frimpong"),
    ),
    "filipino": (
        ("Maricel", "Jericho", "Rowena", "Danilo", "Luzviminda", "Rogelio", "Analyn", "Ferdinand"),
        ("Dimaculangan", "Macaraeg", "Bautista", "Villanueva", "Pangilinan", "Soriano",
         "Manalo", "Tolentino"),
    ),
    "ukrainian": (
        ("Oksana", "Taras", "Halyna", "Bohdan", "Iryna", "Mykola", "Yaryna", "Ostap"),
        ("Kovalenko", "Bondarenko", "Tkachuk", "Shevchuk", "Melnyk", "Hrytsenko", "Savchuk",
         "Lysenko"),
    ),
    "anglo": (
        ("Harriet", "Wesley", "Marjorie", "Dalton", "Colleen", "Garrett", "Bethany", "Russell",
         "Tamsin", "Clifford", "Lorraine", "Everett"),
        ("Pemberton", "Whitlock", "Ashby", "Caldwell", "Thornbury", "Hollis", "Radford",
         "Kingsley", "Marchbanks", "Everly", "Stroud", "Winslow"),
    ),
    "chinese": (
        ("Wei", "Xiaoling", "Jun", "Meihua", "Haoran", "Yiting", "Zhiwei", "Lan"),
        ("Zhao", "Liang", "Xu", "Guo", "Ma", "Luo", "Feng", "Deng"),
    ),
}

COMPANY_STEMS = (
    "Bluewater", "Ironbridge", "Saffron", "Copperline", "Northgate", "Tidewell", "Amberfield",
    "Quillmark", "Stonefern", "Brightmoor", "Halvorsen", "Larkspur", "Redwillow", "Oakhollow",
    "Silverbirch", "Crestline", "Marigold", "Foxglove", "Granite Peak", "Westbrook", "Kestrel",
    "Driftwood", "Pinewick", "Sunfield", "Harrowgate", "Lumen", "Mosswood", "Cobalt Ridge",
    "Highwater", "Thistledown", "Rosemere", "Vantor", "Wrenfield", "Orchard Lane", "Palisade",
)
COMPANY_KINDS = (
    "Logistics LLC", "Dental Group", "Holdings, Inc.", "Construction Co.", "Property Management LLC",
    "Bakery & Cafe", "Auto Repair", "Medical Partners", "Staffing Solutions", "Imports Ltd.",
    "Realty Group", "Software, Inc.", "Landscaping LLC", "Pharmacy", "Freight Lines",
    "Veterinary Clinic", "Textiles Corp.", "Brewing Company", "Cleaning Services", "Printing LLC",
)
INSURERS = (
    "Keystone Mutual", "Prairie Shield Insurance", "Harborline Casualty", "Summitview Assurance",
    "Great Basin Indemnity", "Lakeshore General Insurance", "Meridian Fidelity",
)
LAW_FIRM_STEMS = (
    "Voss & Achebe", "Kaminski Ortega", "Lindqvist Haddad", "Brannock & Oyelaran", "Tull Moreno",
    "Delacroix Kim", "Hargrove Nnamdi", "Pruitt & Vasquez", "Ellery Sato", "Crane Okoro",
    "Mallory Banerjee", "Stroud Castillo", "Abernathy Lin", "Vance & Oduya",
)
STREETS = (
    "Maple Ave", "Cedar Ln", "Orchard St", "Harbor View Dr", "Lincoln Way", "Juniper Ct",
    "Willow Bend Rd", "Prospect Pl", "Alder St", "Canal Rd", "Quarry Hill Rd", "Sycamore Blvd",
    "Foundry St", "Beacon Ave", "Mill Race Ln", "Copper Kettle Rd",
)


@dataclass(frozen=True)
class PersonName:
    first: str
    last: str
    origin: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def slug(text: str) -> str:
    """Lowercase letters only: 'O'Sullivan' -> 'osullivan'."""
    return "".join(c for c in text.lower() if c.isalpha())


class NameBook:
    """Draws people without repeating a full name within one firm."""

    def __init__(self, rng: random.Random, origins: tuple[str, ...] | None = None) -> None:
        self._rng = rng
        self._origins = origins or tuple(sorted(POOLS))
        self._used: set[str] = set()

    def person(self, origin: str | None = None) -> PersonName:
        for _ in range(500):
            o = origin or self._rng.choice(self._origins)
            firsts, lasts = POOLS[o]
            # A share of people carry a surname from another tradition (marriage, migration).
            last_pool = lasts if self._rng.random() < 0.8 else POOLS[self._rng.choice(self._origins)][1]
            name = PersonName(self._rng.choice(firsts), self._rng.choice(last_pool), o)
            if name.full not in self._used:
                self._used.add(name.full)
                return name
        raise RuntimeError("name pools exhausted")

    def reserve(self, full: str) -> None:
        self._used.add(full)


class CompanyBook:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()
        self._stems_used: set[str] = set()

    def company(self) -> str:
        for _ in range(500):
            stem = self._rng.choice(COMPANY_STEMS)
            if stem in self._stems_used and self._rng.random() < 0.9:
                continue
            name = f"{stem} {self._rng.choice(COMPANY_KINDS)}"
            if name not in self._used:
                self._used.add(name)
                self._stems_used.add(stem)
                return name
        raise RuntimeError("company pools exhausted")


def phone(rng: random.Random, area: str) -> str:
    return f"({area}) 555-01{rng.randint(0, 99):02d}"


def email_for(name: PersonName, domain: str, style: int) -> str:
    f, last = slug(name.first), slug(name.last)
    local = (f"{f}.{last}", f"{f[0]}{last}", f"{f}{last[0]}", f"{f}_{last}")[style % 4]
    return f"{local}@{domain}"


def personal_domain(rng: random.Random) -> str:
    return rng.choice(("mailbox.example", "inbox.test", "webpost.example", "fastmail.test"))


def company_domain(company: str) -> str:
    stem = slug(company.split()[0] + (company.split()[1] if company.split()[1][0].isupper() else ""))
    return f"{stem[:18]}.example"
