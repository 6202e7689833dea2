"""Dates as news pages print them: found in a line, read into ISO `yyyy-mm-dd`, never guessed.

Read: ISO stamps ("2024-07-26 23:36:21"), day-month-year ("6 March 2014", "8th Aug. 2023"),
month-day-year ("June 04, 2024", "Apr 8th 2020", "Aug. 8, 2023") and a web address's date path
("/2020/04/08/"). Numeric dates such as 04/06/2024 are left alone: the day and month are ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTH_NAMES = (
    ("january", "jan"),
    ("february", "feb"),
    ("march", "mar"),
    ("april", "apr"),
    ("may",),
    ("june", "jun"),
    ("july", "jul"),
    ("august", "aug"),
    ("september", "sep", "sept"),
    ("october", "oct"),
    ("november", "nov"),
    ("december", "dec"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WRITTEN = (
    # Not a digit on either side, so that a page's "February 26, 2025February 26, 2025" (its
    # published and updated dates printed together) reads as two dates.
    re.compile(rf"(?<![\w.-]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<![A-Za-z]){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.IGNORECASE),
)
_ISO = re.compile(
    rf"(?<![\d/.-]){_YEAR}-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d/-])(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"
)
_URL_PATH = re.compile(
    rf"https?://\S*?/{_YEAR}/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?:/|\b)", re.IGNORECASE
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_TIME = r"\d{1,2}(?:[:.]\d\d){1,2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?"
_ZONE = r"(?:(?-i:[A-Z]{2,5})|GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?"
_OFFSET = r"[+-]\d\d:?\d\d\b"  # a time's UTC offset: "09:00:00 -0400"
# What may stand beside the date on a line that only dates the page.
_DATE_LINE_REST = re.compile(
    rf"^(?:\s|[*_>`'\"|,.:;/()\[\]{{}}–—-]|{_WEEKDAY}|{_TIME}|{_ZONE}|{_OFFSET}|"
    r"published|updated|last|first|posted|modified|date|on|at|by|the|is|was|originally|"
    r"released|issued|created|edited)*$",
    re.IGNORECASE,
)


# A dateline's place before its date, alone on a line: "Washington D.C., March 22, 2023 —".
_PLACE_BEFORE = re.compile(r"^\s*[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3},")


@dataclass(frozen=True)
class FoundDate:
    iso: str  # yyyy-mm-dd
    written: str  # the text as the line writes it
    start: int
    end: int


def _found(match: re.Match[str], month: int) -> FoundDate | None:
    try:
        date = dt.date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None
    return FoundDate(date.isoformat(), match.group(0), match.start(), match.end())


def find_dates(text: str) -> list[FoundDate]:
    """Every full date written in text (ISO, or with a month's name), in reading order."""
    found: list[FoundDate] = []
    for match in _ISO.finditer(text):
        if date := _found(match, int(match.group("month"))):
            found.append(date)
    for pattern in _WRITTEN:
        for match in pattern.finditer(text):
            month = MONTHS[match.group("month").lower()]
            if date := _found(match, month):
                found.append(date)
    found.sort(key=lambda date: date.start)
    return [
        d for i, d in enumerate(found) if not any(o.start <= d.start < o.end for o in found[:i])
    ]


def read_date(text: str) -> str | None:
    """The ISO date of a text that is one date ("8 August 2023", "2023-08-08"); None otherwise."""
    text = " ".join(text.split())
    dates = find_dates(text)
    if len(dates) != 1:
        return None
    rest = text[: dates[0].start] + text[dates[0].end :]
    return dates[0].iso if _DATE_LINE_REST.match(rest) else None


def date_line(text: str) -> FoundDate | None:
    """The date of a line that does nothing but date the page: "Published: 2024-07-26 23:36",
    "PUBLISHED: 13:32 EST, 6 March 2014", "*03:30 AM, Tuesday, June 04, 2024*"."""
    dates = find_dates(text) or _numeric_dates(text)
    if not dates or len(text) > 120:
        return None
    rest = text
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    if not _DATE_LINE_REST.match(_PLACE_BEFORE.sub("", rest, count=1)):
        return None
    return dates[0]


_URL_MONTH = re.compile(r"https?://\S*?/(?P<year>(?:19|20)\d\d)/(?P<month>[01]\d)/", re.IGNORECASE)
# A date of numbers alone, day or month first: "26-02-20", "02/26/2020".
NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})\s*$")


def numeric_date_in_month(line: str, address: str) -> str | None:
    """A numeric date line ("26-02-20"), day or month first, read against the year and month of
    the page's address ("/2020/02/"): the ISO date when exactly one reading agrees with them."""
    numbers, month_path = NUMERIC_DATE.match(line), _URL_MONTH.search(address)
    if numbers is None or month_path is None:
        return None
    first, second, year = (int(part) for part in numbers.groups())
    if year < 100:
        year += 2000 if year <= 69 else 1900
    if year != int(month_path.group("year")):
        return None
    month = int(month_path.group("month"))
    readings = {(day, mon) for day, mon in ((first, second), (second, first)) if mon == month}
    if len(readings) != 1:
        return None
    (day, _), *_ = readings
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_NUMERIC_IN_LINE = re.compile(r"(?<![\d/.-])\d{1,2}([-/.])\d{1,2}\1\d{4}(?![\d/.-])")


def _numeric_dates(text: str) -> list[FoundDate]:
    """A numeric date in a line that reads only one way ("Thu, 04/16/2015 - 15:30")."""
    found = []
    for match in _NUMERIC_IN_LINE.finditer(text):
        if iso := unambiguous_numeric_date(match.group(0)):
            found.append(FoundDate(iso, match.group(0), match.start(), match.end()))
    return found


def unambiguous_numeric_date(line: str) -> str | None:
    """A numeric date line with a four-digit year that reads only one way: "01.17.2019" is
    17 January (no 17th month), "26/02/2020" 26 February; "03.04.2019" could be either, so None."""
    numbers = NUMERIC_DATE.match(line)
    if numbers is None or len(numbers.group(3)) != 4:
        return None
    first, second, year = (int(part) for part in numbers.groups())
    readings = set()
    for day, month in ((first, second), (second, first)):
        try:
            readings.add(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else None


def date_in_address(text: str) -> FoundDate | None:
    """The date in a web address's path, as many news sites write it: /2020/04/08/."""
    match = _URL_PATH.search(text)
    return _found(match, int(match.group("month"))) if match else None
