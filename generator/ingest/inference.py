"""Title, date and publisher from an article's text, where no metadata gives them, each with the
evidence it was inferred from (`generator/publishers.yaml` for publishers)."""

from __future__ import annotations

import functools
import re
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.ingest.boilerplate import (
    ABOUT_ISSUER,
    ADDRESS,
    BYLINE,
    COMMENT_FOOTER,
    CONTACT,
    COPYRIGHT,
    CREDIT,
    DATE_LINE,
    DOCUMENT_TYPES,
    EDITOR_NOTE,
    ISSUER_LABEL,
    ISSUER_NOTE,
    KICKER,
    LICENCE,
    METADATA,
    PROMO,
    PUBLICATION_NOTE,
    PUBLISHER_NAME,
    QUOTED_PASSAGE,
    SITE_NOTICE,
    TAGS,
    Cleaned,
    normalised,
    title_bar_site,
    word_count,
)
from generator.ingest.dates import (
    NUMERIC_DATE,
    date_in_address,
    date_line,
    find_dates,
    numeric_date_in_month,
    read_date,
    unambiguous_numeric_date,
)
from generator.model import Inference

PUBLISHERS_FILE = Path(__file__).resolve().parent.parent / "publishers.yaml"

TITLE_FROM_FILE_NAME = "no headline line found; made from the file name"

# --- inference ----------------------------------------------------------------------------------


def infer_title(cleaned: Cleaned, path: Path, inferred: list[Inference]) -> str:
    headline = cleaned.headline
    if headline is None:
        title = " ".join(re.sub(r"[_-]+", " ", path.stem).split()) or path.name
        inferred.append(Inference("title", title, TITLE_FROM_FILE_NAME))
        return title
    evidence = f"headline on line {headline.line}"
    if cleaned.kicker is not None:
        evidence += (
            f', below the section label "{cleaned.kicker.text}" on line {cleaned.kicker.line}'
        )
    inferred.append(Inference("title", headline.text, evidence))
    return headline.text


_DATED_REASONS = frozenset({DATE_LINE, METADATA, BYLINE})
_LATER_DATE = re.compile(r"\b(?:updated|modified|last|edited|revised)\b", re.IGNORECASE)

_PAGE_UPDATED = re.compile(r"\bpage was (?:last )?(?:updated|modified)\b", re.IGNORECASE)
_LIST_DATES = 3  # bare date lines with as many different dates date a list, not the page


def _listed_dates(cleaned: Cleaned) -> bool:
    """Whether the page prints bare dates over a list of events or stories (a timeline, related
    news), so that no bare date line is its own."""
    dates = {
        found.iso
        for removed in cleaned.removed
        if removed.reason == DATE_LINE and (found := date_line(removed.text)) is not None
    }
    return len(dates) >= _LIST_DATES


_UNDER_HEADLINE = 3  # lines


