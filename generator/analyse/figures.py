"""Figures: money, percentages, counts, quantities and dates the article states, from spaCy's NER,
each read to its value (scale applied: "$275m" is 275,000,000), its unit (a currency, "%", the
noun counted, a measure) and, for a date, its ISO form."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from generator.analyse.parse import ParsedArticle
from generator.ingest.dates import MONTHS, find_dates
from generator.model import Figure, FigureKind

KIND_BY_LABEL: dict[str, FigureKind] = {
    "MONEY": "money",
    "PERCENT": "percent",
    "CARDINAL": "count",
    "QUANTITY": "quantity",
    "DATE": "date",
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,  # South Asian numbering: "₹2 lakh" is ₹200,000
    "crore": 1e7,
}
# The scales written as words, in the patterns below.
_SCALE_NAMES = "hundred|thousand|million|billion|trillion|lakh|crore"
SCALE_WORDS = re.compile(rf"\b({_SCALE_NAMES})s?\b", re.IGNORECASE)
FULL_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
} | {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "half": 0.5,
}
# "$4,000", "1.2", "1m" (scale glued on), "275m", "£1.2bn", "15 billion"
_NUMBER = re.compile(
    r"(?P<number>\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+)"
    rf"(?:\s*(?P<scale>{_SCALE_NAMES}|mn|mln|bn|trn|tn|m|b|k)s?\b)?",
    re.IGNORECASE,
)
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
    r"(?P<word>" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    rf"(?:\s+(?P<scale>{_SCALE_NAMES})s?\b)?",
    re.IGNORECASE,
)
CURRENCY_SIGNS = (
    ("US$", "USD"),
    ("A$", "AUD"),
    ("C$", "CAD"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("£", "GBP"),
    ("€", "EUR"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₽", "RUB"),
    ("₦", "NGN"),
    ("₴", "UAH"),
)
CURRENCY_WORDS = {
    "dollar": "USD",
    "dlr": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "rouble": "RUB",
    "ruble": "RUB",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "rupee": "INR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "naira": "NGN",
    "rand": "ZAR",
    "real": "BRL",
    "reais": "BRL",
    "peso": "MXN",
    "franc": "CHF",
    "shilling": "KES",
    "taka": "BDT",
    "won": "KRW",
    "dirham": "AED",
}
# Units a count's noun may be, which make it a quantity ("about 6 MB", "400 miles")
MEASURES = {
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "metres",
    "meters",
    "feet",
    "foot",
    "inches",
    "kg",
    "kilograms",
    "tonnes",
    "tons",
    "pounds",
    "lbs",
    "acres",
    "hectares",
    "litres",
    "liters",
    "gallons",
    "barrels",
    "degrees",
    "mb",
    "gb",
    "tb",
    "kb",
    "mw",
    "gw",
    "kw",
    "kwh",
    "mwh",
    "gwh",
    "mph",
    "knots",
    "hours",
    "minutes",
    "seconds",
    "days",
    "weeks",
    "months",
    "years",
    "decades",
}
_CURRENCY_CODE = re.compile(r"\b(USD|EUR|GBP|RUB|CNY|JPY|INR|UAH|CHF|AUD|CAD|BRL|ZAR|NGN|KES)\b")
# "30 years", "the 37-year-old", "4 years and 9 months", "between 15 and 49 years": a duration
_DURATION = re.compile(
    r"(?P<count>\b[\d.,]+|\b[a-z]+)(?:\s+and\s+[\d.,]+)?[- ]"
    r"(?P<unit>year|month|week|day|decade|hour|minute)s?\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(ago|earlier|later|last|next|this|previous|coming)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?,?\s+(?:of\s+)?"
    r"(?P<year>(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)
_DECADE = re.compile(r"\b((?:1[89]|20)\d0)['’]?s\b")
_VERSION = re.compile(r"^\d+(?:\.\d+){2,}$")
_GLUED_BEFORE = re.compile(r"[A-Za-z][-–]?$")  # "COVID-19", "F-16", "G7": a number in a name
_GLUED_LETTER = re.compile(r"^\d+[A-Z]$")  # "18F", "5G", "3D"


def is_informative(entity: Span) -> bool:
    """Keep figures a reader would note: digits or scale words; dates only with a year or day."""
    text = entity.text
    if entity.label_ == "DATE":
        return bool(FULL_YEAR.search(text)) or bool(re.search(r"\d", text))
    if re.search(r"\d", text):
        return True
    # a scale with a number ("two million"), not a vague amount ("millions", "thousands of");
    # a small number in words ("the two leaders") is no figure a reader notes
    return bool(SCALE_WORDS.search(text)) and bool(_WORD_NUMBER.search(text))


def figures_in(parsed: ParsedArticle, span: Span, paragraph_id: str) -> tuple[Figure, ...]:
    figures = []
    for entity in parsed.entities_in(span):
        if entity.label_ not in KIND_BY_LABEL or not is_informative(entity):
            continue
        if _part_of_a_name(parsed, entity) or _numbers_an_item(parsed, entity):
            continue
        text = parsed.span_text(entity).strip()
        kind, value, unit = read_figure(entity, text)
        figures.append(Figure(text=text, kind=kind, paragraph=paragraph_id, value=value, unit=unit))
    return tuple(figures)


def extract_figures(parsed: ParsedArticle) -> tuple[Figure, ...]:
    """Every informative figure in the body, in reading order."""
    figures: list[Figure] = []
    for sentence in parsed.body_sentences():
        figures.extend(figures_in(parsed, sentence, parsed.paragraph_of(sentence).id))
    return tuple(figures)


def _part_of_a_name(parsed: ParsedArticle, entity: Span) -> bool:
    """A number that names or numbers something rather than stating an amount: glued to a word
    ("COVID-19", "F-16"), a version ("1.2.0"), or after a name's capitalised word ("Executive
    Order 13224", "Boeing 737", "Section 230")."""
    text = entity.text.strip()
    before = parsed.text[max(0, entity.start_char - 2) : entity.start_char]
    if _GLUED_BEFORE.search(before) or _VERSION.match(text) or _GLUED_LETTER.match(text):
        return True
    if entity.label_ not in ("CARDINAL", "DATE") or not text.isdigit():
        return False
    previous = entity.doc[entity.start - 1] if entity.start > 0 else None
    return bool(
        previous is not None
        and (previous.is_title or (previous.is_upper and len(previous) > 1))
        and previous.pos_ == "PROPN"
        and previous.text.lower().rstrip(".") not in MONTHS
        and (entity.label_ == "CARDINAL" or not FULL_YEAR.fullmatch(text))
    )


