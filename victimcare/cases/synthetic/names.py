"""Names and places for synthetic people: common UK names from several heritages, and the
postcode districts and towns of the Durham force area.

Each group's weight is a rough share of the population of County Durham and Darlington
(2021 Census: mostly White British, with small Welsh, Scottish and Irish, Eastern European,
South Asian, Black, Chinese and Arab communities). The names are common ones, so a
synthetic person is never a portrait of a real one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameGroup:
    key: str
    weight: float
    ethnicity: str  # people.models.Ethnicity value most people in the group would give
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]
    language: str = "en"  # "en", "cy" or the name of another language for some speakers
    other_language_share: float = 0.0


# fmt: off
GROUPS: tuple[NameGroup, ...] = (
    NameGroup(
        "english", 82, "white",
        ("Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Jessica", "Chloe", "Lucy", "Hannah",
         "Ellie", "Charlotte", "Megan", "Rebecca", "Laura", "Gemma", "Kelly", "Nicola", "Joanne", "Karen",
         "Susan", "Julie", "Tracey", "Dawn", "Linda", "Margaret", "Patricia", "Jean", "Carol", "Zoë",
         "Amy", "Katie", "Leanne", "Stacey", "Danielle", "Rachel", "Sarah", "Lisa", "Michelle", "Mia",
         "Poppy", "Evie", "Freya", "Lily", "Ruby", "Maisie", "Chelsea", "Jade", "Kirsty"),
        ("Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
         "James", "Daniel", "Matthew", "Ryan", "Liam", "Connor", "Callum", "Jordan", "Lewis", "Adam",
         "Craig", "Lee", "Paul", "Mark", "Stephen", "Gary", "Darren", "Wayne", "Andrew", "David", "John",
         "Michael", "Peter", "Robert", "Brian", "Kevin", "Alan", "Keith", "Ian", "Christopher", "Joseph",
         "Kyle", "Dylan", "Alfie", "Leo", "Archie", "Ethan", "Mason", "Tyler", "Jamie"),
        ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Robson", "Walker", "Wright", "Thompson",
         "White", "Hall", "Green", "Wood", "Harrison", "Robinson", "Jackson", "Clarke", "Watson", "Bell",
         "Armstrong", "Dixon", "Hutchinson", "Charlton", "Elliott", "Scott", "Stephenson", "Nicholson",
         "Atkinson", "Graham", "Richardson", "Young", "Anderson", "Moore", "Hodgson", "Lowes", "Common",
         "Milburn", "Pattinson", "Ridley", "Forster", "Dodds", "Heslop", "Tweddle", "Coulson", "Bainbridge",
         "Hewitson", "Storey", "Gibson", "Marshall", "Carr", "Lee", "Fenwick", "Bowes", "Raine", "Vasey",
         "Smith-Jones", "Barker-Hall", "Ord", "Teasdale"),
    ),
    NameGroup(
        "welsh", 2, "white",
        ("Siân", "Cerys", "Ffion", "Megan", "Rhiannon", "Nia", "Angharad", "Eleri", "Gwen", "Seren",
         "Lowri", "Catrin", "Mali", "Elin"),
        ("Dafydd", "Rhys", "Gareth", "Owain", "Iwan", "Huw", "Emyr", "Aled", "Geraint", "Llŷr", "Osian",
         "Ieuan", "Gruffydd", "Dylan"),
        ("Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan",
         "Griffiths", "Rees", "Pritchard", "Llewellyn", "ap Rhys", "Bowen", "Prosser", "Vaughan"),
        language="cy", other_language_share=0.25,
    ),
    NameGroup(
        "scottish_irish", 4, "white",
        ("Aoife", "Niamh", "Siobhan", "Ciara", "Orla", "Róisín", "Eilidh", "Kirsty", "Fiona", "Mhairi",
         "Shona", "Bríd"),
        ("Seán", "Ciarán", "Pádraig", "Declan", "Eoin", "Conor", "Fraser", "Hamish", "Angus", "Callum",
         "Ruairidh", "Niall"),
        ("O'Brien", "O'Neill", "Murphy", "Kelly", "McCarthy", "Doyle", "MacDonald", "Campbell", "Stewart",
         "McLean", "Fraser", "Ó Súilleabháin", "McGuinness", "Gallagher", "Reid"),
    ),
    NameGroup(
        "eastern_european", 4, "white",
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Alina", "Ioana", "Elena", "Andreea", "Rūta",
         "Jolanta", "Oksana", "Daria", "Zuzana"),
        ("Łukasz", "Piotr", "Krzysztof", "Tomasz", "Marek", "Andrei", "Ionuț", "Mihai", "Tomas", "Mindaugas",
         "Oleksandr", "Dmytro", "Jakub", "Pavel"),
        ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamińska", "Popescu", "Ionescu", "Popa", "Kazlauskas",
         "Petrauskas", "Shevchenko", "Kovalenko", "Horváth", "Novák", "Dvořák"),
        language="other", other_language_share=0.35,
    ),
    NameGroup(
        "south_asian", 4, "asian",
        ("Aisha", "Fatima", "Priya", "Anjali", "Sana", "Zainab", "Nadia", "Ruksana", "Simran", "Harpreet",
         "Amira", "Shabnam", "Deepa", "Noor"),
        ("Mohammed", "Muhammad", "Ali", "Imran", "Arjun", "Rohan", "Sanjay", "Amir", "Hassan", "Zain",
         "Harjit", "Gurpreet", "Rahul", "Bilal"),
        ("Khan", "Ahmed", "Hussain", "Patel", "Shah", "Singh", "Kaur", "Begum", "Rahman", "Islam", "Iqbal",
         "Sharma", "Chowdhury", "Mahmood", "Akhtar"),
        language="other", other_language_share=0.15,
    ),
    NameGroup(
        "black_british_african", 2, "black",
        ("Chiamaka", "Adaeze", "Ngozi", "Abena", "Ama", "Precious", "Grace", "Blessing", "Shanice", "Tiana",
         "Ayodele", "Folake"),
        ("Chinedu", "Emeka", "Kwame", "Kofi", "Tunde", "Olu", "Jermaine", "Marcus", "Tyrone", "Samuel",
         "Femi", "Daniel"),
        ("Okafor", "Adeyemi", "Mensah", "Boateng", "Okonkwo", "Campbell", "Williams", "Brown", "Osei",
         "Adebayo", "Nwosu", "Clarke"),
    ),
    NameGroup(
        "chinese", 1, "asian",
        ("Mei", "Xiu", "Li Na", "Yan", "Hui", "Jing", "Wing", "Ka Yan"),
        ("Wei", "Jun", "Hao", "Ming", "Chun", "Kai", "Ka Ho", "Zhi"),
        ("Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Chan", "Lam", "Ng", "Cheung"),
        language="other", other_language_share=0.2,
    ),
    NameGroup(
        "arab", 1, "other",
        ("Layla", "Mariam", "Huda", "Rania", "Yasmin", "Salma", "Nour", "Hana"),
        ("Omar", "Ahmad", "Khalid", "Youssef", "Karim", "Tariq", "Sami", "Mustafa"),
        ("Al-Sayed", "Haddad", "Mansour", "Nasser", "Saleh", "Hamdan", "Abdullah", "El-Masri"),
        language="other", other_language_share=0.3,
    ),
)
# fmt: on

# Languages a speaker of another language in each group is recorded with.
OTHER_LANGUAGES: dict[str, tuple[str, ...]] = {
    "eastern_european": ("Polish", "Romanian", "Lithuanian", "Ukrainian", "Slovak", "Czech", "Hungarian"),
    "south_asian": ("Urdu", "Punjabi", "Bengali", "Gujarati"),
    "chinese": ("Mandarin", "Cantonese"),
    "arab": ("Arabic",),
}

STREETS = (
    "Front Street", "Church Street", "Station Road", "High Street", "North Road", "South Street",
    "Durham Road", "Victoria Terrace", "Albert Street", "Queen Street", "Park View", "Woodland Close",
    "The Avenue", "Greenfields Road", "Mill Lane", "Newcastle Road", "Coronation Terrace", "Elm Grove",
    "West Lane", "Pit Lane", "Colliery Row", "Wear View", "Tees Crescent", "Vane Terrace", "Cross Street",
    "Beech Road", "Hawthorn Close", "Chapel Street", "St John's Road", "Oakfield Drive",
)  # fmt: skip

# Postcode districts with their post towns, by the part of the force area a crime is in.
POSTCODE_AREAS: dict[str, tuple[tuple[str, str], ...]] = {
    "north": (("DH1", "Durham"), ("DH2", "Chester le Street"), ("DH3", "Chester le Street"),
              ("DH6", "Durham"), ("DH7", "Durham"), ("DH8", "Consett"), ("DH9", "Stanley"),
              ("SR7", "Seaham"), ("SR8", "Peterlee")),
    "south": (("DL4", "Shildon"), ("DL5", "Newton Aycliffe"), ("DL12", "Barnard Castle"),
              ("DL13", "Bishop Auckland"), ("DL14", "Bishop Auckland"), ("DL15", "Crook"),
              ("DL16", "Spennymoor"), ("DL17", "Ferryhill"), ("TS21", "Stockton-on-Tees"),
              ("TS28", "Wingate"), ("TS29", "Trimdon Station")),
    "darlington": (("DL1", "Darlington"), ("DL2", "Darlington"), ("DL3", "Darlington")),
}  # fmt: skip
# The letters Royal Mail uses in the inward part of a postcode.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

CODE_WORDS = ("bluebell", "lighthouse", "marmalade", "harbour", "kestrel", "juniper", "lantern", "pebble",
              "teacup", "willow", "saffron", "compass")  # fmt: skip
ACCESSIBILITY_NEEDS = (
    "Uses a hearing aid: prefers text messages to phone calls.",
    "Needs letters in large print.",
    "Uses British Sign Language: book a BSL interpreter for meetings.",
    "Has dyslexia: please explain letters by phone as well.",
    "Uses a wheelchair: meetings in accessible rooms only.",
    "Finds phone calls hard because of anxiety: email first.",
    "Partially sighted: uses a screen reader for email.",
)
