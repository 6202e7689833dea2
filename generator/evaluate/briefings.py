"""Scoring topic briefings against the gold: a briefing line is good when its article is mainly
about the topic (`topics-gold.yaml`: yes) and its sentence is one of the article's acceptable key
claims (`claims`, `lead` or `acceptable`), as the gold of the development corpus has them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator.analyse.themes import with_mentions
from generator.corpus.crosslinks import build_corpus
from generator.evaluate.fields import sentence_matches
from generator.model import Brief, Topic, from_dict


@dataclass
class BriefingScore:
    lines: int = 0
    on_topic: int = 0  # from an article the gold says is mainly about the topic
    important: int = 0  # an acceptable key claim of its article
    good: int = 0  # both
    annotated: int = 0  # lines from articles the gold annotates topics for
    problems: list[str] = field(default_factory=list)  # each line not good, and why

    def report(self, verbose: bool = False) -> str:
        share = self.good / self.annotated if self.annotated else 0.0
        summary = (
            f"topic briefings: {self.good} of {self.annotated} lines good ({share:.0%}): "
            f"{self.on_topic} from an article mainly about the topic, {self.important} an "
            f"acceptable key claim; {self.lines} lines in all"
        )
        return "\n".join([*self.problems, summary]) if verbose else summary


def score_briefings(
    briefs_data: Sequence[Mapping[str, Any]], gold: Mapping[str, Any], topics: Sequence[Topic]
) -> BriefingScore:
    """The briefings of `topics` over the briefs (a briefs JSON's), scored against the gold."""
    briefs = [_with_topic_claims(from_dict(Brief, dict(data)), topics) for data in briefs_data]
    corpus = build_corpus(briefs, topics, [])
    score = BriefingScore()
    for cover in corpus.topics:
        for index in cover.briefing:
            ref = cover.candidates[index][0]
            score.lines += 1
            entry = gold.get(ref.brief.source.rsplit("/", 1)[-1]) or {}
            gold_topics = entry.get("topics") or {}
            if not gold_topics:
                continue
            score.annotated += 1
            main = cover.topic.name.casefold() in {
                n.casefold() for n in gold_topics.get("yes") or []
            }
            acceptable = [
                str(s) for key in ("claims", "lead", "acceptable") for s in entry.get(key) or []
            ]
            important = any(sentence_matches(s, ref.claim.text) for s in acceptable)
            score.on_topic += main
            score.important += important
            score.good += main and important
            if not (main and important):
                why = ", ".join(
                    reason
                    for reason, fails in (
                        ("the article is not mainly about it", not main),
                        ("no acceptable key claim", not important),
                    )
                    if fails
                )
                name = ref.brief.source.rsplit("/", 1)[-1]
                score.problems.append(
                    f"  briefing line of {cover.topic.name!r} ({why}): {name}: {ref.claim.text[:90]!r}"
                )
    return score


def _with_topic_claims(brief: Brief, topics: Sequence[Topic]) -> Brief:
    """A brief read from JSON, whose topic matches have their claims and quotes again (analysis
    finds them; the JSON does not carry them)."""
    known = {topic.id: topic for topic in topics}
    matched = [known[m.id] for m in brief.topics if m.id in known]
    matches = [m for m in brief.topics if m.id in known]
    return replace(brief, topics=tuple(with_mentions(matches, matched, brief.claims, brief.quotes)))
