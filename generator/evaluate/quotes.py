"""Score briefs against hand-checked annotations (the format of shared/eval/seeds-gold.yaml).

Matching follows the reference scorer: an extracted quotation matches a gold one when it covers
at least 90% of the gold tokens and adds at most 10% more; extracted quotations under three words
are not scored; a speaker is right when the gold name's words (titles aside) are all in it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language

from generator.analyse.figures import KIND_BY_LABEL, is_informative
from generator.corpus.subjects import propose_topics
from generator.evaluate.entities import (
    KnowledgeScore,
    knowledge_line,
    knowledge_rows,
    score_knowledge,
)
from generator.evaluate.fields import (
    FieldScore,
    article_line,
    field_figures,
    fields_table,
    plain_tokens,
    score_fields,
    sentence_matches,
)
from generator.model import Brief, from_dict

TITLES = {
    "the",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "state",
    "news",
    "agency",
    "user",
}
# A quotation shorter than this is not scored, the gold's as the brief's (the reference scorer
# passes over a brief's; a transcript's "Yeah." or "Where?" could match any other).
MIN_SCORED_WORDS = 3
TARGETS = {"recall_full": 0.98, "recall_partial": 0.90, "precision": 0.95, "speaker_accuracy": 0.95}


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, Markdown and wiki link addresses aside (as `plain_tokens`)."""
    return plain_tokens(text)


def quote_matches(gold: str, extracted: str) -> bool:
    """The reference scorer's rule: 90 % of the gold tokens, at most 10 % more; a post's web
    addresses, hashtags and mentions are its furniture, not words of the quotation (annotators
    kept or dropped a post's closing ones, and so may a brief)."""
    return sentence_matches(_POST_FURNITURE.sub(" ", gold), _POST_FURNITURE.sub(" ", extracted))