def _numeric_dates(cleaned: Cleaned, addresses: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """A record's numeric date line ("26-02-20"), read where the page's address gives its year
    and month; alone it could be the 26th of February or nothing."""
    found = []
    for removed in cleaned.removed:
        for address, where in addresses:
            date = numeric_date_in_month(removed.text, address)
            if date is not None:
                evidence = f"the date line {_quoted(removed.text)} on line {removed.line}, read "
                found.append((date, evidence + f"by the year and month of {where}"))
    for removed in cleaned.removed:
        dated = removed.reason in (DATE_LINE, METADATA)  # a date line, or a record's field
        date = unambiguous_numeric_date(removed.text) if dated else None
        if date is not None:
            evidence = f"the date line {_quoted(removed.text)} on line {removed.line}"
            found.append((date, evidence + ", which reads only one way"))
    return found


def infer_date(
    cleaned: Cleaned,
    addresses: Sequence[tuple[str, str]],
    inferred: list[Inference],
    title: str | None = None,
) -> str | None:
    """The page's own date: a periodical's issue heading ("The Star for March 20, 2024"), a date
    line ("Published: …"; an "Updated" one only when nothing else dates the page), a dated
    dateline, or the date path of the page's printed address."""
    candidates: list[tuple[str, str]] = []
    issue = _issue(title)
    if issue:
        candidates.append((issue[1], f"the issue heading {_quoted(title or '')}"))
    later: list[tuple[str, str]] = []
    listed = _listed_dates(cleaned)
    headline = cleaned.headline.line if cleaned.headline is not None else None
    for removed in cleaned.removed:
        # A page listing other stories' dates still prints its own right under its headline.
        under_headline = headline is not None and 0 < removed.line - headline <= _UNDER_HEADLINE
        dated = removed.reason in _DATED_REASONS and not (
            listed and removed.reason == DATE_LINE and not under_headline
        )
        found = date_line(removed.text) if dated else None
        if removed.reason == BYLINE and found is None:
            found = next(iter(find_dates(removed.text)), None)
        if removed.reason == SITE_NOTICE and _PAGE_UPDATED.search(removed.text):
            found = next(iter(find_dates(removed.text)), None)  # "This page was last updated on …"
        if found is not None:
            evidence = f"{removed.reason} {_quoted(removed.text)} on line {removed.line}"
            if NUMERIC_DATE.match(found.written):  # "01.17.2019"
                evidence += ", which reads only one way"
            (later if _LATER_DATE.search(removed.text) else candidates).append(
                (found.iso, evidence)
            )
    if not candidates:
        candidates += _numeric_dates(cleaned, addresses)
    for dateline in cleaned.datelines:
        date = read_date(dateline.date) if dateline.date else None
        if date:
            candidates.append((date, f'dateline "{dateline.text}" on line {dateline.line}'))
    today = _dated_today(cleaned)
    if today is not None:
        candidates.append(today)
    for text, where in addresses:
        found = date_in_address(text)
        if found is not None:
            candidates.append((found.iso, f"the date path of {where}"))
    chosen = (candidates or later or [None])[0]
    if chosen is None:
        return None
    inferred.append(Inference("date", chosen[0], chosen[1]))
    return chosen[0]


# A lede that dates its "today": "Today (27 March 2014) the government’s ambition …", "Today,
# March 3, 2020, the agency …".
_DATED_TODAY = re.compile(
    r"^Today\s*(?:\((?P<bracketed>[^()]{6,40})\)|,(?P<commas>[^,]{3,20},\s*\d{4}),)"
)


def _dated_today(cleaned: Cleaned) -> tuple[str, str] | None:
    """(date, evidence) from the lede's dated "today", the day the text was written."""
    lede = next((unit for unit in cleaned.body if not unit.heading), None)
    match = _DATED_TODAY.match(lede.text) if lede is not None else None
    if match is None:
        return None
    date = read_date(match.group("bracketed") or match.group("commas"))
    if date is None:
        return None
    return date, f'the lede\'s dated "today" ({match.group(0)}) on line {lede.line}'


def printed_addresses(cleaned: Cleaned, url: str | None) -> list[tuple[str, str]]:
    """(address, where it stands) for the page's own address: the metadata's, or a scraper's
    address line (never a link inside the article's text)."""
    found = [(url, "the url in the metadata")] if url else []
    for removed in cleaned.removed:
        if removed.reason in (ADDRESS, METADATA):
            for address in re.findall(r"https?://\S+|www\.\S+", removed.text):
                found.append((address, f"the address on line {removed.line}"))
            sender = _MAIL_SENDER.search(removed.text)
            if sender:  # a forwarded release's "From: news@agency.gov"
                found.append((sender.group(1), f"the sender's address on line {removed.line}"))
        elif removed.reason == CONTACT:  # a release's press contact writes from the issuer
            for host in _MAIL_HOST.findall(removed.text):
                found.append((host, f"the press contact's address on line {removed.line}"))
    return found


_MEDIA_FILE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|mp4|mov|webm|mp3|m4a|pdf)(?:[?#]\S*)?$", re.I
)
_MAIL_SENDER = re.compile(r"\bFrom:\s*\S*?@([\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_MAIL_HOST = re.compile(r"\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
# A publisher naming itself in its own furniture: "… the newsletter of Example Magazine",
# "Example News is a nonprofit newsroom …", "… is an editorially independent program of …".
_NAME_WORDS = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|for|and|the))*?"
_SELF_NAMED = (
    re.compile(rf"\bnewsletter of (?P<name>{_NAME_WORDS})(?=[,.;:!]|\s+[a-z]|$)"),
    re.compile(rf"\bwelcome (?:once again |back )?to (?P<name>{_NAME_WORDS})['’]s\b"),
    re.compile(
        rf"^(?P<name>{_NAME_WORDS})(?:, [^,]{{1,80}},)? is (?:a|an|the) [\w ,-]{{0,60}}?"
        r"(?:newsroom|news (?:organi[sz]ation|service|agency|outlet|site|website)|publication"
        r"|magazine|newsletter|editorially independent)\b"
    ),
)


