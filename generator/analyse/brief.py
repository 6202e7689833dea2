"""Analysis: one Article in, one Brief out, as a sequence of small steps over a single parse.

`analyse_article` is a pure function of the article, the topics and the settings, so its result
can be cached by a hash of those and computed in any worker process.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from generator.analyse.claims import select_claims
from generator.analyse.entities import extract_entities
from generator.analyse.events import extract_events
from generator.analyse.figures import extract_figures
from generator.analyse.parse import ParsedArticle, parse_article
from generator.analyse.quotes import extract_quotes, reported_speaker
from generator.analyse.terms import extract_key_terms
from generator.analyse.themes import match_topics, with_mentions
from generator.analyse.turns import turn_speakers
from generator.model import Article, Brief, Topic
from generator.slugs import slugify

SUMMARY_SENTENCES = 2


def article_identity(article: Article) -> dict[str, str | None]:
    """The fields a brief takes from its article as they are: what it is and where it came from."""
    return {
        "source": article.source,
        "slug": slugify(article.title) or slugify(article.source),
        "content_hash": article.content_hash,
        "title": article.title,
        "publisher": article.publisher,
        "date": article.date,
        "url": article.url,
    }


def analyse_article(
    article: Article, topics: Sequence[Topic], nlp: Language, claims_per_brief: int
) -> Brief:
    return analyse_parsed(parse_article(article, nlp), topics, claims_per_brief)


def analyse_parsed(parsed: ParsedArticle, topics: Sequence[Topic], claims_per_brief: int) -> Brief:
    """`analyse_article` of an article already parsed (`parse_article`, `parse_articles`)."""
    article = parsed.article
    entities = extract_entities(parsed)
    quotes = extract_quotes(parsed, entities)
    selection = select_claims(
        parsed,
        quotes,
        limit=claims_per_brief,
        speaker_of=lambda sentence: reported_speaker(sentence, parsed, entities),
        lead_count=SUMMARY_SENTENCES,
        turns=turn_speakers(parsed),
    )
    return Brief(
        **article_identity(article),
        summary=" ".join(claim.text for claim in selection.lead),
        paragraphs=article.paragraphs,
        quotes=quotes,
        claims=selection.claims,
        entities=entities,
        figures=extract_figures(parsed),
        topics=with_mentions(match_topics(parsed, topics), topics, selection.claims, quotes),
        events=extract_events(parsed),
        key_terms=extract_key_terms(parsed),
        removed=article.removed,
        inferred=article.inferred,
        warnings=article.warnings,
        lead=selection.lead,
    )
