"""People, organisations and places an article names, each under one canonical name.

spaCy's entity spans are cleaned (line breaks, brackets, titles, possessives), their labels are
voted per surface form, surname-only and titled mentions join the full name they refer back to, and
each entity gets the role the article gives it where it is introduced. `article_mentions` keeps
every mention with its canonical name for the steps that attribute speech; it is computed once per
parsed article.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from generator.analyse.lexicon import COURTESY_TITLES, HONORIFICS, TITLE_WORDS, without_accents
from generator.analyse.names import full_given_names, is_given_name, without_middle_initials
from generator.analyse.parse import ParsedArticle
from generator.analyse.speech import (
    INSTITUTION_NOUNS,
    OFFICE_NOUNS,
    PERSON_DESCRIPTIONS,
    PERSON_ROLES,
    SEATED_INSTITUTIONS,
    SINGULAR_DEMONYMS,
    USER_NOUNS,
    is_speech_verb,
)
from generator.ingest.boilerplate import in_other_language
from generator.model import Entity, EntityType, Paragraph

NER_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organisation",
    "NORP": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
MENTIONS_KEY = "briefing.entity_mentions"

# A name never spans a line break or a bracket: a mention crossing one is two (or one and debris).
NAME_PIECE = re.compile(r"[^\n()\[\]{}|•]+")
# Words a name does not end on: NER's span ran on into the next phrase ("Appellate Body of").
TRAILING_WORDS = re.compile(r"(?:\s+(?:of|for|and|the|in|on|at|to|de|da|do|des|du|la|le|e))+$")
EDGE_PUNCTUATION = " \t,;:!?\"“”‘’'«»—–-*"
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE|These|This|Those|Our|Its|Their)\s+")
MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
ACRONYM_SKIP = {"of", "the", "and", "for", "on", "in", "at", "de", "&"}
MIN_DEMONYM_STEM = 4
MAX_NAME_WORDS = 4
# Nouns for people that the name after "named" or "called" belongs to ("a user named Vitor").
NAMED_PERSON_NOUNS = (
    PERSON_DESCRIPTIONS
    | USER_NOUNS
    | {
        "girl",
        "boy",
        "person",
        "worker",
        "farmer",
        "teenager",
        "child",
        "lady",
        "gentleman",
        "citizen",
        "protester",
        "daughter",
        "son",
        "wife",
        "husband",
    }
)
# Words for institutions, offices and descriptions: never a name by themselves.
NOT_NAMES = INSTITUTION_NOUNS | PERSON_DESCRIPTIONS | SINGULAR_DEMONYMS
# Entity labels of words that cannot carry a role by themselves.
NOT_ROLE_LABELS = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY")


@dataclass
class Mention:
    """One place in the text where an entity is named."""

    start_char: int
    end_char: int
    text: str  # the surface form, cleaned
    type: EntityType
    paragraph: int  # index into article.paragraphs
    start: int = 0  # token range in the doc
    end: int = 0
    name: str = ""  # canonical name, filled in once mentions are grouped
    nationality: bool = False  # labelled NORP: kept only where it names a group, not a people

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def extract_entities(parsed: ParsedArticle) -> tuple[Entity, ...]:
    """Every person, organisation and place, in order of first mention: one entry per name,
    typed as most of its mentions are; mentions that name no entity (`_lists_a_name`) left out."""
    mentions = listed_mentions(parsed)
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        grouped[mention.name].append(mention)
    paragraphs = parsed.article.paragraphs
    entities = []
    for name, group in grouped.items():
        aliases = list(dict.fromkeys(m.text for m in group if m.text != name))
        kind = Counter(m.type for m in group).most_common(1)[0][0]
        if kind == "organisation" and _key(name) in known_places():
            kind = "place"  # "DRC" typed by NER as an organisation is the country's acronym
        entities.append(
            Entity(
                name=name,
                type=kind,
                mentions=len(group),
                aliases=tuple(aliases),
                role=first_role(parsed, group),
                paragraphs=tuple(dict.fromkeys(paragraphs[m.paragraph].id for m in group)),
            )
        )
    return tuple(entities)


# Names of things that are not people, organisations or places: laws, plans, documents, events.
NOT_ENTITY_HEADS = frozenset(
    {
        "act",
        "acts",
        "law",
        "regulation",
        "regulations",
        "rules",
        "bill",
        "strategy",
        "initiative",
        "report",
        "plan",
        "policy",
        "charter",
        "accord",
        "accords",
        "agreement",
        "treaty",
        "doctrine",
        "festival",
        "championship",
        "cup",
        "olympics",
        "games",
        "meetings",
        "award",
        "awards",
        "prize",
        "medal",
        "program",
        "telescope",
        "camera",
        "memorandum",
        "resolution",
        "resolutions",
        "framework",
        # a review, a schedule of contracts, a radar: "Flight Readiness Review", "Consolidated
        # Schedule", "Goldstone Solar System Radar"
        "review",
        "schedule",
        "radar",
        "testament",
        # a decoration, a summit: "Combat Action Badge", "Contributor Summit" ("… Survey" may be an
        # agency: "U.S. Geological Survey")
        "badge",
        "badges",
        "census",
        "summit",
        "workshop",
        "webinar",
        "amendment",
        "amendments",
    }
)
# "Jude Law", "Buffalo Bill": a person's name may end on these
_NOT_SURNAME_HEADS = NOT_ENTITY_HEADS - {"law", "bill"}
# Words before a person's name that are no part of it: "President Xi", "Blogger Ana Siú".
NAME_PREFIXES = TITLE_WORDS | PERSON_ROLES
# A company's organs name no organisation of their own ("the Board of Directors of …").
CORPORATE_BODIES = frozenset(
    {
        "board of directors",
        "board of trustees",
        "executive board",
        "executive committee",
        "management board",
        "management committee",
        "supervisory board",
        "supervisory council",
    }
)
# Abbreviations of common nouns, not of names ("AI", "IP", "GDP"): NER often takes them for one.
COMMON_ABBREVIATIONS = frozenset(
    {
        "m.d.",  # degrees after a name: "Mitchel Berger, M.D."
        "md",
        "ph.d.",
        "phd",
        "ai",
        "api",
        "ceo",
        "cfo",
        "cto",
        "ct",
        "dna",
        "er",
        "faq",
        "gdp",
        "gps",
        "hiv",
        "hr",
        "icu",
        "ict",
        "id",
        "iot",
        "ip",
        "it",
        "lgbt",
        "lgbtq",
        "mri",
        "nft",
        "pc",
        "pdf",
        "pr",
        "q1",
        "q2",
        "q3",
        "q4",
        "rna",
        "sms",
        "tv",
        "url",
        "usb",
        "vpn",
        # time zones: "8:25 a.m. CDT"
        "gmt",
        "utc",
        "bst",
        "cet",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        # words of computing and the web
        "gui",
        "html",
        "http",
        "https",
        "rfi",
        "rfp",
        "rfq",
        "seo",
        "ui",
        "ux",
    }
)
# An institution's word alone names none in particular ("the Department", "the Agency").
GENERIC_NAMES = frozenset(
    {
        "department",
        "agency",
        "administration",
        "board",
        "office",
        "bureau",
        "committee",
        "commission",
        "council",
        "ministry",
        "authority",
        "government",
        "federal government",
        "state",
        "press",
        "command",
        "division",
        "section",
        "unit",
    }
)
# Languages are no entities, though NER takes them for organisations ("in Swahili").
LANGUAGES = frozenset(
    {
        "amharic",
        "arabic",
        "bengali",
        "dari",
        "english",
        "farsi",
        "french",
        "hausa",
        "hindi",
        "kiswahili",
        "mandarin",
        "pashto",
        "persian",
        "portuguese",
        "spanish",
        "swahili",
        "urdu",
        "yoruba",
    }
)
# Diseases and practices NER takes for organisations ("COVID-19", "FGM").
CONDITIONS = frozenset({"covid", "covid-19", "ebola", "fgm", "fgm/c", "sars", "mers", "mpox"})
COMMON_WORDS_AS_NAMES = COMMON_ABBREVIATIONS | LANGUAGES | CONDITIONS
FAITH_GROUPS = frozenset(
    {"christians", "muslims", "jews", "hindus", "buddhists", "catholics", "protestants", "sikhs"}
)
_DEMONYM_ENDINGS = ("ans", "ese", "is", "ish", "ians")
_CUT_OFF = re.compile(r"-(?:\s|[—–]|$)")
_JOINED_NAMES = re.compile(r"[a-z]/[A-Z]| [-–—] [A-Z]")
_STAGE_DIRECTION = re.compile(r"\(\w+\.?\)")
# Lower-case words a paragraph needs before its share of English function words says it is in
# another language (a short English sentence without "the" can have few).
_FOREIGN_LOWER_CASE_WORDS = 12


def listed_mentions(parsed: ParsedArticle) -> list[Mention]:
    """The mentions an entity list shows: each names a person, organisation or place."""
    mentions = article_mentions(parsed)
    doc, text = parsed.doc, parsed.text
    paragraphs = parsed.article.paragraphs
    foreign = {i for i in {m.paragraph for m in mentions} if _in_other_language(paragraphs[i].text)}
    english = {m.name for m in mentions if m.paragraph not in foreign}
    things = _names_of_things(doc, mentions) | _unproven_one_word_people(doc, mentions)
    things |= _governments_of(mentions)
    # a work's title, wherever the text puts its noun before it ("the horror film White Noise")
    things |= {m.name for m in mentions if m.start and doc[m.start - 1].lower_ in _WORK_NOUNS}
    in_body = {m.name for m in mentions if paragraphs[m.paragraph].kind == "body"}
    return [
        m
        for m in mentions
        if _lists_a_name(doc, text, m)
        and m.name not in things
        and (m.name in english or m.paragraph not in foreign)
        and (m.name in in_body or not _title_cased(paragraphs[m.paragraph]))
    ]


def _title_cased(paragraph: Paragraph) -> bool:
    """A heading in title case, where the tagger reads every word as a name ("Marshall
    Technologist Talks Solar Sail Technology"): a name only it shows is no name of the article's."""
    words = [w for w in paragraph.text.split() if w[:1].isalpha()]
    return paragraph.kind != "body" and sum(w[0].isupper() for w in words) > len(words) / 2


def _unproven_one_word_people(doc: Doc, mentions: Sequence[Mention]) -> set[str]:
    """One-word names NER took for people where the article never shows a person: no title
    before it, no role beside it, never saying anything ("Medsphere", "Hampshire", "Voyagers").
    NER's one-word people are as often companies, places or crafts."""
    unproven: dict[str, bool] = {}
    for mention in mentions:
        if mention.type != "person" or " " in mention.name:
            continue
        root = mention.span(doc).root
        shown = (
            _after_title(doc, mention)
            or _has_person_role(doc, mention)
            or _named_person(doc, mention)
            or (root.dep_ == "nsubj" and _a_person_s_verb(root.head))
            or _person_by_company(doc, root)
        )
        unproven[mention.name] = unproven.get(mention.name, True) and not shown
    return {name for name, no_proof in unproven.items() if no_proof}


# Verbs whose subject is a person: "Putin attended the opening ceremony".
PERSON_VERBS = frozenset(
    {
        "attend",
        "believe",
        "die",
        "feel",
        "hope",
        "laugh",
        "marry",
        "meet",
        "resign",
        "smile",
        "think",
        "travel",
        "visit",
        "vow",
        "want",
    }
)


def _a_person_s_verb(verb: Token) -> bool:
    return is_speech_verb(verb) or verb.lemma_.lower() in PERSON_VERBS


# "Kadija, Dadiyata's wife": a relative is a person, whatever NER took the name for.
KIN_NOUNS = frozenset(
    {"wife", "husband", "son", "daughter", "brother", "sister", "mother", "father", "widow"}
)
_PERSON_DESCRIPTIONS = PERSON_ROLES | KIN_NOUNS
# Nouns only a person's name is put before or owns: "the Assad regime", "Putin's daughter",
# "his wife Beth".
PERSONAL_NOUNS = KIN_NOUNS | frozenset(
    {"administration", "aide", "ally", "associate", "family", "regime"}
)


def _person_by_company(doc: Doc, root: Token) -> bool:
    """A name a personal noun goes with ("Putin associate", "Assad's regime", "his wife Beth"),
    or that a "who" clause describes ("Hamilton, who made a mistake")."""
    if root.dep_ in ("compound", "poss") and root.head.lemma_.lower() in PERSONAL_NOUNS:
        return True
    if any(
        c.dep_ in ("appos", "compound") and c.lemma_.lower() in PERSONAL_NOUNS
        for c in root.children
    ):
        return True
    if root.dep_ == "appos" and root.head.lemma_.lower() in PERSONAL_NOUNS:
        return True
    clauses = [c for c in root.children if c.dep_ == "relcl"]
    return any(t.lower_ == "who" for c in clauses for t in c.children)


_RULING = frozenset({"government", "regime"})


def _governments_of(mentions: Sequence[Mention]) -> set[str]:
    """ "Afghan Government", "Brazil's government", "the Assad regime": a country's or a
    leader's government, which the article names by the country or the leader, not a name of
    its own. (A president's "Administration" is left as NER has it: annotators differ.)"""
    people = {w for m in mentions if m.type == "person" for w in m.name.split()}
    places = known_places()
    found = set()
    for mention in mentions:
        words = POSSESSIVE.sub("", mention.text.rsplit(" ", 1)[0]).split()
        head = mention.text.split()[-1].casefold()
        if mention.type == "person" or head not in _RULING or len(words) != 1:
            continue
        owner, key = words[0], _key(words[0])
        country = key in places or is_demonym_of_known_place(owner)
        country = country or (len(key) > 3 and any(p.startswith(key) for p in places))  # Afghan
        if owner in people or country:
            found.add(mention.name)
    return found


# Nouns a name is put before when it names a craft, a product or a programme: "the Juno
# spacecraft", "the Artemis IV mission", "a Winamp clone".
THING_NOUNS = frozenset(
    {
        "aircraft",
        "app",
        "browser",
        "camera",
        "campaign",
        "capsule",
        "clone",
        "era",
        "helicopter",
        "helicopters",
        "instrument",
        "lander",
        "mission",
        "missions",
        "module",
        "orbiter",
        "probe",
        "program",
        "programme",
        "prototype",
        "rocket",
        "rover",
        "satellite",
        "software",
        "spacecraft",
        "telescope",
        "tool",
        "vessel",
    }
)
_ABOARD = frozenset({"aboard", "onboard"})


def _names_of_things(doc: Doc, mentions: Sequence[Mention]) -> set[str]:
    """Names the article puts before a craft's or product's noun, or after "aboard", more often
    than it makes them own anything ("NASA's …") and never makes them say anything ("NASA
    said"): a spacecraft, an app, a mission ("Juno's camera" once beside "the Juno spacecraft"
    twice)."""
    things: Counter = Counter()
    owners: Counter = Counter()
    speakers = set()
    for mention in mentions:
        if mention.type == "person":
            continue
        after = doc[mention.end] if mention.end < len(doc) else None
        before = doc[mention.start - 1] if mention.start else None
        if before is not None and before.lower_ == "the" and mention.start > 1:
            before = doc[mention.start - 2]
        if (after is not None and after.lower_ in THING_NOUNS) or (
            before is not None and before.lower_ in _ABOARD
        ):
            things[mention.name] += 1
        if after is not None and after.tag_ == "POS":
            owners[mention.name] += 1
        root = mention.span(doc).root
        if root.dep_ == "nsubj" and is_speech_verb(root.head):
            speakers.add(mention.name)
    places = known_places()
    return {
        name
        for name, count in things.items()
        if count > owners[name] and name not in speakers and _key(name) not in places
    }


def _in_other_language(text: str) -> bool:
    """A paragraph not in English, where NER reads capitalised words as names. Its lower-case
    words tell: a list of names ("Hamilton, Bottas, Vettel and Raikkonen") has too few to judge."""
    lower_case = " ".join(w for w in text.split() if w[:1].islower())
    return in_other_language(lower_case, min_words=_FOREIGN_LOWER_CASE_WORDS)


# Words of an institution's name that make "… System" one: a university's, a hospital's.
_SYSTEM_OWNERS = frozenset(
    {"university", "hospital", "health", "school", "schools", "college", "reserve", "library"}
)


_EVENT_OPENINGS = frozenset(
    {"cyclone", "hurricane", "typhoon", "storm", "tropical", "operation", "section"}
)


# Nouns a work's title is put after: "the horror film White Noise", "the documentary …".
_WORK_NOUNS = frozenset(
    {"film", "movie", "documentary", "book", "novel", "album", "song", "series", "sitcom"}
)
_WORK_AFTER = re.compile(r" by (?:[A-Z][\w.’'-]* ){1,3}")
_OPENING_MARKS = '“"‘'
_CLOSES = re.compile(r"[,.]?[”\"’](?!\w)")  # not the apostrophe of "“Russia’s …"


def _fills_quotation(text: str, mention: Mention) -> bool:
    """The name is all a quotation holds (its commas aside): a title ("the film “Dias Santana”")."""
    before = text[max(0, mention.start_char - 1) : mention.start_char]
    return bool(before) and before in _OPENING_MARKS and bool(_CLOSES.match(text, mention.end_char))


def _lists_a_name(doc: Doc, text: str, mention: Mention) -> bool:
    """Whether a mention names an entity, not a law or event, an institution's bare word, a
    title, a hashtag or a people."""
    words = mention.text.split()
    lower = mention.text.casefold()
    if text[max(0, mention.start_char - 1) : mention.start_char] in ("#", "@"):
        return False
    if _STAGE_DIRECTION.match(text, max(0, mention.start_char - 1)):
        return False  # "(Laughter.)", "(Inaudible.)": a transcript's note
    if _CUT_OFF.match(text, mention.end_char):
        return False  # a word a speaker broke off: "Mr. Presi- — “Mr. President.”"
    if _WORK_AFTER.match(text, mention.end_char) or _fills_quotation(text, mention):
        return False  # a work's title: "Wicked Cool Java by Brian D. Eubanks", "“Dias Santana”"
    if len(words) > 1 and words[0].casefold() in _EVENT_OPENINGS:
        return False  # a storm, an operation, a law's section: "Cyclone Idai", "Section 702"
    if any(t.pos_ == "VERB" for t in mention.span(doc)) or mention.span(doc)[-1].pos_ == "AUX":
        return False  # a headline's words: "Canyon County Man Sentenced", "Distributing Fentanyl"
    if _JOINED_NAMES.search(mention.text):
        return False  # two names run together by a credit: "Bryant Anderson/NOAA Fisheries"
    if mention.type == "person":  # "Jude Law", "Buffalo Bill": those heads may be surnames
        return not _named_as_thing(mention.text)
    if words[-1] == "System" and not {w.casefold() for w in words} & _SYSTEM_OWNERS:
        return False  # "Global Positioning System", not "Texas A&M University System"
    names = {mention.text.casefold(), mention.name.casefold()}
    if any(n.split()[-1] in NOT_ENTITY_HEADS for n in names if n) or names & GENERIC_NAMES:
        return False
    if names & COMMON_WORDS_AS_NAMES or any(
        n in CORPORATE_BODIES or n.partition(" of ")[0] in CORPORATE_BODIES for n in names
    ):
        return False
    if words[-1].casefold() in PERSON_ROLES or (
        len(words) > 2 and words[0].casefold() in PERSON_ROLES and words[1] == "of"
    ):
        return False  # a title: "Plenipotentiary Envoy", "Minister of Internal Affairs"
    if lower in FAITH_GROUPS or (len(words) == 1 and is_demonym_of_known_place(mention.text)):
        return False
    root = mention.span(doc).root
    before = doc[mention.start - 1].lower_ if mention.start else ""
    people = mention.nationality and root.tag_ == "NNPS" and lower.endswith(_DEMONYM_ENDINGS)
    return not (people and before != "the")


def article_mentions(parsed: ParsedArticle) -> tuple[Mention, ...]:
    """All entity mentions in reading order, with canonical names (cached on the parse)."""
    return parsed.derived(MENTIONS_KEY, _find_mentions)


def mention_at_token(parsed: ParsedArticle) -> dict[int, Mention]:
    """Token index → the longest mention covering it."""
    covering: dict[int, Mention] = {}
    for mention in article_mentions(parsed):
        for i in range(mention.start, mention.end):
            known = covering.get(i)
            if known is None or known.end - known.start < mention.end - mention.start:
                covering[i] = mention
    return covering


# --- finding mentions ---------------------------------------------------------------------------


def _find_mentions(parsed: ParsedArticle) -> tuple[Mention, ...]:
    doc = parsed.doc
    mentions = [m for ent in doc.ents if ent.label_ in NER_TYPES for m in _clean_span(parsed, ent)]
    mentions = _joined_names([_named_after_portfolio(parsed, m) for m in mentions], parsed)
    mentions = _joined_across_words(mentions, parsed)
    mentions = _spelled_out_names(mentions, parsed)
    mentions = _split_trailing_places(mentions, parsed)
    mentions = _split_joined_institutions(mentions, parsed)
    lower_words = {t.text for t in doc if t.text[:1].islower()}  # "marine" of "Marine Traffic"
    _vote_types(doc, mentions, lower_words)
    _type_by_head(doc, mentions)
    _type_named_things(doc, mentions)
    _type_by_knowledge(doc, mentions)
    _type_by_coordination(doc, mentions)
    _type_teams(doc, mentions)
    _type_places_by_position(doc, mentions)
    _type_places_lived_in(doc, mentions)
    _type_places_by_nouns(doc, mentions)
    _people_before_of(parsed, mentions)
    mentions = _split_office_places(parsed, mentions)
    places = {m.text.casefold() for m in mentions if m.type == "place"}
    mentions = [m for m in mentions if m.type != "organisation" or _is_organisation(doc, m, places)]
    mentions += _unlabelled_names(parsed, mentions)
    mentions += _speaking_names(parsed, mentions)
    mentions += _institutional_speakers(parsed, mentions)
    _extend_seated_institutions(parsed, mentions)
    _drop_descriptors(doc, mentions, lower_words)
    _split_office_from_holder(doc, mentions)
    mentions[:] = _peers_named_in_full(doc, mentions)
    short_forms = _institutions_by_first_word(doc, mentions)
    _write_capitals_as_named(mentions)
    mentions.sort(key=lambda m: (m.start_char, -m.end_char))
    _name_people([m for m in mentions if m.type == "person"])
    _name_by_headline([m for m in mentions if m.type == "person"], parsed.article.title)
    _name_by_key([m for m in mentions if m.type != "person"], parsed.text)
    for short, full in short_forms:
        short.name = full.name
    # "Roman" of "the Nancy Grace Roman Space Telescope": a thing, so no one who could speak
    return tuple(m for m in mentions if m.type != "person" or not _named_as_thing(m.name))


def _named_as_thing(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in _NOT_SURNAME_HEADS


def _clean_span(parsed: ParsedArticle, ent: Span) -> list[Mention]:
    """The ent's name(s), cut at line breaks and brackets and stripped of articles and titles."""
    kind = NER_TYPES[ent.label_]
    out = []
    for part in _owner_and_owned(ent):
        out += _clean_part(parsed, part, kind, ent.label_ == "NORP")
    return out


def _owner_and_owned(ent: Span) -> list[Span]:
    """A name's possessive before another name splits them: "Treasury’s Office of Foreign Assets
    Control" is the Treasury and its office. Not after a common noun ("People's Liberation Army"),
    nor before one word ("University’s Centre")."""
    if ent[-1].lower_ in NOT_ENTITY_HEADS:
        return [ent]  # "Countering America's Adversaries Through Sanctions Act": one law
    parts, start = [], ent.start
    for token in ent[1:-1]:
        owner, owned = token.doc[token.i - 1], token.doc[token.i + 1]
        if token.tag_ == "POS" and owner.tag_ == "NNP" and owned.is_title and token.i + 2 < ent.end:
            parts.append(ent.doc[start : token.i])
            start = token.i + 1
    return [*parts, ent.doc[start : ent.end]]


def _clean_part(parsed: ParsedArticle, ent: Span, kind: EntityType, norp: bool) -> list[Mention]:
    out = []
    for piece in NAME_PIECE.finditer(parsed.span_text(ent)):
        cleaned = _trim(piece.group(), kind)
        if cleaned is None:
            continue
        lead, text = cleaned
        start_char = ent.start_char + piece.start() + lead
        mention = _make_mention(parsed, start_char, start_char + len(text), text, kind)
        if mention is not None:
            mention.nationality = norp
            out.append(mention)
    return out


def _trim(part: str, kind: EntityType) -> tuple[int, str] | None:
    """(chars dropped at the front, cleaned text) or None when nothing name-like is left."""
    body = part.rstrip(EDGE_PUNCTUATION)
    if body.endswith(".") and "." not in body.split()[-1][:-1]:
        body = body[:-1]  # a full stop, not the last dot of "U.S."
    body = POSSESSIVE.sub("", TRAILING_WORDS.sub("", body))
    lead = len(body) - len(body.lstrip(EDGE_PUNCTUATION))
    body = body[lead:]
    article = LEADING_ARTICLE.match(body)
    if article:
        lead += article.end()
        body = body[article.end() :]
    words = body.split()
    while kind != "person" and len(words) > 1 and words[-1].isalpha() and words[-1].islower():
        body = TRAILING_WORDS.sub("", body[: body.rindex(words[-1])].rstrip())
        words = body.split()  # "the ruling Common Front for Congo party"
    while len(words) > 1 and words[-1].lower().rstrip(".") in _RANKS:
        body = body[: body.rindex(words[-1])].rstrip(EDGE_PUNCTUATION)  # "Parliament Hon"
        words = words[:-1]  # "Idaho Lt" of "Idaho Lt. Governor"
    if kind == "person":
        while len(words) > 1 and words[-1].isupper() and len(words[-1]) > 1:
            if all(w.isupper() for w in words) or _ROMAN_NUMERAL.fullmatch(words[-1]):
                break  # a name written in capitals ("JOE BIDEN"), or "John Paul II"
            body = body[: body.rindex(words[-1])].rstrip()  # "Trump KEEPS HIS PROMISES!"
            words = words[:-1]
        while len(words) > 1 and words[0].lower().rstrip(".") in _NAME_PREFIXES_OR_PRONOUNS:
            dropped = body.index(words[1], len(words[0]))
            lead += dropped
            body = body[dropped:]
            words = words[1:]
    if not body or not (body[0].isupper() or body[0].isdigit()):
        return None
    if kind == "person" and len(words) == 1 and words[0].lower().rstrip(".") in NAME_PREFIXES:
        return None  # a title alone ("Sgt" of "Staff Sgt. Isaac Campos"), no one's name
    return lead, body


_ROMAN_NUMERAL = re.compile(r"[IVX]+")
# "Thank You Madhav": a pronoun the tagger ran into the name after it
_NAME_PREFIXES_OR_PRONOUNS = NAME_PREFIXES | {
    "you",
    "i",
    "we",
    "he",
    "she",
    "they",
    "thank",
    "thanks",
}


def _make_mention(
    parsed: ParsedArticle, start_char: int, end_char: int, text: str, kind: EntityType
) -> Mention | None:
    span = parsed.doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return Mention(
        start_char=start_char,
        end_char=end_char,
        text=text,
        type=kind,
        paragraph=parsed.paragraph_index_at(start_char),
        start=span.start,
        end=span.end,
    )


def _in_title(doc: Doc, mention: Mention) -> bool:
    """Right after "<office> of", as "State" in "Secretary of State"."""
    return (
        mention.start >= 2
        and doc[mention.start - 1].lower_ == "of"
        and doc[mention.start - 2].lower_ in OFFICE_NOUNS
    )


_OFFICES_FOR = frozenset(
    {"administrator", "ambassador", "commissioner", "director", "envoy", "minister", "secretary"}
)


def _portfolio(doc: Doc, mention: Mention) -> bool:
    """What an office is for, after "<office> for" ("Commissioner for Crisis Management", not a
    spokesperson's "for Acme Corp") or with the office in the name NER gave ("Associate
    Administrator for Space Science"); not a name that ends on an institution's noun, nor an
    acronym."""
    words = mention.text.split()
    if words[-1].casefold() in ORGANISATION_HEADS or _looks_like_acronym(mention.text):
        return False
    after_office = (
        mention.start >= 2
        and doc[mention.start - 1].lower_ == "for"
        and doc[mention.start - 2].lower_ in _OFFICES_FOR
    )
    while len(words) > 2 and words[0].casefold() in TITLE_WORDS | {"associate", "assistant"}:
        words = words[1:]
    office_named = len(words) > 2 and words[0].casefold() in _OFFICES_FOR and words[1] == "for"
    return after_office or office_named


def _named_after_portfolio(parsed: ParsedArticle, mention: Mention) -> Mention:
    """ "Secretary of Agriculture Sonny Perdue", where NER took "Agriculture Sonny Perdue" as one
    organisation: the proper nouns the parse joins into a name after the portfolio are a person."""
    doc = parsed.doc
    if mention.type != "organisation" or not _in_title(doc, mention):
        return mention
    root = mention.span(doc).root
    name_start = root.i
    while name_start > mention.start and (
        _name_word(doc[name_start - 1])
        and doc[name_start - 1].dep_ == "compound"
        and doc[name_start - 1].head.i == root.i
    ):
        name_start -= 1
    if root.dep_ == "pobj" or name_start == mention.start or root.i - name_start + 1 < 2:
        return mention
    if root.i != mention.end - 1 or not _name_word(root):
        return mention
    start_char = doc[name_start].idx
    person = _make_mention(
        parsed, start_char, mention.end_char, doc.text[start_char : mention.end_char], "person"
    )
    return person or mention


def _joined_names(mentions: list[Mention], parsed: ParsedArticle) -> list[Mention]:
    """One name that NER cut in two ("Samia Suluhu" + "Hassan", a space between): one mention."""
    joined: list[Mention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.type == mention.type == "person"
            and parsed.text[previous.end_char : mention.start_char] == " "
            and len(previous.text.split()) + len(mention.text.split()) <= MAX_NAME_WORDS
        ):
            text = parsed.text[previous.start_char : mention.end_char]
            merged = _make_mention(parsed, previous.start_char, mention.end_char, text, "person")
            if merged is not None:
                joined[-1] = merged
                continue
        joined.append(mention)
    return joined


_OF_GAP = re.compile(r" of (?:the )?")


def _joined_across_words(mentions: list[Mention], parsed: ParsedArticle) -> list[Mention]:
    """Names NER cut at "of" or "and": "the U.S. Department" + "of the" + "Treasury" is one
    organisation, "Trinidad" + "and" + "Tobago" one country (a known place's name ends the two)."""
    joined: list[Mention] = []
    places = known_places()
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is None or previous.type == "person" or mention.type == "person":
            joined.append(mention)
            continue
        gap = parsed.text[previous.end_char : mention.start_char]
        text = parsed.text[previous.start_char : mention.end_char]
        words = previous.text.split()
        # "U.S. Department", "Central Bank": a short name that the "of" completes; not a name
        # of its own ("Giant Sables Media" of Angola)
        institution = len(words) <= 2 and words[-1].casefold() in ORGANISATION_HEADS
        kind = None
        if _OF_GAP.fullmatch(gap) and institution and len(text.split()) <= 2 * MAX_NAME_WORDS:
            kind = "organisation"
        elif _OF_GAP.fullmatch(gap) and len(words) == 1 and words[0].casefold() in PLACE_HEADS:
            kind = "place"  # "Bay" + "of" + "Bengal", "Gulf" + "of" + "Mannar"
        elif gap == " and " and _ends_with_known_place(text, places):
            kind = "place" if _key(text) in places else previous.type
        elif gap == " and " and (
            _completes_institution(previous, mention) or _ends_institution(previous, mention)
        ):
            kind = "organisation"  # "Bureau of Engraving" + "and" + "Printing"
        elif gap in (" ", ", ") and _key(text) in places:
            kind = "place"  # "DR" + "Congo", "Washington" + "D.C."
        merged = kind and _make_mention(parsed, previous.start_char, mention.end_char, text, kind)
        if merged:
            joined[-1] = merged
        else:
            joined.append(mention)
    return joined


_ACRONYM_AFTER = re.compile(r"\s*(?:\(|, or )([A-Z][A-Za-z&]{1,9})\b")
_MAX_SPELLED_OUT_WORDS = 12


def _spelled_out_names(mentions: list[Mention], parsed: ParsedArticle) -> list[Mention]:
    """A long name NER cut at its commas or "and", written out before its acronym: "Centre for
    Earth, Ocean and Atmospheric Sciences (CEOAS)" is one name, whose capitalised words spell
    the acronym, from where NER began it; never where a person is named inside."""
    text = parsed.text
    for index, mention in enumerate(mentions):
        after = _ACRONYM_AFTER.match(text, mention.end_char)
        if after is None or mention.type == "person":
            continue
        start = _spelled_out_start(text[: mention.end_char], after.group(1))
        inside = [m for m in mentions[: index + 1] if m.end_char > (start or mention.end_char)]
        if start is None or not inside or any(m.type == "person" for m in inside):
            continue
        if len(inside) == 1 and inside[0].start_char <= start:
            continue  # NER already has the whole name
        kind = "place" if all(m.type == "place" for m in inside) else "organisation"
        start = min(start, inside[0].start_char)  # "University Centre for Earth, … (CEOAS)"
        merged = _make_mention(
            parsed, start, mention.end_char, text[start : mention.end_char], kind
        )
        if merged is not None:
            kept = [m for m in mentions if m not in inside]
            return _spelled_out_names(sorted([*kept, merged], key=lambda m: m.start_char), parsed)
    return mentions


def _split_trailing_places(mentions: list[Mention], parsed: ParsedArticle) -> list[Mention]:
    """An institution NER ran on to the town after its comma ("University of Hyderabad,
    Hyderabad"): the institution, and the place."""
    out = []
    places = _places_and_towns()
    for mention in mentions:
        name, comma, place = mention.text.rpartition(", ")
        if mention.type != "organisation" or not comma or _key(place) not in places:
            out.append(mention)
            continue
        place_start = mention.start_char + len(name) + len(comma)
        name_end = mention.start_char + len(name)
        out += _split_mention(parsed, mention, name_end, place_start, "organisation", "place")
    return out


def _split_mention(
    parsed: ParsedArticle,
    mention: Mention,
    left_end: int,
    right_start: int,
    left_kind: EntityType,
    right_kind: EntityType,
) -> list[Mention]:
    """A mention cut in two at character offsets of the text: the parts that make mentions."""
    parts = [
        _make_mention(
            parsed,
            mention.start_char,
            left_end,
            parsed.text[mention.start_char : left_end],
            left_kind,
        ),
        _make_mention(
            parsed,
            right_start,
            mention.end_char,
            parsed.text[right_start : mention.end_char],
            right_kind,
        ),
    ]
    return [part for part in parts if part is not None]


_JOINS = re.compile(r" (?:and|at|in) ")


def _split_joined_institutions(mentions: list[Mention], parsed: ParsedArticle) -> list[Mention]:
    """Two names NER ran together: an institution "at" or "in" another or its town ("Waksman
    Institute of Microbiology at Rutgers University"), or two institutions joined by "and"
    ("Department of Defense and Department of State"); not one name's own "and" ("Bureau of
    Engraving and Printing")."""
    out = []
    for mention in mentions:
        split = _institution_join(mention) if mention.type == "organisation" else None
        if split is None:
            out.append(mention)
            continue
        right = mention.text[split.end() :]
        right_kind: EntityType = (
            "place"
            if _key(right) in _places_and_towns() and split.group() != " and "
            else "organisation"
        )
        left_end, right_start = (mention.start_char + at for at in split.span())
        out += _split_mention(parsed, mention, left_end, right_start, "organisation", right_kind)
    return out


def _institution_join(mention: Mention) -> re.Match[str] | None:
    for join in _JOINS.finditer(mention.text):
        left = mention.text[: join.start()].split()
        right = mention.text[join.end() :].split()
        if not left or not right or not right[0][:1].isupper():
            continue
        left_head = {w.casefold() for w in left} & ORGANISATION_HEADS
        if join.group() == " and ":
            both = left[-1].casefold() in ORGANISATION_HEADS and right[-1].casefold() in (
                ORGANISATION_HEADS
            )
            if both or (left_head and right[0].casefold() in ORGANISATION_HEADS):
                return join
        elif left_head and (
            right[-1].casefold() in ORGANISATION_HEADS
            or _key(" ".join(right)) in _places_and_towns()
        ):
            return join
    return None


def _spelled_out_start(before: str, acronym: str) -> int | None:
    """Where the words ending `before` whose initials spell `acronym` begin (the small words of
    a name skipped), or None."""
    letters = [c.casefold() for c in acronym if c.isupper()]
    words = list(re.finditer(r"[^\s,]+", before))[-_MAX_SPELLED_OUT_WORDS:]
    for word in reversed(words):
        if not letters:
            break
        token = word.group()
        if token.casefold() in ACRONYM_SKIP:
            continue
        initial = _initial(token).casefold()
        if not token[0].isupper() or not "".join(letters).endswith(initial):
            return None
        del letters[len(letters) - len(initial) :]
        if not letters:
            return word.start()
    return None


def _ends_institution(previous: Mention, mention: Mention) -> bool:
    """An institution's name cut at its "and", its noun after it: "Air Education" and "Training
    Command"; not two institutions ("FBI" and "Environmental Protection Agency", "Department of
    Defense" and "Department of State"): the part before is two words or more, none an
    institution's noun."""
    first, second = previous.text.split(), mention.text.split()
    return (
        previous.type == mention.type == "organisation"
        and len(second) >= 2
        and second[-1].casefold() in ORGANISATION_HEADS
        and len(first) >= 2  # "Google" and "Oversight Board": a one-word name stands alone
        and not {w.casefold() for w in first} & ORGANISATION_HEADS
        and second[0].casefold() not in ORGANISATION_HEADS
    )


def _completes_institution(previous: Mention, mention: Mention) -> bool:
    """An institution's "of" cut at its "and": "Bureau of Engraving" and "Printing" (one word,
    no name of its own), not "Department of Defense" and "Department of State"."""
    words = previous.text.split()
    return (
        previous.type == "organisation"
        and len(words) >= 3
        and words[-2] in ("of", "for")
        and words[0].casefold() in _OF_INSTITUTION_OPENINGS
        and len(mention.text.split()) == 1
        and mention.type not in ("organisation", "person")  # "… of Health" and "Pfizer"
        and mention.text.casefold() not in ORGANISATION_HEADS
    )


def _ends_with_known_place(text: str, places: frozenset[str]) -> bool:
    """Whether a known place's name ends `text` and spans its "and" ("… Trinidad and Tobago")."""
    words = text.split()
    last_and = max(i for i, word in enumerate(words) if word == "and")
    return any(_key(" ".join(words[i:])) in places for i in range(last_and))


def _people_before_of(parsed: ParsedArticle, mentions: list[Mention]) -> None:
    """ "Panda of Centre for Oceans" taken as one organisation, where "Panda" is a person the
    article names: the person, and the institution after "of" is where they work."""
    person_words = _person_words(mentions)
    for index, mention in enumerate(mentions):
        if mention.type == "person":
            continue
        before, of, _rest = mention.text.partition(" of ")
        if of and before and all(word in person_words for word in before.split()):
            person = _make_mention(
                parsed, mention.start_char, mention.start_char + len(before), before, "person"
            )
            if person is not None:
                mentions[index] = person


def _split_office_places(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """ "President of Ukraine Volodymyr Zelenskyy", where NER took "Ukraine Volodymyr Zelenskyy"
    for one organisation: after an office's "of", a place the article names, then a person."""
    doc = parsed.doc
    places = {m.text for m in mentions if m.type == "place"}
    places |= {e.text for e in doc.ents if e.label_ == "GPE"}
    peoples = {e.text[:_PEOPLE_STEM].casefold() for e in doc.ents if e.label_ == "NORP"}
    out = []
    for mention in mentions:
        words = mention.text.split()
        before = doc[mention.start - 2 : mention.start] if mention.start >= 2 else None
        office = (
            before is not None and before[1].lower_ == "of" and before[0].lower_ in _OFFICE_WORDS
        )
        cut = next(
            (
                n
                for n in (2, 1)
                if len(words) - n >= 2
                and (
                    " ".join(words[:n]) in places
                    or (n == 1 and words[0][:_PEOPLE_STEM].casefold() in peoples)  # "Ukrainian"
                )
            ),
            None,
        )
        if mention.type == "person" or not office or cut is None:
            out.append(mention)
            continue
        place_text = " ".join(words[:cut])
        person_start = mention.start_char + mention.text.index(words[cut], len(place_text))
        place_end = mention.start_char + len(place_text)
        out += _split_mention(parsed, mention, place_end, person_start, "place", "person")
    return out


_PEOPLE_STEM = 6  # "Ukrain" of "Ukrainian" and "Ukraine"
_OFFICE_WORDS = TITLE_WORDS | OFFICE_NOUNS


def _vote_types(doc: Doc, mentions: list[Mention], lower_words: set[str]) -> None:
    """One type per surface form (the majority); and a person's surname is a person, whether
    alone ("Wang" labelled ORG beside "Wang Yi") or ending a full name labelled otherwise
    ("Marta Okafor" labelled GPE beside "Okafor" labelled PERSON)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for mention in mentions:
        has_role = _has_person_role(doc, mention)
        if has_role or _after_courtesy_title(doc, mention):
            mention.type = "person"  # "Helena Vasquez, the mayor of …" though NER said ORG
        elif mention.type == "person" and _described_as_organisation(doc, mention):
            mention.type = "organisation"  # "Consumer Watchdog, an advocacy group"
        elif mention.type != "person" and _given_person_name(doc, mention, lower_words):
            mention.type = "person"  # "Felician Mussa" labelled ORG
        if mention.type == "person":
            _extend_to_first_name(doc, mention, most=None if has_role else 1)
            _extend_over_particles(doc, mention)
        votes[mention.text.casefold()][mention.type] += 1
    person_words = _person_words(mentions)
    surnames = {m.text for m in mentions if m.type == "person" and " " not in m.text}
    for mention in mentions:
        (winner, _count), *_rest = votes[mention.text.casefold()].most_common()
        words = mention.text.split()
        surname = winner != "person" and (
            mention.text in person_words
            or (len(words) > 1 and words[-1] in surnames and all(w[:1].isupper() for w in words))
        )
        titled = winner == "organisation" and _after_title(doc, mention)
        mention.type = "person" if surname or titled or _named_person(doc, mention) else winner


def _given_person_name(doc: Doc, mention: Mention, lower_words: set[str]) -> bool:
    """Two capitalised words opening on a given name, neither of them a word the article
    also writes in lower case ("Marine Traffic"), ending on no institution's, place's or thing's
    noun, and no place the knowledge files list, that act as a person: "Divya Srinivasan
    told Reuters"."""
    words = mention.text.split()
    return (
        len(words) == 2
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and len(words[0]) > 2  # "Al Jazeera", "Le Monde"
        and is_given_name(words[0])
        and not {w.lower() for w in words} & lower_words
        and not {w.casefold() for w in words} & (_TYPING_HEADS | NOT_ENTITY_HEADS | NOT_NAMES)
        and _key(mention.text) not in _places_and_towns()
        and _acts_as_person(doc, mention)
    )


_AGE = re.compile(r", \d{1,3},")


def _acts_as_person(doc: Doc, mention: Mention) -> bool:
    """Shown as a person: the subject (or one of the subjects) of a verb only people do, or
    described by a noun or an age in apposition ("Their violinist, Felician Mussa, 20,")."""
    root = mention.span(doc).root
    subject = root.head if root.dep_ == "conj" else root
    if subject.dep_ == "nsubj" and _a_person_s_verb(subject.head):
        return True
    after = doc.text[mention.end_char : mention.end_char + 6]
    described = root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN")
    return (
        described
        or any(c.dep_ == "appos" and c.pos_ == "NUM" for c in root.children)
        or bool(_AGE.match(after))
    )


def _after_courtesy_title(doc: Doc, mention: Mention) -> bool:
    """ "Hon. Idah Nantaba", "Dr Okafor": a name after a courtesy title (a first name between
    allowed) is a person's, though NER took "Nantaba" for a place."""
    if mention.end - mention.start > 2:
        return False
    i = mention.start - 1
    if i >= 0 and doc[i].pos_ == "PROPN" and doc[i].lower_.rstrip(".") not in COURTESY_TITLES:
        i -= 1  # the first name NER left out
    if i >= 0 and doc[i].text == ".":
        i -= 1
    return i >= 0 and doc[i].lower_.rstrip(".") in COURTESY_TITLES


# A name ending on one of these is an organisation's, or a place's, whatever NER took it for.
ORGANISATION_HEADS = frozenset(
    {
        "agency",
        "alliance",
        "army",
        "assembly",
        "association",
        "authority",
        "bank",
        "board",
        "bureau",
        "center",
        "centre",
        "church",
        "club",
        "coalition",
        "college",
        "commission",
        "committee",
        "company",
        "congress",
        "corporation",
        "council",
        "court",
        "department",
        "directorate",
        "duma",
        "federation",
        "force",
        "forces",
        "foundation",
        "front",
        "fund",
        "government",
        "group",
        "inc",
        "command",
        "laboratory",
        "laboratories",
        "limited",
        "institute",
        "league",
        "ltd",
        "media",
        "ministry",
        "movement",
        "network",
        "office",
        "orchestra",
        "organisation",
        "organization",
        "parliament",
        "party",
        "police",
        "senate",
        "service",
        "society",
        "team",
        "trust",
        "union",
        "university",
    }
)
# How an institution named by its "of" opens: "Bureau of …", "U.S. Department of …".
_OF_INSTITUTION_OPENINGS = ORGANISATION_HEADS | {"u.s."}
PLACE_HEADS = frozenset(
    {
        "airport",
        "base",
        "basin",
        "complex",
        "complexes",
        "dam",
        "dams",
        "facility",
        "park",
        "reservation",
        "town",
        "avenue",
        "bay",
        "coast",
        "county",
        "crater",
        "creek",
        "desert",
        "district",
        "field",
        "gulf",
        "island",
        "islands",
        "lake",
        "mountain",
        "mountains",
        "ocean",
        "parish",
        "peninsula",
        "province",
        "region",
        "river",
        "road",
        "sea",
        "square",
        "strait",
        "street",
        "valley",
        "village",
        "sound",
        "track",
        "trail",
        "crossing",
        "chasma",
    }
)
# A place's first word: "Mount Kenya", "Mt Cook", "Lake Victoria", "Crater Gwern", "Fort Irwin".
_PLACE_OPENINGS = frozenset({"mount", "mt", "lake", "crater", "cape", "fort"})
_TYPING_HEADS = ORGANISATION_HEADS | PLACE_HEADS
# Institutions NER may take for a place ("State Duma"); not "Union" or "Federation", which name
# states as often ("Soviet Union", "Russian Federation").
_SEATED = frozenset(
    {
        "agency",
        "bank",
        "commission",
        "committee",
        "company",
        "corporation",
        "council",
        "department",
        "duma",
        "ministry",
        "parliament",
        "party",
        "senate",
        "university",
    }
)


def _type_by_head(doc: Doc, mentions: list[Mention]) -> None:
    """A name of several words ending on an organisation's or a place's noun ("Johnson Space
    Center", "Nakabugo Parish"), and an acronym taken for a person ("JAXA"), are typed by it."""
    for mention in mentions:
        words = mention.text.split()
        head = words[-1].casefold()
        opening = words[0].casefold().rstrip(".")
        if len(words) > 1 and (head in PLACE_HEADS or opening in _PLACE_OPENINGS):
            mention.type = "place"
        elif len(words) > 1 and head in ORGANISATION_HEADS:
            if mention.type == "person" or (mention.type == "place" and head in _SEATED):
                mention.type = "organisation"
        elif (
            mention.type == "person"
            and _looks_like_acronym(mention.text)
            and not _after_title(doc, mention)  # "PRESIDENT BIDEN:" is a transcript's label
        ):
            mention.type = "organisation"


def _type_named_things(doc: Doc, mentions: list[Mention]) -> None:
    """A one-word "person" that a capitalised "The" inside a sentence names is a publication or
    a body, not a person: "when The Markup showed her" (a person's name takes no article; a
    lower-case "the" may belong to the noun after: "the Buhari’s candidacy")."""
    for mention in mentions:
        if mention.type != "person" or mention.end - mention.start != 1 or mention.start < 2:
            continue
        before, earlier = doc[mention.start - 1], doc[mention.start - 2]
        inside = not before.is_sent_start and not (earlier.is_punct or earlier.is_space)
        if before.text == "The" and inside and before.head.i == mention.start:
            mention.type = "organisation"


PLACES_FILE = Path(__file__).resolve().parent.parent / "places.yaml"


@functools.cache
def known_places() -> frozenset[str]:
    """Keys of the names `places.yaml` lists (countries, continents, oceans) and their aliases."""
    names = yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8"))["places"]
    aliases = alias_names()
    keys = {_key(str(name)) for name in names}
    return frozenset(keys | {key for key, name in aliases.items() if _key(name) in keys})


ORGANISATIONS_FILE = Path(__file__).resolve().parent.parent / "organisations.yaml"


@functools.cache
def known_organisations() -> frozenset[str]:
    """Keys of the companies, platforms and clubs `organisations.yaml` lists."""
    names = yaml.safe_load(ORGANISATIONS_FILE.read_text(encoding="utf-8"))["organisations"]
    return frozenset(_key(str(name)) for name in names)


GAZETTEER_FILE = Path(__file__).resolve().parent.parent / "gazetteer.txt"


@functools.cache
def gazetteer_places() -> frozenset[str]:
    """Keys of the world's larger cities and its states and provinces (`gazetteer.txt`)."""
    lines = GAZETTEER_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_key(line) for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def _places_and_towns() -> frozenset[str]:
    return known_places() | gazetteer_places()


def _type_by_knowledge(doc: Doc, mentions: list[Mention]) -> None:
    """A country, continent or ocean, a larger city or a state is a place whatever NER took it
    for ("Malawi" labelled a person, "Mozambique" an organisation, "Minas Gerais" a person); a
    company, platform or club `organisations.yaml` lists is an organisation ("Lockheed Martin"
    labelled a person, "Netflix" a place); unless the article writes it in a person's full name
    ("Michael Jordan") or after a title."""
    places, organisations = _places_and_towns(), known_organisations()
    person_words = _person_words(mentions)
    for mention in mentions:
        key = _key(mention.text)
        kind: EntityType | None = (
            "place"
            if key in places
            else "organisation"
            if key in organisations or _division_of(key, organisations)
            else None
        )
        if kind is None or mention.type == kind:
            continue
        if mention.type == "person" and (
            mention.text in person_words or _after_title(doc, mention)
        ):
            continue
        mention.type = kind


def _division_of(key: str, organisations: frozenset[str]) -> bool:
    """A company's name of two words or more, and more words: "Lockheed Martin Space", a
    division of it (a one-word name may begin a person's: "Tesla Smith")."""
    words = key.split()
    return any(" ".join(words[:n]) in organisations for n in range(2, len(words)))


def _type_by_coordination(doc: Doc, mentions: list[Mention]) -> None:
    """A name of two words, neither written as a common word, joined by "and" to a person's is a
    person's too ("the cars of Valtteri Bottas and Felipe Massa", where NER took the first for an
    organisation), unless its last word is an institution's or a place's noun or it is a known
    place."""
    person_at = {m.span(doc).root.i for m in mentions if m.type == "person"}
    places = known_places()
    common_words = {t.lemma_ for t in doc if t.is_lower}  # "consumers": "Consumer Watchdog"
    for mention in mentions:
        words = mention.text.split()
        if mention.type == "person" or len(words) != 2:
            continue
        if not all(
            w[:1].isupper() and not w.isupper() and w.lower() not in common_words for w in words
        ):
            continue
        if words[-1].casefold() in _TYPING_HEADS or _key(mention.text) in places:
            continue
        if _described_as_organisation(doc, mention):
            continue
        root = mention.span(doc).root
        partners = [c.i for c in root.children if c.dep_ == "conj"]
        if root.dep_ == "conj":
            partners.append(root.head.i)
        joined = [i for i in partners if i in person_at and _and_between(doc, i, root.i)]
        if joined:
            mention.type = "person"


# Nouns for a team's people put after its name: "Arsenal forward Alexis Sanchez".
TEAM_ROLES = frozenset(
    {
        "batsman",
        "boss",
        "bowler",
        "captain",
        "coach",
        "defender",
        "forward",
        "goalkeeper",
        "manager",
        "midfielder",
        "player",
        "players",
        "striker",
        "winger",
    }
)


def _type_teams(doc: Doc, mentions: list[Mention]) -> None:
    """A town's name that a team's player is put after ("Arsenal forward Alexis Sanchez") or
    that takes a plural verb ("Tottenham are a great team") names the team, an organisation; not
    a country or place `places.yaml` lists."""
    places = known_places()
    teams = set()
    for mention in mentions:
        if mention.type != "place" or _key(mention.text) in places:
            continue
        root = mention.span(doc).root
        after = doc[mention.end] if mention.end < len(doc) else None
        if after is not None and after.lower_ in TEAM_ROLES and _before_a_person(after):
            teams.add(mention.text)
        # a plural verb, but not of subjects joined by "and" ("Paris and Rome are capitals")
        coordinated = root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)
        if root.dep_ == "nsubj" and root.tag_ == "NNP" and not coordinated:
            teams.update([mention.text] if _plural_verb(root.head) else [])
    _retype(mentions, teams, "place", "organisation")


def _type_places_by_position(doc: Doc, mentions: list[Mention]) -> None:
    """A name NER took for a person's that stands before a comma and a country or state, as
    places do ("Newton Stewart, Scotland"); "in" is no sign ("in Sarah Leah Whitson's words")."""
    places = known_places()
    by_start = {m.start: m for m in mentions}
    located = set()
    for mention in mentions:
        if mention.type != "person" or len(mention.text.split()) < 2:
            continue
        after = by_start.get(mention.end + 1)
        comma = mention.end < len(doc) and doc[mention.end].text == ","
        if comma and after is not None and after.type == "place" and _key(after.text) in places:
            closing = doc[after.end] if after.end < len(doc) else None
            # "Newton Stewart, Scotland." but not "Sarah Leah Whitson, Middle East director"
            # nor "John Magufuli, Tanzania's fifth president"
            if closing is None or (closing.is_punct and closing.tag_ != "POS"):
                located.add(mention.text)
    _retype(mentions, located, "person", "place")


_PLACE_NOUNS = frozenset(PLACE_HEADS) | {
    "area",
    "city",
    "municipality",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "township",
}


def _type_places_by_nouns(doc: Doc, mentions: list[Mention]) -> None:
    """A name NER took for an organisation's that a place's noun follows, takes with "of" or
    describes: "the Barnawa neighbourhood", "Thangkso area", "the small town of Nagojje",
    "Mynsyngat, a village in …"."""
    located = set()
    for mention in mentions:
        if mention.type != "organisation" or mention.nationality or mention.end >= len(doc):
            continue  # "the Uzbek city of Samarkand": a people's word
        after, root = doc[mention.end], mention.span(doc).root
        named_before = after.lower_ in _PLACE_NOUNS and root.head.i == after.i
        of_place = (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lower_ in _PLACE_NOUNS
            and root.head.head.is_lower
        )
        described = any(  # "Mynsyngat, a village in the Thangkso area"
            c.dep_ == "appos" and c.lower_ in _PLACE_NOUNS for c in root.children
        )
        if named_before or of_place or described:
            located.add(mention.text)
    _retype(mentions, located, "organisation", "place")


def _type_places_lived_in(doc: Doc, mentions: list[Mention]) -> None:
    """A name NER took for a person's of two words or more that the text only ever puts after
    "in" ("He lives in Hazel Green", "damage in Newton Stewart"), never owning anything ("in
    Sarah Leah Whitson's words") and with no role or title: a place."""
    seen: dict[str, bool] = {}
    for mention in mentions:
        if mention.type != "person" or " " not in mention.text:
            continue
        root = mention.span(doc).root
        after = doc[mention.end] if mention.end < len(doc) else None
        inside = (
            root.dep_ == "pobj"
            and root.head.lower_ == "in"
            and root.head.head.is_lower  # not "Special Agent in Charge Robert Tripp"
            and (after is None or after.tag_ != "POS")
            and not _has_person_role(doc, mention)
            and not _after_title(doc, mention)
        )
        seen[mention.text] = seen.get(mention.text, True) and inside
    _retype(mentions, {text for text, only_in in seen.items() if only_in}, "person", "place")


def _retype(mentions: list[Mention], texts: set[str], old: EntityType, new: EntityType) -> None:
    """Every mention of those names typed `old` as `new`: what one mention shows, all show."""
    for mention in mentions:
        if mention.type == old and mention.text in texts:
            mention.type = new


def _before_a_person(role: Token) -> bool:
    """ "forward Alexis Sanchez", "manager Antonio Conte": a role, then a person's name."""
    following = role.doc[role.i + 1] if role.i + 1 < len(role.doc) else None
    return following is not None and following.ent_type_ == "PERSON"


def _plural_verb(verb: Token) -> bool:
    """ "are", "were", "have": a plural verb, or its auxiliary ("were judged")."""
    words = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
    return any(w.tag_ == "VBP" or w.lower_ == "were" for w in words)


def _and_between(doc: Doc, first: int, second: int) -> bool:
    low, high = sorted((first, second))
    return any(t.lower_ == "and" for t in doc[low + 1 : high])


def named_noun(token: Token) -> Token | None:
    """For the name in "a user named Vitor", "a woman called Yelena Sier": the noun it names."""
    verb = token.head
    naming = token.dep_ in ("oprd", "dobj", "attr") and verb.lemma_ in ("name", "call")
    if naming and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _named_person(doc: Doc, mention: Mention) -> bool:
    """ "A user named Vitor": the name of someone a noun for people calls by it."""
    noun = named_noun(mention.span(doc).root)
    return noun is not None and noun.lower_ in NAMED_PERSON_NOUNS


def _has_person_role(doc: Doc, mention: Mention) -> bool:
    """Introduced with a role only people have: "X, the mayor of …", "economist X"."""
    head = mention.span(doc).root
    described = [c for c in head.children if c.dep_ == "appos" and c.i >= mention.end]
    if head.dep_ == "appos" and head.head.i < mention.start:
        described.append(head.head)
    described += [c for c in head.lefts if c.dep_ == "compound" and c.i < mention.start]
    predicate = _predicate_noun(head)
    if predicate is not None:
        described.append(predicate)
    # PROPN too: "The Minister of Legal and Constitutional Affairs, Mwigulu Nchemba"
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in _PERSON_DESCRIPTIONS for t in described
    )


# Nouns an apposition describes an organisation by, besides an institution's own nouns.
ORGANISATION_NOUNS = INSTITUTION_NOUNS | frozenset(
    {"group", "charity", "coalition", "network", "nonprofit", "watchdog", "startup", "platform"}
)


def _described_as_organisation(doc: Doc, mention: Mention) -> bool:
    """ "Consumer Watchdog, an advocacy group that …": an apposition that names a kind of
    organisation."""
    head = mention.span(doc).root
    described = [c for c in head.children if c.dep_ == "appos" and c.i >= mention.end]
    return any(t.pos_ == "NOUN" and t.lemma_.lower() in ORGANISATION_NOUNS for t in described)


def _predicate_noun(subject: Token) -> Token | None:
    """ "X is the mayor of …": the noun said to be the subject."""
    if subject.dep_ != "nsubj" or subject.head.lemma_ != "be":
        return None
    nouns = [c for c in subject.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return nouns[0] if nouns else None


# Capitalised words before a name that are ranks, offices and forms of address, not first names
# ("Assistant Attorney General Matthew G. Olsen", "Special Agent in Charge Robert Tripp").
_NOT_FIRST_NAMES = (
    TITLE_WORDS
    | HONORIFICS
    | OFFICE_NOUNS
    | PERSON_ROLES
    | NOT_NAMES
    | {
        "agent",
        "assistant",
        "attorney",
        "brother",
        "charge",
        "commissioner",
        "corporal",
        "councilman",
        "councilwoman",
        "dean",
        "delegate",
        "father",
        "imam",
        "lieutenant",
        "lt",
        "maj",
        "major",
        "members",
        "rabbi",
        "representative",
        "rev",
        "reverend",
        "saint",
        "sergeant",
        "sgt",
        "sheikh",
        "sister",
        "speaker",
        "special",
        "st",
    }
)


def _extend_to_first_name(doc: Doc, mention: Mention, most: int | None = None) -> None:
    """ "Ana Lima" where NER took only "Lima": take in the proper nouns compounded before it
    (at `most` so many: a person introduced without a role may be described by capitalised
    words, "Expat Bangladeshi Leesa Gazi")."""
    head = mention.span(doc).root
    start = mention.start
    while start > 0 and (most is None or mention.start - start < most):
        before = doc[start - 1]
        if not (_name_word(before) and before.dep_ == "compound" and before.head.i == head.i):
            break
        if before.lower_.rstrip(".") in _NOT_FIRST_NAMES:
            break
        start -= 1
    if start < mention.start:
        mention.start = start
        mention.start_char = doc[start].idx
        mention.text = doc.text[mention.start_char : mention.end_char]


# Words inside Arabic, Dutch, German, Spanish, Portuguese and French family names.
NAME_PARTICLES = frozenset(
    {"abu", "abou", "al", "bin", "ibn", "el", "van", "von", "der", "den", "de", "da", "dos", "la"}
)


def _extend_over_particles(doc: Doc, mention: Mention) -> None:
    """ "Khaled M. Abou El Fadl" where NER stopped at "El": a particle and the capitalised name
    word after it continue the name."""
    end = mention.end
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in NAME_PARTICLES
        and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text) + 1
        and _name_word(doc[end + 1])
        and doc[end + 1].is_title
    ):
        end += 2
    if end > mention.end:
        mention.end = end
        mention.end_char = doc[end - 1].idx + len(doc[end - 1].text)
        mention.text = doc.text[mention.start_char : mention.end_char]