def _self_named(text: str) -> str | None:
    for pattern in _SELF_NAMED:
        match = pattern.search(text)
        if match and word_count(match.group("name")) <= 6:
            return match.group("name").strip()
    return None


@dataclass(frozen=True)
class Publisher:
    """One entry of publishers.yaml: the name to show, and every name that points to it."""

    name: str
    aliases: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()  # its web addresses' host names, without "www."
    cited: bool = False  # others cite it all the time: its name in a sentence proves nothing


PublisherTable = tuple[Publisher, ...]


@functools.cache
def load_publishers(path: Path = PUBLISHERS_FILE) -> PublisherTable:
    """The publisher table; a broken table is the project's error, so this one raises."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return tuple(
            Publisher(
                name=str(entry["name"]),
                aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
                brands=tuple(str(brand) for brand in entry.get("brands") or ()),
                domains=tuple(str(domain).lower() for domain in entry.get("domains") or ()),
                cited=bool(entry.get("cited", False)),
            )
            for entry in data["publishers"]
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise ValueError(
            f"{path}: cannot read the publisher table ({error}); "
            "it must be `publishers:` with a list of entries that each have a `name`"
        ) from error


_CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|LLC|Inc\.?|Ltd\.?|Limited|plc|PLC|Corp\.?|Corporation|Co\.?|GmbH|S\.?A\.?)$"
)
_COPYRIGHT_HOLDER = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*[,.]?\s*(?P<holder>.*?)"
    r"[\s.,]*(?:all rights reserved\.?)?$",
    re.IGNORECASE,
)
_FURNITURE_REASONS = frozenset(
    {PROMO, COMMENT_FOOTER, COPYRIGHT, BYLINE, METADATA, PUBLICATION_NOTE, EDITOR_NOTE}
    | {PUBLISHER_NAME, LICENCE, SITE_NOTICE, TAGS}
)
# …and a section label over the headline ("ARCIC Feature"), read only for a publisher's name.
_CLUE_REASONS = _FURNITURE_REASONS | {KICKER}


@functools.cache
def publisher_names(table: PublisherTable) -> frozenset[str]:
    """Every name and alias of the table, `normalised`: such a line alone is furniture."""
    return frozenset(
        normalised(name) for publisher in table for name in (publisher.name, *publisher.aliases)
    )


def canonical_publisher(name: str, table: PublisherTable) -> str:
    """The table's name for a publisher as a dateline, a copyright line or its brand writes it."""
    cleaned = name.strip(" .,")
    stripped = _CORPORATE_SUFFIX.sub("", cleaned).strip(" .,")
    for candidate in (cleaned, stripped):
        for publisher in table:
            names = (publisher.name, *publisher.aliases, *publisher.brands)
            if any(_name_key(candidate) == _name_key(known) for known in names):
                return publisher.name
    return stripped or cleaned


def _listed_publisher(name: str, table: PublisherTable) -> str | None:
    """The table's name for `name` when it is one of the table's publishers, else None."""
    publisher = canonical_publisher(name, table)
    return publisher if any(entry.name == publisher for entry in table) else None


def _name_key(name: str) -> str:
    """A name compared without case or the stops of initials ("US" is "U.S.")."""
    return re.sub(r"(?<=\b[A-Za-z])\.", "", name).casefold()


# Words a site puts beside its own name over a headline: "ARCIC Feature", "ARCIC EXCLUSIVE".
_SECTION_LABELS = frozenset(
    {"exclusive", "feature", "features", "news", "opinion", "analysis", "blog", "update"}
    | {"explainer", "special", "report", "insight", "live", "video", "podcast", "sport"}
)


def _labelled_publisher(kicker: str, table: PublisherTable) -> str | None:
    """The publisher a section label over the headline names with a label word ("ARCIC
    Feature"); a label naming anything else ("Asia", "Banyan") names no publisher."""
    words = kicker.split()
    if not 2 <= len(words) <= 4 or words[-1].casefold() not in _SECTION_LABELS:
        return None
    return _listed_publisher(" ".join(words[:-1]), table)