_POST_FURNITURE = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+|[#@]\w+")


def speaker_matches(gold: str, extracted: str | None) -> bool:
    if not extracted:
        return False
    gold_words = set(tokens(gold)) - TITLES
    got_words = set(tokens(extracted)) - TITLES
    return gold_words <= got_words and len(got_words - gold_words) <= 3


@dataclass
class ArticleScore:
    source: str
    counts: Counter = field(default_factory=Counter)
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    wrong_speakers: list[tuple[str, str, str | None]] = field(default_factory=list)
    topic_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ProposalScore:
    """One of `check`'s topic proposals: its term, how many briefs it rests on, and the main
    topic (by the gold) that at least half of them share, if one does."""

    term: str
    briefs: int
    subject: str | None


# `check`'s first this many proposals are scored: what a user reads before deciding.
PROPOSALS_SCORED = 10
# A proposal is a real subject of the corpus when this share of its briefs is mainly about one
# topic of the gold ("free software": 3 of 3 on open-source software; "Congress": 13 briefs on
# nine different subjects).
SUBJECT_SHARE = 0.5
# …and at least this many of them: two briefs share some subject by chance ("business owner" in
# two disaster declarations).
MIN_SUBJECT_BRIEFS = 3


@dataclass
class Evaluation:
    articles: list[ArticleScore]
    fields: list[FieldScore] = field(default_factory=list)
    knowledge: list[KnowledgeScore] = field(default_factory=list)
    proposals: list[ProposalScore] = field(default_factory=list)

    @property
    def totals(self) -> Counter:
        return sum((article.counts for article in self.articles), Counter())

    @property
    def field_totals(self) -> Counter:
        return sum((article.counts for article in self.fields), Counter())

    @property
    def knowledge_totals(self) -> Counter:
        return sum((article.counts for article in self.knowledge), Counter())

    def figures(self) -> dict[str, float]:
        t = self.totals
        return {
            "recall_full": t["found_full"] / max(1, t["gold_full"]),
            "recall_partial": t["found_partial"] / max(1, t["gold_partial"]),
            "precision": t["correct"] / max(1, t["extracted"]),
            "speaker_accuracy": t["speaker_ok"] / max(1, t["matched"]),
            "topic_accuracy": t["topics_ok"] / max(1, t["topics_checked"]),
        }

    def meets_targets(self) -> bool:
        figures = self.figures()
        topics_right = figures["topic_accuracy"] == 1.0 or not self.totals["topics_checked"]
        return all(figures[name] >= target for name, target in TARGETS.items()) and topics_right


def score_article(
    source: str, gold: Mapping[str, Any], brief: Mapping[str, Any] | None
) -> ArticleScore:
    score = ArticleScore(source)
    quotes = [
        q
        for q in (brief or {}).get("quotes", [])
        if len(tokens(q.get("text", ""))) >= MIN_SCORED_WORDS
    ]
    used: set[int] = set()
    for gold_quote in gold.get("quotes") or []:
        if len(tokens(gold_quote["text"])) < MIN_SCORED_WORDS:
            continue  # as a brief's: "Yeah." cannot be told from any other "Yeah."
        kind = gold_quote["kind"]
        score.counts[f"gold_{kind}"] += 1
        index = next(
            (
                i
                for i, q in enumerate(quotes)
                if i not in used and quote_matches(gold_quote["text"], q["text"])
            ),
            None,
        )
        if index is None:
            score.missed.append(gold_quote["text"])
            continue
        used.add(index)
        score.counts[f"found_{kind}"] += 1
        if gold_quote.get("speaker"):
            score.counts["matched"] += 1
            if speaker_matches(gold_quote["speaker"], quotes[index].get("speaker")):
                score.counts["speaker_ok"] += 1
            else:
                score.wrong_speakers.append(
                    (gold_quote["text"], gold_quote["speaker"], quotes[index].get("speaker"))
                )
    score.counts["extracted"] += len(quotes)
    score.counts["correct"] += len(used)
    score.spurious = [q["text"] for i, q in enumerate(quotes) if i not in used]
    score_topics(score, gold.get("topics") or {}, brief)
    return score


def score_topics(score: ArticleScore, gold_topics: Mapping[str, Any], brief) -> None:
    """Each topic the gold says the article is (yes) or is not (no) about, against the brief's
    topics. A gold that marks topics touched in `passing` (the corpus's) asks which are the
    article's main topics, and a passing one called main is counted apart too; the seeds' gold
    asks which topic pages link the brief at all (main or in passing)."""
    main_only = "passing" in gold_topics
    linked = {
        t.get("name", "").casefold()
        for t in (brief or {}).get("topics", [])
        if t.get("main", True) or not main_only
    }
    for expected, names in (
        ("yes", gold_topics.get("yes") or []),
        ("no", gold_topics.get("no") or []),
    ):
        for name in names:
            score.counts["topics_checked"] += 1
            if (name.casefold() in linked) == (expected == "yes"):
                score.counts["topics_ok"] += 1
            else:
                score.topic_errors.append(f"{name}: expected {expected}")
    for name in gold_topics.get("passing") or []:
        score.counts["topics_passing"] += 1
        if name.casefold() in linked:
            score.counts["topics_passing_linked"] += 1
            score.topic_errors.append(f"{name}: only in passing, linked as a main topic")


def evaluate(
    gold: Mapping[str, Any],
    briefs: Iterable[Mapping[str, Any]],
    lines_by_source: Mapping[str, Sequence[str]] | None = None,
) -> Evaluation:
    """Score briefs against gold; with the articles' lines, also the fields the corpus gold
    annotates (title, publisher, date, junk, claims, summary)."""
    by_file = {str(b.get("source", "")).replace("\\", "/").rsplit("/", 1)[-1]: b for b in briefs}
    quotes = [score_article(src, spec, by_file.get(src)) for src, spec in gold.items()]
    fields = [
        score_fields(src, spec, by_file.get(src), lines_by_source[src])
        for src, spec in gold.items()
        if lines_by_source is not None and src in lines_by_source
    ]
    knowledge = [score_knowledge(src, spec, by_file.get(src)) for src, spec in gold.items()]
    return Evaluation(quotes, fields, knowledge, score_proposals(gold, by_file))


def score_proposals(
    gold: Mapping[str, Any], by_file: Mapping[str, Mapping[str, Any]]
) -> list[ProposalScore]:
    """`check`'s first proposals for the gold's briefs, as with an empty topic file, each with
    the subject it stands for. Only a gold that annotates main topics (the corpus's) is read."""
    main = {
        name: set(topics.get("yes") or [])
        for name, spec in gold.items()
        if "passing" in (topics := (spec or {}).get("topics") or {}) and name in by_file
    }
    if not main:
        return []
    # as a corpus without a topic file: no brief is linked to a topic yet
    briefs = [replace(from_dict(Brief, by_file[name]), topics=()) for name in main]
    scores = []
    for proposal in propose_topics(briefs, [])[:PROPOSALS_SCORED]:
        names = [source.replace("\\", "/").rsplit("/", 1)[-1] for source in proposal.sources]
        counts = Counter(topic for name in names for topic in main.get(name, ()))
        subject, holders = counts.most_common(1)[0] if counts else (None, 0)
        real = holders >= MIN_SUBJECT_BRIEFS and holders >= SUBJECT_SHARE * len(names)
        scores.append(ProposalScore(proposal.term, len(names), subject if real else None))
    return scores


def report(evaluation: Evaluation, verbose: bool = False) -> str:
    lines = []
    fields_by_source = {score.source: score for score in evaluation.fields}
    knowledge_by_source = {score.source: score for score in evaluation.knowledge}
    for article in evaluation.articles:
        c = article.counts
        lines.append(
            f"{article.source}: full {c['found_full']}/{c['gold_full']} "
            f"partial {c['found_partial']}/{c['gold_partial']} "
            f"speakers {c['speaker_ok']}/{c['matched']} extracted {c['extracted']} "
            f"topics {c['topics_ok']}/{c['topics_checked']}"
        )
        field_score = fields_by_source.get(article.source)
        if field_score is not None:
            lines.append(f"  {article_line(field_score)}")
            if verbose:
                lines += [f"  {problem}" for problem in field_score.problems]
        knowledge = knowledge_by_source.get(article.source)
        if knowledge is not None and knowledge_line(knowledge):
            lines.append(f"  {knowledge_line(knowledge)}")
            if verbose:
                lines += [f"  {problem}" for problem in knowledge.problems]
        if verbose:
            lines += [f"  missed: {text}" for text in article.missed]
            lines += [f"  spurious: {text}" for text in article.spurious]
            lines += [
                f"  speaker: {t[:50]!r} gold={g!r} got={s!r}" for t, g, s in article.wrong_speakers
            ]
            lines += [f"  topic: {error}" for error in article.topic_errors]
    f = evaluation.figures()
    lines.append(
        f"recall_full={f['recall_full']:.3f} recall_partial={f['recall_partial']:.3f} "
        f"precision={f['precision']:.3f} speaker_acc={f['speaker_accuracy']:.3f} "
        + (
            f"topic_acc={f['topic_accuracy']:.3f}"
            if evaluation.totals["topics_checked"]
            else "topic_acc=n/a (no topics annotated)"
        )
        + (
            f" passing_linked={evaluation.totals['topics_passing_linked']}"
            f"/{evaluation.totals['topics_passing']}"
            if evaluation.totals["topics_passing"]
            else ""
        )
    )
    if evaluation.proposals:
        real = sum(p.subject is not None for p in evaluation.proposals)
        lines.append(
            f"check: {real} of its first {len(evaluation.proposals)} topic proposals are "
            "subjects most of their briefs are mainly about"
        )
        if verbose:
            lines += [
                f"  proposal {p.term!r} ({p.briefs} briefs): {p.subject or 'no shared subject'}"
                for p in evaluation.proposals
            ]
    if evaluation.fields:
        totals = evaluation.field_totals
        rows = knowledge_rows(evaluation.knowledge_totals)
        lines += ["", fields_table(field_figures(totals), totals, rows)]
    return "\n".join(lines)


@dataclass
class ClaimComparison:
    """Ranked claims against the lead baseline (the article's first sentences) for one brief."""

    source: str
    claims: list[str]
    lead: list[str]

    @property
    def overlap(self) -> int:
        return len(set(self.claims) & set(self.lead))


def compare_with_lead(brief: Brief, nlp: Language) -> ClaimComparison:
    """The first as many body sentences as the brief has claims: the classic news baseline."""
    body = [p.text for p in brief.paragraphs if p.kind == "body"]
    sentences = [s.text.strip() for doc in nlp.pipe(body) for s in doc.sents if s.text.strip()]
    return ClaimComparison(
        brief.source, [c.text for c in brief.claims], sentences[: len(brief.claims)]
    )


def signal_counts(sentences: Iterable[str], nlp: Language) -> tuple[int, int, int]:
    """Distinct names, figures (as briefs count them) and quotation-led sentences."""
    names, figures, quoted = set(), 0, 0
    for doc in nlp.pipe(list(sentences)):
        names |= {e.text for e in doc.ents if e.label_ in {"PERSON", "ORG", "GPE", "NORP", "LOC"}}
        figures += sum(e.label_ in KIND_BY_LABEL and is_informative(e) for e in doc.ents)
        quoted += doc.text.lstrip()[:1] in {"“", '"'}
    return len(names), figures, quoted


def claims_report(comparisons: list[ClaimComparison], nlp: Language) -> str:
    lines = ["claims against the lead baseline (first sentences):"]
    totals = Counter()
    for item in comparisons:
        ours, lead = signal_counts(item.claims, nlp), signal_counts(item.lead, nlp)
        totals.update({"overlap": item.overlap, "claims": len(item.claims)})
        totals.update(dict(zip(("names", "figures", "quoted"), ours, strict=True)))
        totals.update(dict(zip(("lead_names", "lead_figures", "lead_quoted"), lead, strict=True)))
        lines.append(
            f"{item.source}: overlap {item.overlap}/{len(item.claims)}; names {ours[0]} vs {lead[0]}, "
            f"figures {ours[1]} vs {lead[1]}, quotations {ours[2]} vs {lead[2]}"
        )
    lines.append(
        f"total: overlap {totals['overlap']}/{totals['claims']}; names {totals['names']} vs "
        f"{totals['lead_names']}, figures {totals['figures']} vs {totals['lead_figures']}, "
        f"quotations {totals['quoted']} vs {totals['lead_quoted']}"
    )
    return "\n".join(lines)