def _drop_descriptors(doc: Doc, mentions: list[Mention], lower: set[str]) -> None:
    """A word before a given name that describes the person rather than names them: a demonym,
    an acronym, or a word the article also writes in lower case ("Austrian Max Schrems", "PSB
    Sasho Tasevski", "Frontrunner Martin Fayulu", "Chairperson John R. Vaughn"); `lower`: the
    words the article writes in lower case."""
    for mention in mentions:
        words = mention.text.split()
        if mention.type != "person" or len(words) < 3 or mention.end - mention.start < 3:
            continue
        first = words[0]
        if is_given_name(first) or not is_given_name(words[1]):
            continue
        acronym = first.isupper() and len(first) > 1 and first.isalpha()
        if acronym or first.lower() in lower or is_demonym_of_known_place(first):
            second = doc[mention.start + 1]
            mention.start_char, mention.start = second.idx, second.i
            mention.text = doc.text[second.idx : mention.end_char]


def _split_office_from_holder(doc: Doc, mentions: list[Mention]) -> None:
    """An office NER ran on to its holder's name: "the Army for Civil Works Jo-Ellen Darcy"
    (of "Assistant Secretary of the Army for Civil Works Jo-Ellen Darcy") is Jo-Ellen Darcy, a
    person: a name of "of" or "for" that ends on a given name and a surname."""
    for mention in mentions:
        words = mention.text.split()
        if len(words) < 4 or not {"of", "for"} & {w.lower() for w in words[:-2]}:
            continue
        given, surname = words[-2], words[-1]
        if not (is_given_name(given) and surname[:1].isupper() and surname[1:].islower()):
            continue
        if words[-3].lower() in ("of", "for", "and", "the") or is_given_name(words[-3]):
            continue  # "Bank of Ellen Darcy"? a name of its own; "Mary Ellen Darcy": one person
        if _key(f"{given} {surname}") in _places_and_towns():
            continue  # "University of California San Francisco": a campus's city, no holder
        start_char = mention.end_char - len(f"{given} {surname}")
        holder = doc.char_span(start_char, mention.end_char)
        if holder is None or holder.text != f"{given} {surname}":
            continue
        mention.start_char, mention.start = holder.start_char, holder.start
        mention.text = holder.text
        mention.type = "person"