_RANK_SIGN = re.compile(r"(?:\bNo\.|#)\s*$", re.IGNORECASE)


def _numbers_an_item(parsed: ParsedArticle, entity: Span) -> bool:
    """A number that numbers a list's item ("1. Get California's most essential headlines",
    "2) Subscriptions") or a rank ("No. 1 on the list"), not an amount."""
    text = entity.text.strip()
    if not text.isdigit():
        return False
    if _RANK_SIGN.search(parsed.text, max(0, entity.start_char - 5), entity.start_char):
        return True
    after = parsed.text[entity.end_char : entity.end_char + 1]
    paragraph = parsed.paragraph_index_at(entity.start_char)
    return after in (".", ")") and parsed.paragraph_starts[paragraph] == entity.start_char


def read_figure(entity: Span, text: str) -> tuple[FigureKind, float | str | None, str | None]:
    """The figure's kind, value and unit."""
    kind = KIND_BY_LABEL[entity.label_]
    if kind == "date":
        duration = _DURATION.search(text)
        amount = number_in(duration.group("count")) if duration else None
        if duration and amount and not _RELATIVE.search(text):
            return "quantity", amount, duration.group("unit").lower()
        if text.isdigit() and not FULL_YEAR.fullmatch(text):
            # NER's date that is no year: an age after a name ("Fretz, 41,") or a count
            if int(text) < _OLDEST and _after_comma(entity):
                return "quantity", int(text), "year"
            kind = "count"
        else:
            return "date", date_value(text), None
    value = number_in(text)
    if kind == "percent":
        return kind, value, "%"
    if kind == "quantity":
        return kind, value, _measure(text)
    if value is not None and (scale := _scale_after(entity)):
        value = _whole(value * scale)  # money or a count: "£20m"
    if kind == "money":
        return kind, value, currency_of(entity, text)
    noun = _counted_noun(entity)
    if noun and noun.lower().rstrip("s") in CURRENCY_WORDS:
        return "money", value, CURRENCY_WORDS[noun.lower().rstrip("s")]
    if noun and noun.lower() in MEASURES:
        return "quantity", value, noun
    return kind, value, noun


