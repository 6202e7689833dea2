"""The data model shared by every stage: plain, typed, JSON-serialisable dataclasses.

Stages pass these objects to each other and never reach into one another's internals.
`to_dict` / `from_dict` give the versioned JSON form used for the cache and the export.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, dataclass_transform

SCHEMA_VERSION = 1
# Strings this short are names, ids, kinds and terms, which recur across briefs: one copy each.
SHARED_STRING_LENGTH = 32

Record = TypeVar("Record", bound=type)


@dataclass_transform(frozen_default=True)
def record(cls: Record) -> Record:
    """A frozen dataclass with slots, whose pickles (the caches) load with short strings shared.

    A site holds every brief in memory at once; per-object `__dict__`s and a copy of each name
    per brief were some 40 % of it. The pickled state is the tuple of field values; a state
    pickled as a dict, before slots, still loads (the bench recycles old caches' briefs).
    """
    # weakref_slot: values derived from a brief are kept per brief object (cache.PER_OBJECT).
    cls = dataclass(frozen=True, slots=True, weakref_slot=True)(cls)
    names = tuple(f.name for f in dataclasses.fields(cls))
    intern, set_field, short = sys.intern, object.__setattr__, SHARED_STRING_LENGTH

    def __getstate__(self: Any) -> tuple:
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self: Any, state: tuple | dict) -> None:
        if type(state) is dict:
            state = tuple(state[name] for name in names)
        for name, value in zip(names, state, strict=True):
            # Inlined rather than a helper: a warm run loads a million of these objects.
            if type(value) is str:
                if len(value) <= short:
                    value = intern(value)
            elif type(value) is tuple and value and type(value[0]) is str:
                value = tuple([intern(v) if len(v) <= short else v for v in value])
            set_field(self, name, value)

    cls.__getstate__ = __getstate__
    cls.__setstate__ = __setstate__
    return cls


ParagraphKind = Literal["body", "heading"]
QuoteKind = Literal["full", "partial"]
EntityType = Literal["person", "organisation", "place"]
SpeakerType = Literal["person", "organisation", "user", "unknown"]
FigureKind = Literal["money", "percent", "count", "quantity", "date"]


# A field that caches and pages use but the briefs JSON does not carry: derived from the others.
NOT_EXPORTED = {"exported": False}


@record
class Paragraph:
    """One paragraph of article text after boilerplate removal; `id` is stable for the same text."""

    id: str
    text: str
    line: int  # 1-based line in the seed file where the paragraph starts
    kind: ParagraphKind = "body"
    # Set off as a block quotation by the source (HTML <blockquote>, Markdown "> "): analysis
    # reads it as the words of whoever the line above introduces.
    quoted: bool = dataclasses.field(default=False, metadata=NOT_EXPORTED)
    # Set wholly in bold or italics by the source: an interview's questions often are.
    emphasised: bool = dataclasses.field(default=False, metadata=NOT_EXPORTED)


@record
class RemovedText:
    """A line of publisher boilerplate taken out of the article, kept so nothing vanishes silently."""

    line: int
    text: str
    reason: str


@record
class Inference:
    """A metadata field the generator inferred from the text rather than read from metadata."""

    field: str
    value: str
    evidence: str


@record
class Article:
    """A seed file read, decoded, cleaned and split: the input to analysis."""

    source: str  # path relative to the seeds folder, with forward slashes
    content_hash: str  # sha256 of the raw bytes of the seed (and its sidecar, if any)
    title: str
    publisher: str | None
    date: str | None  # ISO 8601 date, yyyy-mm-dd
    url: str | None
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[RemovedText, ...] = ()
    inferred: tuple[Inference, ...] = ()
    warnings: tuple[str, ...] = ()


@record
class Figure:
    """A number the article states: money, a percentage, a count, a quantity or a date, with
    its value (scale applied; a date's ISO form) and unit (a currency code, "%", the noun counted,
    a measure), each None where the text does not give it."""

    text: str
    kind: FigureKind
    paragraph: str
    value: float | str | None = None
    unit: str | None = None


@record
class Quote:
    """A direct quotation, verbatim, with the speaker as canonically named in the article."""

    text: str
    speaker: str | None
    role: str | None
    kind: QuoteKind
    paragraph: str  # id of the paragraph where the quotation opens
    speaker_type: SpeakerType = "unknown"


@record
class Claim:
    """A verbatim sentence ranked among the article's most informative (never a quotation)."""

    text: str
    paragraph: str
    rank: int
    score: float
    speaker: str | None = None  # set when the claim is reported speech ("X said China would ...")
    figures: tuple[Figure, ...] = ()


@record
class Entity:
    """A person, organisation or place, under one canonical name for the article."""

    name: str
    type: EntityType
    mentions: int
    aliases: tuple[str, ...] = ()
    role: str | None = None
    paragraphs: tuple[str, ...] = ()


@record
class DatedEvent:
    """A sentence that places something in a year ("In 2014, China abstained …")."""

    year: int
    when: str  # the date as the article writes it
    sentence: str
    paragraph: str


@record
class Evidence:
    """Where an article's text signals a topic: the term matched and the sentence it stands in."""

    term: str
    paragraph: str
    sentence: str


@record
class TopicMatch:
    id: str
    name: str
    evidence: tuple[Evidence, ...]
    main: bool = True  # what the article is about; False: only touched in passing
    # What the brief says on the topic, found once in analysis for the corpus to gather: the
    # claims naming the topic, and the attributed quotes naming it or in a paragraph of evidence
    # (indexes into the brief's `claims` and `quotes`).
    claims: tuple[int, ...] = dataclasses.field(default=(), metadata=NOT_EXPORTED)
    quotes: tuple[int, ...] = dataclasses.field(default=(), metadata=NOT_EXPORTED)


@record
class Brief:
    """Everything the site shows about one article: the article plus its analysis."""

    source: str
    slug: str
    content_hash: str
    title: str
    publisher: str | None
    date: str | None
    url: str | None
    summary: str
    paragraphs: tuple[Paragraph, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    entities: tuple[Entity, ...]
    figures: tuple[Figure, ...]
    topics: tuple[TopicMatch, ...]
    events: tuple[DatedEvent, ...] = ()
    key_terms: tuple[str, ...] = ()  # recurring names and noun phrases, most frequent first
    removed: tuple[RemovedText, ...] = ()
    inferred: tuple[Inference, ...] = ()
    warnings: tuple[str, ...] = ()
    lead: tuple[Claim, ...] = ()  # the summary's sentences, in article order, with paragraphs
    # A digest of everything the brief was made from (its key in the brief cache): equal keys,
    # equal briefs. Set once the brief is cached; pages count a brief by it and its slug.
    key: str = dataclasses.field(default="", metadata=NOT_EXPORTED)


@record
class Facet:
    """A sub-question of a topic the editor names, and the terms that mark a claim or quote on it."""

    name: str
    terms: tuple[str, ...]


@record
class Topic:
    """An editor-defined topic from the knowledge file."""

    id: str
    name: str
    description: str
    terms: tuple[str, ...]
    min_evidence: int = 1
    facets: tuple[Facet, ...] = ()


@record
class SeedProblem:
    """A seed that could not be used, or was used with a caveat; shown on the site's report page."""

    source: str
    reason: str
    action: str  # what the user can do about it
    skipped: bool = True
    location: str | None = None  # line or paragraph, where known


def to_dict(obj: Any) -> Any:
    """Convert model objects into JSON-ready dicts and lists (tuples become lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: to_dict(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.metadata.get("exported", True)
        }
    if isinstance(obj, (list, tuple)):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a model object (or a container of them) from the output of `to_dict`."""
    return _convert(cls, data)


def _convert(annotation: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _convert(options[0], data) if len(options) == 1 else data
    if origin is tuple:
        (item_type, *_rest) = typing.get_args(annotation)
        return tuple(_convert(item_type, item) for item in data)
    if origin is list:
        (item_type,) = typing.get_args(annotation)
        return [_convert(item_type, item) for item in data]
    if dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        known = {f.name for f in dataclasses.fields(annotation)}
        return annotation(**{k: _convert(hints[k], v) for k, v in data.items() if k in known})
    return data