def _named_publisher(
    text: str, table: PublisherTable, cited_too: bool = False
) -> tuple[str, str] | None:
    """(publisher, the name found) when the text names a publisher or one of its brands; an
    institution others cite all the time only with `cited_too` (its name alone on a line, not
    "Source: CDC" under a chart, a tag or a promo)."""
    cited = set() if cited_too else {publisher.name for publisher in table if publisher.cited}
    for publisher, known, pattern in _name_patterns(table):
        if publisher not in cited and pattern.search(text):
            return publisher, known
    return None


def _leftmost_publisher(text: str, table: PublisherTable) -> tuple[str, str] | None:
    """(publisher, the name found) of the table's name that stands first in the text, the
    longest where two start together ("Ministry of Defence and Scotland Office")."""
    found = [
        (match.start(), -len(known), publisher, known)
        for publisher, known, pattern in _name_patterns(table)
        if (match := pattern.search(text))
    ]
    return min(found)[2:] if found else None


@functools.cache
def _name_patterns(table: PublisherTable) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(publisher, one of its names, the pattern finding that name as a whole word), in the
    table's order, compiled once: a table of a hundred publishers outgrows `re`'s own cache."""
    return tuple(
        (publisher.name, known, re.compile(rf"(?<![\w.]){re.escape(known)}(?![\w])"))
        for publisher in table
        for known in (*publisher.brands, publisher.name, *publisher.aliases)
    )


# A periodical's issue headed with its name and date: "The Marshall Star for March 20, 2024",
# "Example Weekly News — October 8th, 2014".
_PERIODICAL_NOUNS = (
    "News|Star|Times|Post|Journal|Weekly|Daily|Digest|Bulletin|Gazette|Herald|Review|Newsletter"
    "|Magazine|Chronicle|Tribune|Observer|Monitor|Courier|Letter|Briefing|Dispatch|Roundup"
)
_ISSUE_HEADING = re.compile(
    rf"^(?P<name>(?:The\s+)?(?:[A-Z][\w'’&.-]*\s+){{0,5}}(?:{_PERIODICAL_NOUNS}))"
    r"(?:\s+for|\s+[—–])\s+(?P<date>.+)$"
)


def _issue(title: str | None) -> tuple[str, str] | None:
    """(the periodical's name, the issue's ISO date) of an issue heading."""
    match = _ISSUE_HEADING.match(title or "")
    date = read_date(match.group("date")) if match else None
    return (match.group("name"), date) if match and date else None


def _publisher_clues(
    cleaned: Cleaned,
    table: PublisherTable,
    addresses: Sequence[tuple[str, str]] = (),
    title: str | None = None,
) -> list[tuple[str, str]]:
    """(publisher, evidence) from a periodical's issue heading, the page's own furniture (title
    bar, promo, comment footer, copyright line), then from datelines: a wire story's dateline
    names the agency, not who published it."""
    clues: list[tuple[str, str]] = []
    issue = _issue(title)
    if issue:
        heading = f"the headline {_quoted(title or '')} heads an issue of {issue[0]}"
        clues.append((canonical_publisher(issue[0], table), heading))
    clues += _issuer_fields(cleaned, table)
    for removed in cleaned.removed:
        if removed.reason not in _CLUE_REASONS:
            continue
        where = f"{removed.reason} line {_quoted(removed.text)} on line {removed.line}"
        holder = _copyright_holder(removed.text) if removed.reason == COPYRIGHT else None
        site = title_bar_site(removed.text, title) if removed.reason == METADATA else None
        if site:
            bar = f"the page's title bar {_quoted(removed.text)} on line {removed.line}"
            clues.append((canonical_publisher(site, table), bar))
        elif holder:
            clues.append((canonical_publisher(holder, table), where))
        elif removed.reason == KICKER:
            if labelled := _labelled_publisher(removed.text, table):
                clues.append((labelled, f"{where} labels the page as {labelled}'s"))
        elif named := _named_publisher(removed.text, table, removed.reason == PUBLISHER_NAME):
            clues.append((named[0], f'{where} names "{named[1]}" ({PUBLISHERS_FILE.name})'))
        elif own := _self_named(removed.text):
            clues.append((canonical_publisher(own, table), f'{where} names "{own}"'))
    for address, where in addresses:
        if _MEDIA_FILE.search(address):  # a picture or recording may be hosted by anyone
            continue
        publisher = _publisher_of_address(address, table)
        if publisher is not None:
            clues.append((publisher, f"{where} ({PUBLISHERS_FILE.name} domains)"))
    for dateline in cleaned.datelines:
        clues.append(
            (
                canonical_publisher(dateline.agency, table),
                f'dateline "{dateline.text}" on line {dateline.line}',
            )
        )
    return clues


def _closing_note_clues(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """The issuer a release's closing note is about ("About The U.S. Fish and Wildlife
    Service"), where no lead or headline names one: a release announcing another body's news
    ("The Department of Defense announced today …") may close on that body's note."""
    for removed in cleaned.removed:
        about = ABOUT_ISSUER.match(removed.text.strip()) if removed.reason == ISSUER_NOTE else None
        if about:
            name = canonical_publisher(about.group("name"), table)
            return [(name, f'the closing note "{removed.text.strip()}" on line {removed.line}')]
    return []


