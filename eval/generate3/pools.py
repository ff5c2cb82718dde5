"""Word and name pools for the third generator: invented, international, no real people.

Names are combined at random from first and last names of many languages, so a full
name is an invention. Company names are built from invented roots and common suffixes.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Adaeze", "Aiko", "Alejandro", "Amara", "Anders", "Anika", "Ansel", "Arjun", "Astrid",
    "Beatriz", "Bogdan", "Camille", "Chidi", "Chen", "Dalia", "Dario", "Deepa", "Dmitri",
    "Elif", "Emeka", "Esther", "Fatima", "Felipe", "Freya", "Gideon", "Greta", "Hana",
    "Hamza", "Hiroshi", "Ines", "Ingrid", "Isaac", "Jasper", "Javier", "Jun", "Kalani",
    "Kamal", "Katarina", "Kofi", "Lars", "Leila", "Lucia", "Lukas", "Mads", "Maren",
    "Mariana", "Mateo", "Mei", "Milan", "Nadia", "Naveen", "Nia", "Noor", "Oksana", "Olu",
    "Omar", "Paulo", "Pia", "Priya", "Quentin", "Rafael", "Rania", "Ravi", "Rosa", "Ruth",
    "Sakura", "Samir", "Sanne", "Sergei", "Signe", "Sofia", "Soren", "Tariq", "Teodor",
    "Thandiwe", "Tomas", "Ugo", "Valentina", "Vikram", "Wen", "Xavier", "Yara", "Yusuf",
    "Zainab", "Zofia", "Brendan", "Claire", "Daniel", "Emily", "Frank", "Grace", "Henry",
    "Julia", "Kevin", "Laura", "Martin", "Nora", "Owen", "Paul", "Rachel", "Simon",
    "Theresa", "Victor", "Walter", "Abigail", "Colin", "Diane", "Eric", "Fiona", "Gavin",
)

LAST_NAMES = (
    "Abernathy", "Achterberg", "Adeyemi", "Alvarado", "Andersen", "Aranda", "Bakshi",
    "Baptiste", "Bergstrom", "Brandt", "Castellano", "Chaudhry", "Cieslak", "Dalgaard",
    "Delacroix", "Dimitrov", "Donnelly", "Ekwueme", "Esposito", "Falk", "Ferreira",
    "Fujimoto", "Galloway", "Grigoryan", "Haddad", "Halvorsen", "Hendricks", "Hoang",
    "Ibarra", "Ilunga", "Iwasaki", "Jablonski", "Jovanovic", "Kaminski", "Karlsson",
    "Kaur", "Kowalczyk", "Kruger", "Lindqvist", "Lombardi", "Madsen", "Mahlangu",
    "Marchetti", "Mbeki", "Mendoza", "Morozov", "Nakagawa", "Nguyen", "Novak", "Nwosu",
    "Okafor", "Okonkwo", "Oyelaran", "Pacheco", "Petrov", "Quintero", "Rahman", "Ramaswamy",
    "Reinholt", "Rossetti", "Saarinen", "Salazar", "Schreiber", "Sato", "Shapiro", "Silva",
    "Sorensen", "Szabo", "Takahashi", "Tanaka", "Thorsen", "Toivonen", "Uchenna", "Varga",
    "Vasquez", "Verhoeven", "Wainwright", "Whitlock", "Wojcik", "Yamamoto", "Yilmaz",
    "Zeller", "Zhou", "Brennan", "Calloway", "Draper", "Ellery", "Fairbanks", "Gallagher",
    "Hartley", "Kessler", "Lachance", "Merriweather", "Pembroke", "Radcliffe", "Stanhope",
    "Thackeray", "Underhill", "Vance", "Winslow", "Ashdown", "Beaumont", "Crowther",
)

COMPANY_ROOTS = (
    "Orion", "Halcyon", "Bramblewood", "Corvid", "Driftline", "Emberly", "Fenwick",
    "Granite Peak", "Harrowgate", "Ironbark", "Juniper", "Kestrel", "Larkspur", "Meridian",
    "Northgate", "Oakhaven", "Pinecrest", "Quarry Lane", "Redfern", "Saltmarsh", "Tidewater",
    "Umber", "Vantage Ridge", "Westmere", "Yarrow", "Zephyr", "Alder", "Bellwether",
    "Cobalt", "Dovetail", "Everly", "Foxglove", "Glasswing", "Heronsgate", "Inkwell",
    "Lodestar", "Marigold", "Nimbus", "Old Mill", "Palisade", "Quillon", "Riverbend",
    "Silverline", "Thornbury", "Ulmstead", "Verdant", "Wickham", "Amberline", "Castlerock",
    "Copperleaf", "Eastwater", "Greyhaven", "Hollowell", "Kingsbridge", "Millbrook",
)

COMPANY_KINDS = (
    "Logistics", "Holdings", "Capital", "Partners", "Foods", "Health", "Energy", "Software",
    "Properties", "Freight", "Manufacturing", "Media", "Biotech", "Realty", "Hospitality",
    "Systems", "Retail", "Dental Group", "Construction", "Analytics", "Insurance",
)

COMPANY_SUFFIXES = ("Inc.", "LLC", "Ltd.", "GmbH", "S.A.", "B.V.", "Corp.", "LLP", "plc", "AG")

CITIES = (
    "Rotterdam", "Porto", "Lyon", "Graz", "Tampere", "Gdansk", "Bilbao", "Leeds", "Cork",
    "Aarhus", "Bologna", "Brno", "Kyoto", "Pune", "Lagos", "Accra", "Nairobi", "Curitiba",
    "Valparaiso", "Monterrey", "Halifax", "Calgary", "Tucson", "Omaha", "Spokane", "Raleigh",
    "Savannah", "Boise", "Dayton", "Fresno", "Madison", "Richmond", "Tacoma", "Wichita",
)

STREETS = (
    "Alder", "Birch", "Canal", "Dockside", "Elm", "Foundry", "Garnet", "Harbor", "Ivy",
    "Juniper", "Kingfisher", "Linden", "Mill", "Northfield", "Orchard", "Quarry", "Rowan",
    "Sycamore", "Tanner", "Union", "Vine", "Wharf", "Willow", "Yardley",
)
STREET_TYPES = ("Street", "Avenue", "Road", "Lane", "Way", "Boulevard", "Court", "Place")

CODENAMES = (
    "Atlas", "Bluebird", "Cascade", "Falcon", "Granite", "Helios", "Indigo", "Jade",
    "Kodiak", "Lantern", "Mosaic", "Nova", "Obsidian", "Pelican", "Quartz", "Sable",
    "Tundra", "Umbra", "Vega", "Walrus", "Zenith", "Aurora", "Beacon", "Comet", "Ember",
)

PRODUCTS = (
    "FlowDesk", "Tallyo", "Brightpath", "Quickfold", "Nestora", "Veloz", "Cartwise",
    "Pulsebox", "Stridewell", "Lumora", "Gridwise", "Packly", "Sunbay", "Crisply",
    "Medivue", "Routeline", "Harvestly", "Ocula", "Tempra", "Zipline Pro",
)

AGENCIES = (
    "State Revenue Department", "Environmental Protection Agency", "Labor Board",
    "Planning Commission", "Securities Commission", "Data Protection Authority",
    "Competition Authority", "Zoning Board", "Department of Health",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

ACTIVITY_NAMES = (
    "Email", "Telephone call", "Review documents", "Draft documents", "Research",
    "Meeting", "Court appearance", "Travel", "Revise documents", "Negotiation",
    "Case management",
)

FIRM_NAMES = (
    "Whitlock Aranda LLP", "Pembroke Szabo & Nwosu", "Hartley Lindqvist LLP",
    "Calloway Rahman PC", "Beaumont Okafor Marchetti LLP", "Stanhope & Iwasaki",
)

PERSONAL_PROVIDERS = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me",
                      "gmx.de", "hotmail.com")

GENERIC_SENTENCES = (
    "Let me know if you have any questions.",
    "Happy to discuss.",
    "Thanks for the quick turnaround.",
    "Please see below.",
    "Following up on my note from last week.",
    "Apologies for the delay in getting back to you.",
    "Looping in the team for visibility.",
    "Can we find 30 minutes this week?",
    "I'll circle back once I hear from them.",
    "Sending this over now so you have it before the call.",
    "Just checking where this stands.",
    "Adding a couple of comments below.",
    "See my notes in red.",
    "Let me know what works for your schedule.",
    "I think we are close on this.",
    "Hope you had a good weekend.",
    "Thanks again for your help on this.",
    "Please treat this as confidential.",
    "I'm out of the office Friday but reachable by phone.",
    "Will revert shortly.",
    "Agree with the approach.",
    "Not urgent, whenever you get a chance.",
    "Flagging in case you missed it.",
    "Noted, thanks.",
)

ONE_LINERS = (
    "Thanks!", "Thank you.", "Will do.", "Received, thanks.", "Works for me.",
    "Great, thanks.", "Perfect.", "Ok", "Sounds good.", "Got it, thanks.",
    "Thanks, will review tonight.", "Confirmed.", "See you then.", "Many thanks.",
    "Noted.", "+1", "Thx", "Appreciated!",
)

SIGN_OFFS = ("Best,", "Thanks,", "Regards,", "Best regards,", "Kind regards,", "Cheers,",
             "Thank you,", "Many thanks,", "", "")

DISCLAIMER = (
    "CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the "
    "sole use of the intended recipient(s) and may contain confidential and privileged "
    "information. Any unauthorized review, use, disclosure or distribution is prohibited. "
    "If you are not the intended recipient, please contact the sender by reply e-mail and "
    "destroy all copies of the original message."
)

EXTERNAL_DISCLAIMERS = (
    "This email and any files transmitted with it are confidential and intended solely for "
    "the use of the individual or entity to whom they are addressed.",
    "Please consider the environment before printing this email.",
    "The information in this message is intended for the addressee only and may be legally "
    "privileged. If you have received it in error, please notify the sender.",
    "",
    "",
)

# Parts of invented surnames and company roots, so that a large fixture does not run out
# of names and two unrelated people rarely share one.
SURNAME_HEADS = (
    "Al", "Ber", "Cas", "Dor", "Ek", "Fal", "Gar", "Hal", "Iv", "Kov", "Lund", "Mar", "Nov",
    "Ok", "Pet", "Ros", "Sol", "Tor", "Vas", "Wal", "Yan", "Zel", "Bran", "Chal", "Dun",
    "Esk", "Fern", "Gold", "Hart", "Jar", "Kal", "Lem", "Mor", "Nak", "Ol", "Pal", "Quin",
    "Ram", "Sab", "Tam", "Ul", "Var", "Wes", "Adel", "Bog", "Cor", "Dal", "Ebe", "Fitz",
)
SURNAME_TAILS = (
    "ski", "sen", "son", "ova", "ez", "ini", "ani", "ura", "mann", "berg", "strom", "ovic",
    "enko", "ides", "oglu", "ayo", "eke", "well", "ford", "ton", "ley", "stein", "aro",
    "elli", "ito", "uchi", "ade", "imi", "dottir", "quist", "haus", "eau", "ard", "inen",
    "escu", "yan", "zadeh", "wala", "ongo", "bury",
)
ROOT_HEADS = (
    "Bright", "Stone", "Silver", "Oak", "Red", "North", "Blue", "Iron", "Green", "Clear",
    "High", "Cedar", "Maple", "Falcon", "Summit", "Harbor", "River", "Lake", "Sun", "Star",
    "Fox", "Elm", "Crown", "West", "Pine", "Copper", "Gold", "Amber", "Hazel", "Wolf",
)
ROOT_TAILS = (
    "water", "bridge", "field", "gate", "point", "view", "wood", "stone", "crest", "brook",
    "ridge", "haven", "line", "path", "way", "land", "mark", "well", "dale", "peak", "ford",
    "moor", "vale", "hurst",
)