_PEERAGE = ("Lord", "Lady", "Baroness", "Baron", "Viscount", "Viscountess", "Earl", "Countess")
_TERRITORIAL = re.compile(r"^ of (?:[A-Z][\w'’-]+ ?){1,3}")


def _peers_named_in_full(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A peer's name with its title (and territorial designation), as the peer is named: "Baroness
    Goldie", "Lord Parkinson of Whitley Bay" (not "Parkinson", and no place "Whitley Bay")."""
    absorbed: set[int] = set()
    for mention in mentions:
        if mention.type != "person" or mention.start == 0:
            continue
        title = doc[mention.start - 1]
        territory = _TERRITORIAL.match(doc.text[mention.end_char : mention.end_char + 60])
        if title.text not in _PEERAGE:
            continue
        end_char = mention.end_char + (len(territory.group(0).rstrip()) if territory else 0)
        whole = doc.char_span(title.idx, end_char)
        if whole is None:
            continue
        absorbed |= {
            id(other)
            for other in mentions
            if other is not mention and whole.start_char <= other.start_char < whole.end_char
        }
        mention.start_char, mention.end_char = whole.start_char, whole.end_char
        mention.start, mention.end, mention.text = whole.start, whole.end, whole.text
    return [m for m in mentions if id(m) not in absorbed]


def _write_capitals_as_named(mentions: list[Mention]) -> None:
    """A name in capitals that the article also writes in mixed case is that name, of its type:
    a transcript's "PRESIDENT BIDEN:" is the "Biden" of its text, not an organisation."""
    written = {m.text.casefold(): m for m in mentions if not m.text.isupper()}
    for mention in mentions:
        twin = written.get(mention.text.casefold()) if mention.text.isupper() else None
        if twin is not None:
            mention.text, mention.type = twin.text, twin.type


def _institutions_by_first_word(doc: Doc, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """A one-word "person" that begins the name of an institution or a place the article names,
    and no person's full name, is its short form: "Marshall leads the team" after "Marshall
    Space Flight Center". Not a word that only qualifies nouns ("Tribal nations"). Retyped here;
    (short form, full name's mention) pairs returned to be named alike."""
    person_words = _person_words(mentions)
    person_words |= {
        m.text for m in mentions if m.type == "person" and m.span(doc).root.dep_ in MODIFIER_DEPS
    }
    first_words: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        words = mention.text.split()
        if mention.type != "person" and len(words) > 1 and words[-1].casefold() in _TYPING_HEADS:
            first_words[words[0]].append(mention)
    pairs = []
    for mention in mentions:
        fulls = first_words.get(mention.text, [])
        if mention.type != "person" or mention.text in person_words:
            continue
        if len({m.text for m in fulls}) == 1:
            mention.type = fulls[0].type
            pairs.append((mention, fulls[0]))
    return pairs


def _person_words(mentions: list[Mention]) -> set[str]:
    """Words of full (two or more word) person names: what a surname-only mention can be."""
    return {
        word
        for mention in mentions
        if mention.type == "person" and len(mention.text.split()) > 1
        for word in mention.text.split()
    }


def _after_title(doc: Doc, mention: Mention) -> bool:
    if mention.start == 0:
        return False
    before = doc[mention.start - 1]
    return before.text[:1].isupper() and before.text.lower().rstrip(".") in HONORIFICS


def _is_organisation(doc: Doc, mention: Mention, places: set[str]) -> bool:
    """Drop debris labelled ORG (common nouns) and NORP adjectives ("Chinese", "Western")."""
    span = mention.span(doc)
    root = span.root
    if root.pos_ not in ("PROPN", "NOUN") and not any(t.pos_ == "PROPN" for t in span):
        return False  # (a name's root may be "All" of "All Progressive Congress")
    if len(mention.text.split()) == 1 and root.pos_ != "PROPN" and not mention.text.isupper():
        return False
    if _in_title(doc, mention) or _portfolio(doc, mention):  # "Secretary of State"
        return False
    if mention.nationality:  # a group ("the Taliban", "Democrats"), not a nationality word
        named_group = root.tag_ in ("NNPS", "NNS") or (
            mention.start > 0 and doc[mention.start - 1].lower_ == "the"
        )
        return (
            named_group and root.dep_ not in MODIFIER_DEPS and not _is_demonym(mention.text, places)
        )
    return True


_DEMONYM_SUFFIXES = ("ians", "ans", "ian", "an", "ns", "n", "ese", "is", "i", "ish")
_MAX_DROPPED_LETTERS = 2  # "German" from "Germany": the place's letters a demonym drops


@functools.cache
def _one_word_known_places() -> tuple[str, ...]:
    return tuple(sorted(p for p in known_places() if " " not in p))


# People's words no suffix rule derives from their country's name: "the Dane said" (not those
# that are also surnames or given names: Welsh, Pole, Turk, Scot, Finn).
_IRREGULAR_DEMONYMS = frozenset(
    {"brit", "briton", "dane", "dutch", "emirati", "filipino", "kiwi", "swede", "swiss", "thai"}
)


def is_demonym_of_known_place(word: str) -> bool:
    """ "Angolan", "Americans", "Chinese", "Israeli": a people's word for a country `places.yaml`
    lists, never a name of a person, organisation or place itself."""
    key = _key(word)
    if key in known_places():
        return False
    if key.removesuffix("s") in _IRREGULAR_DEMONYMS:
        return True
    places = _one_word_known_places()
    for suffix in _DEMONYM_SUFFIXES:
        base = key[: -len(suffix)]
        stem = key.endswith(suffix) and len(base) >= MIN_DEMONYM_STEM
        if stem and any(
            p.startswith(base) and len(p) - len(base) <= _MAX_DROPPED_LETTERS for p in places
        ):
            return True
    return False


def _is_demonym(word: str, places: set[str]) -> bool:
    """ "Russians" beside "Russia": a people, not an organisation."""
    stem = word.casefold()[:MIN_DEMONYM_STEM]
    return len(stem) == MIN_DEMONYM_STEM and any(place.startswith(stem) for place in places)


def _unlabelled_names(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """Proper-noun runs NER missed that share a word with a person it found: "Magnus said",
    "Xi Jinping told …" where only "Xi" was labelled elsewhere."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    person_words = {w for m in mentions if m.type == "person" for w in m.text.split()}
    found = []
    for run in _proper_noun_runs(parsed.tokens, covered):
        if len(run) > MAX_NAME_WORDS or not any(t.text in person_words for t in run):
            continue
        mention = _person_of_run(parsed, run)
        if mention is not None:
            found.append(mention)
    return found


def _person_of_run(parsed: ParsedArticle, run: list[Token]) -> Mention | None:
    """A person's mention of a run of name words, titles trimmed off; a run ending on an
    institution's or a place's noun is one ("Goddard Space Flight Center"), a thing's none."""
    head = run[-1].lower_
    if head in NOT_ENTITY_HEADS:
        return None
    kind: EntityType = (
        "place"
        if head in PLACE_HEADS
        else "organisation"
        if head in ORGANISATION_HEADS
        else "person"
    )
    trimmed = _trim(parsed.doc[run[0].i : run[-1].i + 1].text, kind)
    if trimmed is None:
        return None
    lead, text = trimmed
    start = run[0].idx + lead
    return _make_mention(parsed, start, start + len(text), text, kind)


def _speaking_names(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """A capitalised word NER missed or took for a people that speaks as one person and recurs
    ("…," Lovenkrands added.), with its other occurrences: never a word the article also writes
    in lower case, a plural subject ("Brexiteers argue") or a description ("the Dane")."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    tokens = parsed.tokens
    lower = {t.lower_ for t in tokens if t.text[:1].islower()}
    plural = {t.text for t in tokens if t.dep_ == "nsubj" and t.head.tag_ == "VBP"}
    counts = Counter(t.text for t in tokens if t.i not in covered)
    speaking = {
        t.text
        for t in tokens
        if t.i not in covered
        and t.dep_ == "nsubj"
        and is_speech_verb(t.head)
        and not t.is_sent_start
        and t.pos_ in ("PROPN", "NOUN")
        and t.text.isalpha()
        and t.text[:1].isupper()
        and not t.text.isupper()
        and counts[t.text] >= 2
        and t.lower_ not in lower | NOT_NAMES
        and t.text not in plural
        and not any(c.dep_ == "det" for c in t.children)
    }
    found = []
    for token in tokens:
        if token.text in speaking and token.i not in covered:
            mention = _make_mention(
                parsed, token.idx, token.idx + len(token.text), token.text, "person"
            )
            if mention is not None:
                found.append(mention)
    return found + _speaking_full_names(parsed, covered)


def _speaking_full_names(parsed: ParsedArticle, covered: set[int]) -> list[Mention]:
    """Two to four capitalised proper nouns NER missed, the subject of a verb of saying:
    "Blogger Ana Siú wrote recently on Medium:"."""
    found = []
    for token in parsed.tokens:
        if token.i in covered or token.dep_ != "nsubj" or not is_speech_verb(token.head):
            continue
        run = [t for t in token.lefts if t.dep_ == "compound" and _name_word(t)] + [token]
        while len(run) > 2 and run[0].lower_.rstrip(".") in NAME_PREFIXES:
            run = run[1:]  # "Blogger Ana Siú wrote": the blogger's name
        contiguous = all(b.i == a.i + 1 for a, b in itertools.pairwise(run))
        if not (2 <= len(run) <= MAX_NAME_WORDS and contiguous and _name_word(token)):
            continue
        if any(t.i in covered or t.ent_type_ or t.lower_ in NOT_NAMES for t in run):
            continue  # a name NER typed otherwise, or an institution's ("Community of Nations")
        mention = _person_of_run(parsed, run)
        if mention is not None:
            found.append(mention)
    return found


def _proper_noun_runs(tokens: list[Token], covered: set[int]) -> list[list[Token]]:
    """Maximal runs of adjacent capitalised proper nouns outside known mentions."""
    runs: list[list[Token]] = []
    run: list[Token] = []
    for token in tokens:
        joins = _name_word(token) and token.i not in covered
        if joins and run and token.i == run[-1].i + 1 and not token.is_sent_start:
            run.append(token)
            continue
        if run:
            runs.append(run)
        run = [token] if joins else []
    if run:
        runs.append(run)
    return runs


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha()


def _institutional_speakers(parsed: ParsedArticle, mentions: list[Mention]) -> list[Mention]:
    """Institutions that speak without an NER label: "the Russian defence ministry said"."""
    covered = {i for m in mentions if m.type != "place" for i in range(m.start, m.end)}
    found = []
    for token in parsed.tokens:
        if token.i in covered or token.dep_ != "nsubj" or not is_speech_verb(token.head):
            continue
        name_span = institution_phrase(token)
        if name_span is None:
            continue
        mention = _make_mention(
            parsed, name_span.start_char, name_span.end_char, name_span.text, "organisation"
        )
        if mention is not None:
            found.append(mention)
    return found


def institution_phrase(head: Token) -> Span | None:
    """The name an institution noun phrase gives ("Russian defence ministry"), or None when the
    phrase only describes ("the ministry", "the state news wire")."""
    if head.pos_ not in ("NOUN", "PROPN") or head.text.lower() not in INSTITUTION_NOUNS:
        return None
    phrase = noun_phrase(head)
    proper = [
        t
        for t in phrase
        if t.i != head.i
        and t.text[:1].isupper()
        and (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG"))
    ]
    return phrase if proper else None


def noun_phrase(head: Token) -> Span:
    """The head with its modifiers and any "in/of/at PLACE" after it, without the article."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in (*MODIFIER_DEPS, "nummod"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.text.lower() in ("in", "of", "at", "for"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and objects[0].pos_ == "PROPN" and child.i == end:
                end = objects[0].right_edge.i + 1
    while start < head.i and doc[start].dep_ in ("det", "punct"):
        start += 1
    return doc[start:end]


def _extend_seated_institutions(parsed: ParsedArticle, mentions: list[Mention]) -> None:
    """ "the Chinese Embassy in Moscow" names one embassy, "the International Campaign for
    Freedom in the UAE" one campaign: the place belongs to the name."""
    places = {m.start_char: m for m in mentions if m.type == "place"}
    # NER may take a country's initials for an organisation's: "in the UAE"
    places.update(
        {m.start_char: m for m in mentions if m.type == "organisation" and m.text.isupper()}
    )
    text = parsed.text
    for mention in mentions:
        if mention.type != "organisation":
            continue
        seated = mention.text.split()[-1].lower() in SEATED_INSTITUTIONS
        if not (seated or _NAMED_CAUSE.search(mention.text)):
            continue
        follow = re.match(r" in (?:the )?", text[mention.end_char : mention.end_char + 8])
        place = places.get(mention.end_char + len(follow.group())) if follow else None
        if place is None:
            continue
        mention.text = text[mention.start_char : place.end_char]
        mention.end_char = place.end_char
        mention.end = place.end


# A name that says what it stands for: "Campaign for Freedom", "Center for Human Rights".
_NAMED_CAUSE = re.compile(r" for (?:[A-Z][\w’'-]+ ?)+$")


# --- canonical names ----------------------------------------------------------------------------


def name_words(name: str) -> set[str]:
    """A person's name as the words compared to join mentions: case, accents and hyphens aside
    ("Félix" is "Felix", "Al-Rawi" is "Al Rawi", "JOHNSON" is "Johnson")."""
    return set(without_accents(name).casefold().replace("-", " ").split())


def _person_key_words(name: str) -> set[str]:
    """`name_words` of a full name, its middle initials aside and its given name in full ("Ed
    Felten" and "Edward W. Felten" are one person; `nicknames.yaml`)."""
    kept = without_middle_initials(without_accents(name).casefold().replace("-", " ").split())
    if kept:
        kept[0] = full_given_names().get(kept[0], kept[0])  # "Nick" alone is "Nicholas" too
    return set(kept)


def _name_people(people: list[Mention]) -> None:
    """Join each short mention to the full name it refers back to.

    A short mention ("Wang", "Gabuev") joins the most recently mentioned person whose full name
    contains all its words; with none mentioned yet, the one full name in the article that
    contains them, if exactly one does. Different words never merge, so "Wan" stays apart from
    "Wang"; and a bare "Wang" between "Wang Yi" and "Henry Wang Huiyao" goes to whichever was
    mentioned last, as a reader would take it. A fuller form of one known name ("Henry Wang
    Huiyao" after "Wang Huiyao") joins it; the longest form names the person.
    """
    groups: list[list[Mention]] = []
    full_words: list[set[str]] = []  # per group: the words of its longest name
    last_seen: list[int] = []
    pending: list[Mention] = []
    for position, mention in enumerate(people):
        words = _person_key_words(mention.text)
        containing = [g for g, names in enumerate(full_words) if words <= names]
        fuller_of = [g for g, names in enumerate(full_words) if names < words]
        if containing:
            group = max(containing, key=lambda g: last_seen[g])
        elif len(fuller_of) == 1:
            group = fuller_of[0]
            full_words[group] = words
        elif len(words) > 1:
            groups.append([])
            full_words.append(words)
            last_seen.append(position)
            group = len(groups) - 1
        else:
            pending.append(mention)
            continue
        groups[group].append(mention)
        last_seen[group] = position
    alone: dict[str, list[Mention]] = defaultdict(list)
    for mention in pending:
        words = _person_key_words(mention.text)
        containing = [g for g, names in enumerate(full_words) if words <= names]
        if len(containing) == 1:
            groups[containing[0]].append(mention)
        else:
            alone[mention.text].append(mention)
    for group in [*groups, *alone.values()]:
        name = max(group, key=lambda m: (len(m.text.split()), -m.start_char)).text
        for mention in group:
            mention.name = name


_HEADLINE_GIVEN_NAMES = 2


def _name_by_headline(people: list[Mention], title: str | None) -> None:
    """A person the text names by surname alone, whom the headline names in full: "PRIME
    MINISTER SUNAK:" in a transcript under "Remarks by … Prime Minister Rishi Sunak of …". The
    capitalised words before the surname in the headline, after any title, are the given names."""
    if not title:
        return
    words = title.replace("\u00a0", " ").split()
    for surname in {m.name for m in people if " " not in m.name}:
        at = [i for i, w in enumerate(words) if w.strip(",.:;’'s").casefold() == surname.casefold()]
        if len(at) != 1:
            continue
        given = []
        for word in reversed(words[max(0, at[0] - _HEADLINE_GIVEN_NAMES) : at[0]]):
            if (
                not word[:1].isupper()
                or word.isupper()  # "NASA Johnson Space Center": no given name
                or word.casefold().rstrip(".") in TITLE_WORDS | _TYPING_HEADS
            ):
                break
            given.insert(0, word)
        if given:
            full = " ".join([*given, words[at[0]].strip(",.:;")])
            for mention in people:
                if mention.name == surname:
                    mention.name = full


def _name_by_key(mentions: list[Mention], text: str) -> None:
    """Organisations and places: one name per spelling (case, dots, -ise/-ize), acronym and
    alias (`aliases.yaml`); an alias group is named as the file names it. An acronym joins the
    name it is bracketed after ("Italian Space Agency (ASI)"), else the one long name it is the
    initials of."""
    by_key: dict[str, list[Mention]] = defaultdict(list)
    aliases = alias_names()
    spelled: dict[str, str] = {}  # spelling key → the first key written so
    for mention in mentions:
        key = _key(mention.text)
        key = _key(aliases[key]) if key in aliases else key
        by_key[spelled.setdefault(_spelling_key(key), key)].append(mention)
    long_names = {key: group for key, group in by_key.items() if " " in group[0].text}
    bracketed = _bracketed_acronyms(mentions, text)
    for key in [k for k, group in by_key.items() if _looks_like_acronym(group[0].text)]:
        if key in bracketed and _key(bracketed[key]) in long_names:
            long_names[_key(bracketed[key])].extend(by_key.pop(key))
            continue
        expansions = [k for k in long_names if key in _initials(long_names[k][0].text)]
        if len(expansions) > 1:  # "AU" after "African Union", before "American University"
            expansions = _written_last_before(expansions, long_names, by_key[key]) or expansions
        if len(expansions) == 1:
            long_names[expansions[0]].extend(by_key.pop(key))
    _join_short_forms(by_key)
    for key, group in by_key.items():
        name = aliases.get(key) or max(group, key=lambda m: (len(m.text), -m.start_char)).text
        for mention in group:
            mention.name = name


def _spelling_key(key: str) -> str:
    """A name's key with its spacing, hyphens and plural endings aside: "MarineTraffic" is "Marine
    Traffic", "NASA-TV" is "NASA TV", "Office of Communication" is "Office of Communications"."""
    words = re.split(r"[\s\-]+", key)
    return "".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _written_last_before(
    keys: list[str], by_key: dict[str, list[Mention]], short: list[Mention]
) -> list[str]:
    """Of several long names an acronym could stand for, the one first written last before it."""
    first = {k: min(m.start_char for m in by_key[k]) for k in keys}
    acronym_at = min(m.start_char for m in short)
    before = sorted((at, k) for k, at in first.items() if at < acronym_at)
    return [before[-1][1]] if before else []


ALIASES_FILE = Path(__file__).resolve().parent.parent / "aliases.yaml"


@functools.cache
def alias_names() -> dict[str, str]:
    """Key of a name or alias → the name as `aliases.yaml` writes it."""
    entries = yaml.safe_load(ALIASES_FILE.read_text(encoding="utf-8"))["aliases"]
    return {
        _key(written): entry["name"]
        for entry in entries
        for written in [entry["name"], *entry.get("aliases", [])]
    }


def _key(text: str) -> str:
    return re.sub(r"isation\b", "ization", text.casefold().replace(".", "")).strip()


def _join_short_forms(by_key: dict[str, list[Mention]]) -> None:
    """An organisation's name of two words or more that ends the one longer organisation's name
    written before it is its short form: "Security Council" after "Russian Federation Security
    Council", "Department of the Treasury" after "U.S. Department of the Treasury"; so is a
    department's portfolio ("Treasury"). (A name that begins a longer one is not: "Air Force" is
    not "Air Force One".)"""
    first = {key: min(m.start_char for m in group) for key, group in by_key.items()}
    organisations = {
        k for k, group in by_key.items() if all(m.type == "organisation" for m in group)
    }
    for key in sorted(organisations, key=lambda k: (len(k.split()), k)):
        words = key.split()
        longer = [
            other
            for other in organisations & by_key.keys()
            if len(other.split()) > len(words)
            and first[other] < first[key]
            and (
                (len(words) > 1 and other.split()[-len(words) :] == words)
                or _portfolio_of(other) == key
            )
        ]
        if len(longer) == 1 and key in by_key:
            by_key[longer[0]].extend(by_key.pop(key))
    _join_first_words(by_key)


def _institution(key: str, group: list[Mention]) -> bool:
    words = key.split()
    return (
        len(words) > 1
        and words[-1] in ORGANISATION_HEADS
        and all(m.type == "organisation" for m in group)
    )


def _join_first_words(by_key: dict[str, list[Mention]]) -> None:
    """A name that begins one longer name only, an institution's ending on an institution's
    noun, is its short form: "Renova" of "Renova Group", "Texas A&M" of "Texas A&M University".
    Not a name the knowledge files list, an institution's bare word ("Navy"), nor a name before
    any other word ("Air Force One")."""
    known = known_places() | alias_names().keys()
    for key in sorted(by_key, key=lambda k: (len(k.split()), k)):
        group = by_key.get(key)
        if not group or key in known or key in INSTITUTION_NOUNS or key in GENERIC_NAMES:
            continue  # "Navy" is not short for "Navy Information Agency"
        if any(m.type == "person" for m in group):
            continue
        longer = [k for k in by_key if k != key and k.startswith(key + " ")]
        if len(longer) != 1 or not _institution(longer[0], by_key[longer[0]]):
            continue  # "State Farm" of "State Farm Group" and "State Farm General": either
        if Counter(m.type for m in group).most_common(1)[0][0] == "place":
            # a place's name only before the noun alone: "Renova" of "Renova Group", but not
            # "Texas" of "Texas A&M University"
            longer = [k for k in longer if len(k.split()) == len(key.split()) + 1]
        if len(longer) == 1 and longer[0] in by_key:
            by_key[longer[0]].extend(by_key.pop(key))


_PORTFOLIO = re.compile(r"^(?:.+ )?(?:department|ministry) of (?:the )?(.+)$")


def _portfolio_of(key: str) -> str | None:
    """ "treasury" of "us department of the treasury": the word a department is short-named by."""
    match = _PORTFOLIO.match(key)
    return match.group(1) if match else None


_BRACKETED = re.compile(r"\s*(?:\(|, or)\s*$")


def _bracketed_acronyms(mentions: list[Mention], text: str) -> dict[str, str]:
    """Acronym key → the long name written right before it in brackets: "… Agency (ASI)"."""
    found = {}
    for before, mention in itertools.pairwise(mentions):
        gap = text[before.end_char : mention.start_char]
        if _looks_like_acronym(mention.text) and " " in before.text and _BRACKETED.fullmatch(gap):
            found.setdefault(_key(mention.text), before.text)
    return found


def _looks_like_acronym(text: str) -> bool:
    return " " not in text and 2 <= len(text) <= 6 and text[:2].isupper()


def _initials(text: str) -> set[str]:
    """The acronyms a long name can have: initials of all words, or of the main words."""
    words = [w for w in re.split(r"[\s-]+", text) if w]
    every = "".join(_initial(w) for w in words).casefold()
    main = "".join(_initial(w) for w in words if w.casefold() not in ACRONYM_SKIP).casefold()
    return {every, main}


def _initial(word: str) -> str:
    """A word's letter in an acronym; a dotted abbreviation gives all of its ("U.S." → "US")."""
    return word.replace(".", "") if re.fullmatch(r"(?:[A-Z]\.){2,}", word) else word[0]


# --- roles ----------------------------------------------------------------------------------------


def first_role(parsed: ParsedArticle, group: list[Mention]) -> str | None:
    """The role the article gives at the first mention that gives one, in a body paragraph."""
    paragraphs = parsed.article.paragraphs
    for mention in group:
        if mention.type == "place" or paragraphs[mention.paragraph].kind != "body":
            continue
        role = role_at(parsed.doc, mention)
        if role:
            return role
    return None


def role_at(doc: Doc, mention: Mention) -> str | None:
    """ "X, a ROLE at ORG", "ROLE, X," or "ROLE X": the role words, cleaned."""
    span = mention.span(doc)
    head = span.root
    appositives = [c for c in head.rights if c.dep_ == "appos" and c.i >= span.end]
    if appositives and any(c.pos_ == "NOUN" for c in appositives):
        start = min(c.left_edge.i for c in appositives)
        return _clean_role(doc[start : max(c.right_edge.i for c in appositives) + 1])
    if head.dep_ == "appos" and head.head.i < span.start and head.head.pos_ == "NOUN":
        described = head.head
        while described.dep_ == "conj" and described.head.i < described.i:
            described = described.head
        return _clean_role(doc[described.left_edge.i : span.start])
    if head.dep_ not in ("compound", "amod"):  # a possessor is no role ("the bank's committee")
        modifiers = [
            c for c in head.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i < span.start
        ]
        if modifiers:
            start = min(c.left_edge.i for c in modifiers)
            end = span.start
            names = set(mention.name.split())
            while end > start and doc[end - 1].text in names:
                end -= 1  # "blogger Nouhou" of "Nouhou Baldé": the rest of the name is no role
            return _clean_role(doc[start:end]) if end > start else None
    predicate = _predicate_noun(head)
    if predicate is not None:
        return _clean_role(doc[predicate.left_edge.i : predicate.right_edge.i + 1])
    return None


_RANKS = COURTESY_TITLES | frozenset(
    {"gen", "lt", "col", "adm", "maj", "capt", "sgt", "cpl", "brig", "cmdr", "cdr", "gov", "rev"}
)


def _clean_role(span: Span) -> str | None:
    tokens = list(span)
    while tokens and (tokens[0].dep_ == "det" or tokens[0].tag_ == "PRP$" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_.rstrip(".") in _RANKS
    ):  # "head of US Northern Command, Gen": the next name's rank, cut off at its full stop
        tokens = tokens[:-1]
    if not any(t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in NOT_ROLE_LABELS for t in tokens):
        return None  # "Washington-based" or "March 3" describes; it is no role
    if tokens[-1].tag_ == "POS":
        return None  # "the Williams cars of Valtteri Bottas and … Force India's": no role
    if all(t.lower_.rstrip(".") in COURTESY_TITLES or t.is_punct for t in tokens):
        return None  # "Mr" is a form of address
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text
    text = re.sub(r"\s+", " ", text).rstrip(".")
    return text or None