_OLDEST = 120


def _scale_after(entity: Span) -> float | None:
    """A scale NER left out of the span: "£20m" read as "20" before "m"."""
    if entity.end >= len(entity.doc) or SCALE_WORDS.search(entity.text):
        return None
    following = entity.doc[entity.end]
    glued = following.idx == entity.end_char
    word = following.lower_
    if word in ("m", "bn", "b", "k", "tn", "mn") and not glued:
        return None
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]  # "₹2 lakhs"
    return SCALES.get(word) if word in SCALES and (glued or len(word) > 2) else None


def _after_comma(entity: Span) -> bool:
    return entity.start > 0 and entity.doc[entity.start - 1].text == ","


def number_in(text: str) -> float | None:
    """The first amount a text states, its scale applied: "$275m" 275e6, "1.2 billion" 1.2e9,
    "two thousand" 2000, "a dozen" 12."""
    match = _NUMBER.search(text)
    if match:
        value = float(match.group("number").replace(",", ""))
        scale = match.group("scale")
        return _whole(value * SCALES[scale.lower()] if scale else value)
    words = _WORD_NUMBER.search(text)
    if not words:
        return None
    value = _NUMBER_WORDS[words.group("word").lower()]
    if words.group("tens"):
        value += _NUMBER_WORDS[words.group("tens").lower()]
    if words.group("scale"):
        value *= SCALES[words.group("scale").lower()]
    return _whole(value)


def _whole(value: float) -> float:
    return int(value) if float(value).is_integer() else round(value, 6)


def currency_of(entity: Span, text: str) -> str | None:
    """The currency a money figure is in: its sign (in the span or just before it: NER may
    leave "$" out), its code or its word."""
    before = entity.doc.text[max(0, entity.start_char - 3) : entity.start_char]
    for sign, code in CURRENCY_SIGNS:
        if sign in text or before.endswith(sign):
            return code
    if code := _CURRENCY_CODE.search(text):
        return code.group(1)
    words = [t.lower_ for t in entity] + [entity.doc[entity.end].lower_] * (
        entity.end < len(entity.doc)
    )
    for word in words:
        singular = word[:-1] if word.endswith("s") and word[:-1] in CURRENCY_WORDS else word
        if singular in CURRENCY_WORDS:
            return CURRENCY_WORDS[singular]
    return None


def _measure(text: str) -> str | None:
    """The unit words of a quantity ("about 12 meters" → "meters")."""
    match = _NUMBER.search(text) or _WORD_NUMBER.search(text)
    rest = text[match.end() :] if match else text
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in ("of", "and")]
    return " ".join(words) or None


def _counted_noun(entity: Span) -> str | None:
    """The noun a count counts: the one its number modifies ("2,000 soldiers" → "soldiers")."""
    root = entity.root
    head: Token = root.head
    hyphened = entity.end < len(entity.doc) and entity.doc[entity.end].text in ("-", "–")
    while (
        not hyphened  # "a 12-point plan" counts points
        and head.dep_ == "compound"
        and head.head.pos_ in ("NOUN", "PROPN")
        and head.head.i > head.i
    ):
        head = head.head  # "7 member states": the states
    if len(head) > 2 and head.lower_.rstrip("s") in SCALES and head.i + 1 < len(head.doc):
        following = head.doc[head.i + 1]  # "3 crore rupees": the rupees, however parsed
        noun = following.pos_ == "NOUN" or following.lower_.rstrip("s") in CURRENCY_WORDS
        return following.text if noun and following.is_lower else None
    counting = root.dep_ in ("nummod", "quantmod", "compound")
    if counting and head.pos_ in ("NOUN", "PROPN") and head.i >= entity.end:
        return head.text
    return None


def date_value(text: str) -> str | None:
    """A date's ISO form: a full date YYYY-MM-DD, a month YYYY-MM, a year YYYY, a decade
    "1990s"; None for a relative date or one without a year."""
    if _RELATIVE.search(text):
        return None
    found = find_dates(text)
    if found:
        return found[0].iso
    if month := _MONTH_YEAR.search(text):
        return f"{month.group('year')}-{MONTHS[month.group('month').lower()]:02d}"
    if decade := _DECADE.search(text):
        return f"{decade.group(1)}s"
    year = FULL_YEAR.search(text)
    return year.group(0) if year else None
