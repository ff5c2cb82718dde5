"""Invented name pools and a registry that hands out unique names.

Every person, firm and company in a fixture is drawn from these pools and
combined at random, so no record describes a real client. The pools are
deliberately diverse; surnames are sometimes reused on purpose (see
``NameRegistry.shared_surname``) to create the "two unrelated clients share a
surname" hard case.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Adaeze", "Adrian", "Aiko", "Alana", "Alejandro", "Amara", "Anders", "Anika", "Arjun",
    "Astrid", "Aurelio", "Beatriz", "Benedikt", "Bianca", "Bongani", "Caius", "Camila",
    "Carmen", "Cassius", "Celeste", "Chidi", "Chioma", "Cordelia", "Dalia", "Damien", "Darnell",
    "Delphine", "Desmond", "Dmitri", "Ebony", "Eero", "Eleni", "Elio", "Emeka", "Esme",
    "Esteban", "Fatima", "Femi", "Fiona", "Florin", "Gabriela", "Gideon", "Giulia", "Hana",
    "Hassan", "Helena", "Hiroshi", "Ignacio", "Ilse", "Imani", "Ingrid", "Isidro", "Jae-won",
    "Jasper", "Javier", "Jelena", "Joaquin", "Jolene", "Kaito", "Kamala", "Kasimir", "Keanu",
    "Keziah", "Kofi", "Lachlan", "Laila", "Lenora", "Leopold", "Liesel", "Lorenzo", "Lucia",
    "Mackenzie", "Magnus", "Malik", "Marisol", "Matthias", "Meera", "Milos", "Minh", "Mireille",
    "Nadia", "Naveen", "Nia", "Nikolai", "Noor", "Oksana", "Olamide", "Orlando", "Osric",
    "Paloma", "Pavel", "Priya", "Quentin", "Rafael", "Ramona", "Rashid", "Renata", "Rhea",
    "Rohan", "Rosalind", "Saanvi", "Salome", "Santiago", "Saoirse", "Sebastian", "Selin",
    "Soren", "Sunita", "Tamsin", "Tariq", "Teodora", "Thandiwe", "Tobias", "Ulrike",
    "Valentina", "Vikram", "Wendell", "Ximena", "Yara", "Yusuf", "Zainab", "Zoltan", "Ayesha",
    "Bartholomew", "Clementine", "Dorian", "Evangeline", "Fitzgerald", "Greer", "Harriet",
    "Ines", "Jovan", "Katarina", "Leland", "Marguerite", "Niamh", "Octavia", "Percival",
    "Rosalie", "Sterling", "Thaddeus", "Verity", "Winifred", "Ansel", "Bryony", "Cyrus",
    "Delia", "Ezra", "Farida", "Gwendolyn", "Hollis", "Isolde", "Jericho", "Kwame", "Lior",
    "Maeve", "Nkechi", "Odette", "Pilar", "Reuben", "Sakura", "Tomasz", "Umberto", "Vesna",
)

LAST_NAMES: tuple[str, ...] = (
    "Abernathy", "Achterberg", "Adeyemi", "Alcantara", "Almeida", "Amsel", "Arbogast",
    "Ashdown", "Balogun", "Barrientos", "Bastien", "Beaumont", "Bellweather", "Bertrand",
    "Blackwood", "Bondarenko", "Brannigan", "Brightwater", "Calloway", "Castellanos",
    "Chakraborty", "Chen-Whitlock", "Cifuentes", "Corrigan", "Dabrowski", "Dalca", "Delacroix",
    "Desrosiers", "Drummond", "Dunleavy", "Eckhardt", "Ekwueme", "Espinoza", "Falkenrath",
    "Farrokhzad", "Fenwick", "Figueroa", "Fontaine", "Gallardo", "Garroway", "Gentry",
    "Goldfarb", "Grimaldi", "Gutierrez-Lowe", "Halvorsen", "Harcourt", "Hashemi", "Hollis",
    "Huerta", "Ibekwe", "Ilyin", "Iwasaki", "Jablonski", "Jorgensen", "Kaczmarek", "Kanagawa",
    "Kavanagh", "Khatri", "Kowalczyk", "Lachance", "Landry", "Lindqvist", "Lombardo",
    "Macready", "Magnusson", "Mahlangu", "Marchetti", "Mbeki-Ross", "McAllister", "Mendelsohn",
    "Moreau", "Nakashima", "Navarrete", "Nwachukwu", "Oduya", "Okafor", "Okonkwo", "Olander",
    "Ortega", "Pacheco", "Papadakis", "Pellegrino", "Petrakis", "Quintero", "Radcliffe",
    "Ramaswamy", "Renfrow", "Rinaldi", "Rosenthal", "Sabatini", "Salcedo", "Sandoval",
    "Schuyler", "Seferovic", "Shackleford", "Sorensen", "Stanhope", "Sundberg", "Szymanski",
    "Takahashi", "Tamayo", "Thistlewood", "Trujillo", "Ueda", "Underhill", "Valdivia", "Vance",
    "Varga", "Villanueva", "Voss", "Wainwright", "Waverly", "Whitcombe", "Winslow", "Wojcik",
    "Yamamoto", "Yilmaz", "Zamora", "Zelenko", "Abara", "Bascombe", "Carrasco", "Dimitrov",
    "Ellsworth", "Fairbanks", "Galloway", "Hargreave", "Illescas", "Jankowski", "Kettering",
    "Loughran", "Montiel", "Nakamura-Price", "Ostrowski", "Prendergast", "Quarles",
    "Rutherford", "Stavros", "Tennant", "Urquhart", "Vasquez-Hale", "Wexford", "Yoshida",
    "Zhou-Martin", "Alvarez", "Brennan", "Cardenas", "Dao", "Esposito", "Farouk", "Greaves",
    "Haddad", "Ivanova", "Jaramillo", "Kimura", "Lindgren", "Mwangi", "Nguyen", "Obi", "Pham",
    "Qureshi", "Reyes", "Sato", "Tran", "Uchenna", "Vo", "Wu", "Xiong", "Yeo", "Zaman",
    "Bhattacharya", "Cortez", "Duarte", "Eastman", "Ferreira", "Gillespie", "Acheampong",
    "Arceneaux", "Baptiste", "Benavides", "Boateng", "Castillo-Reyes", "Cheung", "Coulibaly",
    "Dasgupta", "Delgado", "Dubois", "Ellison", "Esquivel", "Fairweather", "Fitzroy", "Garnier",
    "Gonsalves", "Hadley", "Hakimi", "Hendrickx", "Holloway", "Iyer", "Jovanovic", "Kapoor",
    "Karlsson", "Keane", "Kruger", "Lambert", "Laurentis", "Lozano", "Madsen", "Mahmoud",
    "Medina", "Mirza", "Moloney", "Murakami", "Nair", "Nieminen", "Novak", "Nunez", "Ogunleye",
    "Okoro", "Oyelaran", "Park", "Pereira", "Petrov", "Quinlan", "Rahman", "Rasmussen", "Rocha",
    "Romero", "Sahin", "Salazar", "Santangelo", "Sharma", "Sinclair", "Soto", "Strand",
    "Suleiman", "Tanaka", "Teixeira", "Thornton", "Toivonen", "Ulloa", "Valencia", "Vandermeer",
    "Varela", "Walcott", "Weller", "Whitaker", "Yadav", "Zielinski", "Zuniga", "Ainsworth",
    "Baxter", "Cabrera", "Dempsey", "Ekstrom", "Ferrante",
)

SYLLABLES_A = (
    "Bel", "Cor", "Dra", "Fen", "Gal", "Har", "Kes", "Lan", "Mor", "Nel", "Ost", "Pra", "Quil",
    "Ros", "Sel", "Tor", "Ul", "Vel", "Wyn", "Zan",
)
SYLLABLES_B = (
    "bridge", "crest", "dale", "field", "gate", "haven", "ley", "mark", "mont", "ridge",
    "stead", "ton", "vale", "wick", "worth", "by", "ford", "hurst",
)

CO_WORDS_A = (
    "Brightline", "Coastal", "Meridian", "Summitview", "Redwood", "Iron Creek", "Bluewater",
    "Cascade", "Granite", "Harborlight", "Keystone", "Lakeshore", "Northgate", "Oakhaven",
    "Pinecrest", "Quarry Hill", "Riverbend", "Silverleaf", "Tidewater", "Westfield",
    "Amberfield", "Copperline", "Driftwood", "Evergreen", "Foxglove", "Goldcrest",
    "Hollowbrook", "Juniper Ridge", "Kingsbury", "Larchmont", "Mossrock", "Newhaven",
    "Orchard Lane", "Prairie Wind", "Saltmarsh", "Thornbury",
)
CO_SYL_A = (
    "Alta", "Brook", "Clear", "Dun", "Elm", "Fair", "Glen", "High", "Ivy", "Kings", "Lark",
    "Mill", "North", "Oak", "Pine", "Rock", "Stone", "Sun", "Thorn", "Wood",
)
CO_SYL_B = (
    "view", "field", "gate", "haven", "line", "point", "port", "side", "water", "mere", "ridge",
    "dale", "crest", "brook",
)
CO_WORDS_B = (
    "Logistics", "Freight Partners", "Health Systems", "Property Management", "Builders",
    "Grocers", "Transit", "Hospitality Group", "Manufacturing", "Dental Group", "Auto Sales",
    "Fitness Clubs", "Roofing", "Software", "Realty", "Staffing Services", "Restaurants",
    "Distribution", "Medical Group", "Home Care", "Construction", "Packaging", "Apartments",
    "Landscaping",
)
CO_SUFFIX = ("Inc.", "LLC", "Co.", "Corp.", "LLP", "Ltd.")

INSURERS = (
    "Granite Shield Insurance", "Bluewater Casualty Company", "Evermark Mutual",
    "Larkspur Indemnity", "Tollgate Insurance Group", "Crestmoor Casualty",
    "Westvale Fire & Casualty", "Copperline Mutual Insurance",
)

STREETS = (
    "Alder", "Birchwood", "Cedar Hollow", "Dunmore", "Elmira", "Fernhill", "Glenarm",
    "Hawthorne", "Ironwood", "Juniper", "Kestrel", "Linden", "Marlowe", "Northcote", "Orchard",
    "Pembrook", "Quarry", "Rosemont", "Sycamore", "Tamarack", "Upland", "Vireo", "Wexley",
    "Yarrow",
)
STREET_TYPES = (
    "St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way", "Pl",
)

PERSONAL_DOMAINS = (
    "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com",
    "aol.com",
)
# fmt: on


@dataclass
class NameRegistry:
    """Hands out person and company names that are unique within a fixture.

    Surnames are split in two pools: clients and adverse parties (``unique=True``)
    each get a surname nobody else has, unless one is reused on purpose; everyone
    else (staff, judges, counsel, outside parties) draws from the other pool,
    where a surname may repeat but a full name never does.
    """

    rng: random.Random
    used_people: set[str] = field(default_factory=set)
    used_companies: set[str] = field(default_factory=set)
    used_surnames: list[str] = field(default_factory=list)  # the unique pool's, in order
    used_phones: set[str] = field(default_factory=set)
    area_codes: tuple[str, ...] = ("213",)

    def phone(self) -> str:
        """A unique fictional number in the 555-01xx range reserved for fiction."""
        for _ in range(5000):
            number = f"({self.rng.choice(self.area_codes)}) 555-01{self.rng.randint(0, 99):02d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number
        raise RuntimeError("phone pool exhausted")

    def invented_surname(self) -> str:
        return self.rng.choice(SYLLABLES_A) + self.rng.choice(SYLLABLES_B)

    _unique_pool: list[str] = field(default_factory=list)
    _other_pool: list[str] = field(default_factory=list)
    _other_used: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        pool = list(LAST_NAMES)
        self.rng.shuffle(pool)
        cut = int(len(pool) * 0.62)
        self._unique_pool, self._other_pool = pool[:cut], pool[cut:]

    def person(self, surname: str | None = None, unique: bool = False) -> tuple[str, str]:
        """A (first, last) pair never handed out before."""
        for _ in range(2000):
            first = self.rng.choice(FIRST_NAMES)
            if surname is not None:
                last = surname
            elif self.rng.random() < 0.08:
                last = self.invented_surname()
            elif unique:
                last = self.rng.choice(self._unique_pool)
            else:
                last = self.rng.choice(self._other_pool)
            if surname is None and (
                last in self.used_surnames or (unique and last in self._other_used)
            ):
                continue
            full = f"{first} {last}"
            if full not in self.used_people:
                self.used_people.add(full)
                if surname is None and unique:
                    self.used_surnames.append(last)
                elif surname is None:
                    self._other_used.add(last)
                return first, last
        raise RuntimeError("name pool exhausted")

    def shared_surname(self) -> str:
        """A surname that has already been handed out (for deliberate reuse)."""
        return self.rng.choice(self.used_surnames)

    def company(self, kinds: tuple[str, ...] = CO_WORDS_B) -> str:
        """A party company: its first word is used by no other company in the fixture."""
        for _ in range(5000):
            if self.rng.random() < 0.6:
                word = self.rng.choice(CO_WORDS_A)
            else:
                word = self.rng.choice(CO_SYL_A) + self.rng.choice(CO_SYL_B)
            lead = word.split(" ")[0]
            if lead in self.used_companies:
                continue
            suffix = self.rng.choice(CO_SUFFIX[:4])
            name = f"{word} {self.rng.choice(kinds)}"
            self.used_companies.add(lead)
            return f"{name}, {suffix}" if suffix in ("Inc.", "Co.", "Corp.") else f"{name} {suffix}"
        raise RuntimeError("company pool exhausted")

    def org(self, kinds: tuple[str, ...]) -> str:
        """A service firm named after a founder (mediators, escrow, appraisers, ...)."""
        return f"{self.rng.choice(self._other_pool)} {self.rng.choice(kinds)}"

    def law_firm(self) -> str:
        for _ in range(1000):
            a = self.rng.choice(self._other_pool)
            b = self.rng.choice(self._other_pool)
            if a == b:
                continue
            name = f"{a} {b} {self.rng.choice(('LLP', 'LLP', 'PC', 'Law Group', 'PLLC'))}"
            if name not in self.used_companies:
                self.used_companies.add(name)
                return name
        raise RuntimeError("law firm pool exhausted")


def slug(text: str) -> str:
    """Lower-case letters and digits only (for e-mail addresses and domains)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def street_address(rng: random.Random) -> str:
    return f"{rng.randint(100, 9899)} {rng.choice(STREETS)} {rng.choice(STREET_TYPES)}"