# A record's field naming its issuer on one line: "SOURCE: American Forces Press Service".
_ISSUER_FIELD = re.compile(
    r"^(?:from|source|publisher|published by|issued by)\s*:\s*(?P<value>[^@:/]{2,120})$",
    re.IGNORECASE,
)
_VALUE_NAMES = 8  # words: a longer value is a sentence, not a name
_LABEL_REACH = 8  # lines from a label to its value: a page's markup may stand between


def _issuer_fields(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """(publisher, evidence) from the record's own fields: a lone "From:" label over its value
    (GOV.UK's issuing departments: the first of them), or a "SOURCE: …" line above the text; a
    name of the table where the value starts with one, else a value that is a name alone."""
    first_line = cleaned.body[0].line if cleaned.body else None
    headline = cleaned.headline.line if cleaned.headline is not None else 0
    # a "Source: …" credit between the headline and the text credits the whole record
    fields = [
        r
        for r in cleaned.removed
        if r.reason == METADATA
        or (r.reason == CREDIT and first_line is not None and headline < r.line < first_line)
    ]
    clues = []
    for number, removed in enumerate(fields):
        text = removed.text.strip()
        field = _ISSUER_FIELD.match(text)
        above_text = first_line is None or removed.line < first_line
        value = field.group("value").strip() if field and above_text else None
        if value is None and ISSUER_LABEL.match(text) and number + 1 < len(fields):
            below = fields[number + 1]
            value = below.text.strip() if below.line - removed.line <= _LABEL_REACH else None
        if not value:
            continue
        named = _leftmost_publisher(value, table)
        if named is not None and value.startswith(named[1]):
            name = named[0]
        elif "," not in value and word_count(value) <= _VALUE_NAMES and value[:1].isupper():
            name = canonical_publisher(value, table)
        else:
            continue
        shown = text if field else f"{text} {value}"
        clues.append((name, f"the field {_quoted(shown)} on line {removed.line}"))
    return clues


# What institutions are called; an institution's name: capitalised words ending in one.
_INSTITUTION_NOUNS = (
    "Council",
    "Board",
    "Office",
    "Department",
    "Agency",
    "Administration",
    "Commission",
    "Service",
    "Institute",
    "Center",
    "Centre",
    "Corporation",
    "Foundation",
    "Committee",
    "Bureau",
    "Authority",
    "University",
    "Association",
    "Society",
    "Ministry",
    "Coalition",
    "Alliance",
    "Federation",
    "Fund",
    "Project",
    "Laboratory",
    "Organisation",
    "Organization",
)
_NAME_WORD = r"(?:[A-Z][\w&.'’-]*\s+(?:(?:of|on|for|and|the)\s+)*)"  # "Privacy and ", "Civil "
_INSTITUTION = (
    rf"{_NAME_WORD}{{0,8}}"
    rf"(?:{'|'.join(_INSTITUTION_NOUNS)})"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+(?:and\s+)?[A-Z][\w&.'’-]*){0,3})?"
)
# A release's lead: "The National Council on Disability (NCD) today released its report";
# "**WASHINGTON**– The U.S. Department of the Treasury’s Office of Foreign Assets Control (OFAC),
# in consultation with …, today designated …"; "Washington—This week the Treasury Department
# convened …" (a release says "today"; a newspaper names the day).
_RELEASE_VERB = r"(?:released|announced|issued|published|launched|unveiled|welcomed)\b"
_ACTION_VERB = r"(?:[a-z]{3,}ed|took|made|held|sent|gave|began|brought|sought)\b"
# "WASHINGTON — ", "**WASHINGTON**– ", "WASHINGTON — April 23, 2019 —"
_LEAD_DATELINE = (
    r"(?:[*_]*[A-Z][A-Za-z.,' ]{2,30}?[*_ ]*[—–-]+\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\s*[—–-]+\s*)?)"
)
_TODAY = r"(?:[Tt]oday|[Tt]his week)"
_ISSUER_LEAD = re.compile(
    rf"^{_LEAD_DATELINE}?(?:(?P<when>{_TODAY}),?\s+)?(?:[Tt]he\s+)?(?P<name>{_INSTITUTION})"
    rf"(?:['’]s\s+{_NAME_WORD}{{0,8}}[A-Z][\w&.'’-]*)?(?:\s+\([A-Z]{{2,10}}\))?"
    rf"(?:,\s+[^,]{{1,80}},)?,?\s+(?(when)|(?P<today>{_TODAY}\s+)?)(?:{_RELEASE_VERB}|{_ACTION_VERB})"
    rf"(?(when)|(?(today)|\s+{_TODAY}\b))"  # "… announced today the unsealing of …"
)
# Or with "Today" in front, the issuer first of those named: "Today, 18F and the … launched".
_ISSUER_LEAD_TODAY_FIRST = re.compile(
    rf"^Today,\s+(?:the\s+)?(?P<name>{_INSTITUTION}|(?=[\dA-Z]*[A-Z])[\dA-Z]{{2,6}})"
    rf"(?:\s+\([A-Z]{{2,10}}\))?(?:\s+and\s+[^,.]{{1,80}}?)?\s+{_RELEASE_VERB}"
)


def _owner(name: str) -> str:
    """The institution a unit of it belongs to: "the U.S. Department of the Treasury’s Office of
    Foreign Assets Control" is the Department's (where the words before "’s" name an institution:
    "Children’s Bureau" stays whole)."""
    head = re.split(r"['’]s\s", name, maxsplit=1)[0]
    return head if head != name and re.fullmatch(_INSTITUTION, head) else name


# A release's headline: "National Council on Disability Releases …", beside a release marker.
_ISSUER_HEADLINE = re.compile(
    rf"^(?:The\s+)?(?P<name>{_INSTITUTION}|[A-Z]{{3,6}})\s+(?:[A-Z][a-z]+s|To|Will)\b"  # "NASA Selects"
)
_RELEASE_MARKER = re.compile(
    r"^(?:for (?:immediate )?release|(?:press |news |media )?(?:release|advisory)(?::? [A-Z]*\d[\w-]*)?"
    r"|#{3}"
    r"|media contacts?:?"
    rf"|{DOCUMENT_TYPES}|joint statement)$",  # a ministry's types
    re.IGNORECASE,
)


def _issuer_clues(
    cleaned: Cleaned, table: PublisherTable, title: str | None
) -> list[tuple[str, str]]:
    """The institution a press release is from, where nothing else names a publisher: the
    subject of its lead's "today announced", or of its headline beside a release marker."""
    for unit in cleaned.body[:2]:
        match = _ISSUER_LEAD.match(unit.text) or _ISSUER_LEAD_TODAY_FIRST.match(unit.text)
        if match:
            name = _owner(match.group("name"))
            return [
                (
                    canonical_publisher(name, table),
                    f"the release's lead on line {unit.line}: {_quoted(match.group(0))}",
                )
            ]
    marker = next((r for r in cleaned.removed if _RELEASE_MARKER.match(r.text.strip())), None)
    named = _headline_issuer(title or "", table) if marker is not None else None
    if marker is not None and named:
        name = _spelled_out(named, cleaned)
        if name is None:
            return []
        spelled = f' ("{name}" in the text)' if name != named else ""
        return [
            (
                canonical_publisher(name, table),
                f'the headline names "{named}"{spelled}, beside "{marker.text.strip()}" on line '
                f"{marker.line}",
            )
        ]
    return []


# A newsroom reporting in its own name: "Global Voices spoke with …", "… did not respond to
# KFF Health News", "… told Global Voices" ({name} stands for the newsroom's name).
_REPORTING_AS_ITSELF = (
    r"(?<![\w.]){name}\s+(?:has |had )?(?:spoke|spoken|talked) (?:with|to)\b",
    r"(?<![\w.]){name}\s+(?:has |had )?(?:interviewed|contacted|reached out to)\b",
    r"(?<![\w.]){name}\s+could not (?:independently )?(?:verify|confirm)\b",
    r"\b(?:did not|didn['’]t|declined to) (?:respond|reply) to\s+{name}",
    r"(?<![\w.]){name}['’]s? requests? for comment\b",
)
_CITED_BY_NAME = r"\b(?:told|in an interview with|in a statement to)\s+{name}"
# Words every one of those patterns holds (lower case).
_REPORTING_WORDS = (
    "spoke",
    "spoken",
    "talked",
    "interviewed",
    "contacted",
    "reached out",
    "could not",
    "respond",
    "reply",
    "request",
)
_CITED_WORDS = ("told", "interview with", "statement to")


def _reporter_clues(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """The newsroom that reports in its own name: the one publisher of the table that "spoke
    with", "contacted", "could not verify" or got no response, where no other publisher of the
    table is named so or "told" anything (an article about another outlet cites it)."""
    publisher_of, own_patterns, cited_pattern = _reporter_patterns(table)
    counts: dict[str, list[int]] = {}
    for unit in cleaned.body:
        # Each pattern tries every publisher's name at every place: only where its verb stands.
        lower = unit.text.lower()
        found = []
        if any(word in lower for word in _REPORTING_WORDS):
            found += [(m.group("name"), 0) for p in own_patterns for m in p.finditer(unit.text)]
        if any(word in lower for word in _CITED_WORDS):
            found += [(m.group("name"), 1) for m in cited_pattern.finditer(unit.text)]
        for known, kind in found:
            seen = counts.setdefault(publisher_of[known], [0, 0, unit.line])
            seen[kind] += 1
    # "Told the BBC" twice is how other outlets cite the BBC: only reporting as itself counts.
    reporters = [(name, seen) for name, seen in counts.items() if seen[0]]
    if len(counts) != 1 or not reporters:
        return []
    name, (own, cited, line) = reporters[0]
    return [
        (name, f'the text reports in the name of "{name}" {own + cited} times from line {line}')
    ]


def _own_voice_clues(cleaned: Cleaned, table: PublisherTable) -> list[tuple[str, str]]:
    """The one publisher of the table that the text names in a sentence of its own (outside
    quotation marks) speaking as "we": "We recently sat down with … about 18F", "18F and GSA
    held … for our upcoming …" — an office's blog writing as itself."""
    publisher_of, _ = _publisher_names(table)
    named = _any_publisher_pattern(table)
    found: dict[str, int] = {}
    for unit in cleaned.body:
        text = QUOTED_PASSAGE.sub(" ", unit.text)
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if not _OWN_VOICE.search(sentence):
                continue
            for match in named.finditer(sentence):
                found.setdefault(publisher_of[match.group("name")], unit.line)
    if len(found) != 1:
        return []
    (name, line), *_ = found.items()
    return [(name, f'the text speaks as "we" beside "{name}" on line {line}')]


# "we", "us", "our" (not "US"), but not the "our" of everyone ("our solar system").
_OWN_VOICE = re.compile(
    r"\b(?:[Ww]e|us|[Oo]ur(?! (?:solar system|planet|world|country|nation|galaxy|universe"
    r"|society|species|lives|children|time|moon|sun)\b))\b"
)


@functools.cache
def _publisher_names(table: PublisherTable) -> tuple[dict[str, str], str]:
    """(publisher by each of its names and aliases; those names as one alternation, longest
    first, for a pattern to find any of them)."""
    publisher_of = {
        known: publisher.name
        for publisher in table
        if not publisher.cited
        for known in (publisher.name, *publisher.aliases)
    }
    names = "|".join(re.escape(known) for known in sorted(publisher_of, key=len, reverse=True))
    return publisher_of, names


@functools.cache
def _any_publisher_pattern(table: PublisherTable) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?P<name>{_publisher_names(table)[1]})(?![\w'’])")


@functools.cache
def _reporter_patterns(
    table: PublisherTable,
) -> tuple[dict[str, str], tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """(publisher by each of its names; the patterns of reporting in one's own name; the pattern
    of being told), each naming any publisher of the table as the group "name"."""
    publisher_of, names = _publisher_names(table)
    name = rf"(?:the\s+)?(?P<name>{names})(?![\w'’])"
    own = tuple(re.compile(pattern.replace("{name}", name)) for pattern in _REPORTING_AS_ITSELF)
    return publisher_of, own, re.compile(_CITED_BY_NAME.replace("{name}", name))


def _headline_issuer(title: str, table: PublisherTable) -> str | None:
    """The issuer a release's headline opens with: its subject ("SEC Proposes …") or a publisher
    of the table ("NASA Johnson Director to Discuss …")."""
    match = _ISSUER_HEADLINE.match(title)
    if match:
        return match.group("name")
    for known, pattern in _opening_patterns(table):
        if pattern.match(title):
            return known
    return None


@functools.cache
def _opening_patterns(table: PublisherTable) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (known, re.compile(rf"(?:The\s+)?{re.escape(known)}(?![\w'’])"))
        for publisher in table
        for known in (publisher.name, *publisher.aliases)
    )


def _spelled_out(name: str, cleaned: Cleaned) -> str | None:
    """The issuer's full name, where the headline shortens it: the acronym's ("PCLOB" is the
    "Privacy and Civil Liberties Oversight Board (PCLOB)" of the text), or a bare "Board"'s (the
    first board the text names in full; None when it names none)."""
    if " " in name or not (name.isupper() or name in _INSTITUTION_NOUNS):
        return name
    if name.isupper():
        defined = re.compile(rf"(?P<full>{_INSTITUTION})\s*\(\s*{re.escape(name)}\s*\)")
    else:
        defined = re.compile(rf"(?P<full>{_NAME_WORD}{{2,8}}{name})\b")
    for unit in cleaned.body:
        match = defined.search(unit.text)
        if match:
            return re.sub(r"^The\s+", "", match.group("full"))
    return name if name.isupper() else None


def _publisher_of_address(address: str, table: PublisherTable) -> str | None:
    """The publisher whose domain the address's host is (or is a subdomain of)."""
    host = urllib.parse.urlsplit(address if "//" in address else f"//{address}").hostname or ""
    matches = [
        (len(domain), publisher.name)
        for publisher in table
        for domain in publisher.domains
        if host == domain or host.endswith(f".{domain}")
    ]
    return max(matches)[1] if matches else None  # the most specific: india.example.com


def _quoted(text: str, limit: int = 80) -> str:
    return f'"{text}"' if len(text) <= limit else f'"{text[: limit - 1].rstrip()}…"'


def _copyright_holder(text: str) -> str | None:
    """ "Bloomberg L.P." from "©2023 Bloomberg L.P."; None when the line is more than a name."""
    match = _COPYRIGHT_HOLDER.match(text)
    holder = match.group("holder").strip() if match else ""
    return holder if holder and word_count(holder) <= 6 else None


def byline_publisher(
    byline: str | None, table: PublisherTable, inferred: list[Inference]
) -> str | None:
    """The publisher a front matter's byline names ("byline_str: U.S. Digital Service"); a
    person's name, the usual byline, names none."""
    if not byline:
        return None
    publisher = _listed_publisher(byline, table)
    if publisher is None:
        return None
    inferred.append(Inference("publisher", publisher, f'the front matter\'s byline "{byline}"'))
    return publisher


def infer_publisher(
    cleaned: Cleaned,
    table: PublisherTable,
    addresses: Sequence[tuple[str, str]],
    inferred: list[Inference],
    warnings: list[str],
    title: str | None = None,
) -> str | None:
    clues = (
        _publisher_clues(cleaned, table, addresses, title)
        or _issuer_clues(cleaned, table, title)
        or _closing_note_clues(cleaned, table)
        or _reporter_clues(cleaned, table)
        or _own_voice_clues(cleaned, table)
    )
    if not clues:
        return None
    publisher, evidence = clues[0]
    agreeing = [text for name, text in clues if name == publisher]
    inferred.append(Inference("publisher", publisher, "; ".join(agreeing)))
    others = sorted({name for name, _ in clues} - {publisher})
    if others:
        warnings.append(
            f"publisher clues disagree: {publisher} ({evidence}) but also {', '.join(others)}; "
            f"using {publisher} — set `publisher` in the metadata to decide"
        )
    return publisher
