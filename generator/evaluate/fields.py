"""Score what a brief says about its article's text against the development corpus's gold.

Beside the quotes (`generator.evaluate.quotes`), the gold of `tests/corpus/*/gold.yaml` names each
article's title, publisher and date as the text shows them, the lines that are not the article's
text (junk), the sentences a summary should hold (lead) and those that make acceptable key claims.
Text is compared as runs of word tokens, so typography and Markdown marks do not count.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.ingest.boilerplate import (
    CAPTION,
    CODE,
    DATELINE,
    EMBED,
    METADATA,
    PUBLICATION_NOTE,
    SITE_CHROME,
)
from generator.ingest.inference import canonical_publisher, load_publishers
from generator.ingest.seeds import title_from_file_name
from generator.model import Inference

_TOKEN = re.compile(r"[\w']+")
_IMAGE = re.compile(r"!\[[^\]]*\](?:\([^)]*\)|\[[^\]\s]{1,40}\])")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]\s]{1,40}\])")  # inline or by reference
_HTML_BLOCK = re.compile(r"<br\s*/?>|</?(?:p|div|li|h[1-6]|blockquote|pre)\b[^>]*>", re.I)
# Tags (a tag's start or end where its attributes run over lines), a document type, an XML
# declaration and server template code: markup, as ingest reads it, never words.
_TAG = re.compile(
    r"</?[A-Za-z][\w:-]*\b[^<>]*>|<!DOCTYPE[^<>]*>|<\?xml[^<>]*\?>|<%.*?%>"
    r"|^\s*<[A-Za-z][\w:-]*\b[^<>]*$|^[^<>]*/?>\s*$",
    re.IGNORECASE,
)
_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]")
_LINK_TAIL = re.compile(r"\]\([^)\s]*\)")  # a link whose text began on the line before
_MIN_RAW_JUNK = 12  # a shorter junk line is only found when a brief text is that line alone
_FRAGMENT_WORDS = 6
METADATA_FIELDS = ("title", "publisher", "date")
_QUOTE_OPENERS = ("“", '"', "‘")
_SAYS = re.compile(r"\b(?:said|says|say|told|tells|according to|added|adds|wrote|writes)\b")


# Annotations kept in files beside a gold file, each under its own key of the article's entry:
# the second annotator's full lists of acceptable key claims, the named people, organisations and
# places, the figures, and the topics (`yes`, `no`, and `passing`: touched only in passing).
BESIDE_GOLD = {
    "acceptable.yaml": "acceptable",
    "entities.yaml": "entities",
    "figures.yaml": "figures",
    "topics-gold.yaml": "topics",
}


def read_gold(path: Path) -> dict[str, Any]:
    """A gold file, with the annotations kept in files beside it (`BESIDE_GOLD`) merged into
    each article's entry."""
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for file_name, key in BESIDE_GOLD.items():
        beside = path.parent / file_name
        if path.name in BESIDE_GOLD or not beside.is_file():
            continue
        for name, value in (yaml.safe_load(beside.read_text(encoding="utf-8")) or {}).items():
            if name in gold:
                gold[name] = {**(gold[name] or {}), key: _listed(value, key)}
    return gold


def _listed(value: Any, key: str) -> Any:
    return value or {} if key == "topics" else list(value or [])


def plain_tokens(text: str) -> list[str]:
    """Lower-case word tokens of a text, with Markdown images dropped and links (Markdown and
    wiki) kept as their text: gold is copied verbatim from files that may carry such markup."""
    text = unicodedata.normalize("NFC", html.unescape(_TAG.sub(" ", text)))  # as ingest reads
    text = _LINK_TAIL.sub("", _LINK.sub(r"\1", _IMAGE.sub(" ", _WIKI_LINK.sub(r"\1", text))))
    text = text.replace("’", "'").replace("‘", "'")
    return [t.lower().strip("'") for t in _TOKEN.findall(text) if t.strip("'")]


def contains_run(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    """Whether needle's tokens stand in haystack as one unbroken run."""
    if not needle:
        return False
    return f" {' '.join(needle)} " in f" {' '.join(haystack)} "


def sentence_matches(gold: str, extracted: str) -> bool:
    """Whether an extracted text is the gold one: it covers 90 % of the gold tokens and adds at
    most 10 % more (the reference quote scorer's rule, for quotes and sentences alike)."""
    gold_counts, got_counts = Counter(plain_tokens(gold)), Counter(plain_tokens(extracted))
    if not gold_counts:
        return False
    common = sum((gold_counts & got_counts).values())
    total = sum(gold_counts.values())
    return common / total >= 0.9 and (sum(got_counts.values()) - common) / total <= 0.1


@dataclass
class FieldScore:
    """One article's metadata, junk, claims and summary against its gold."""

    source: str
    annotated: frozenset[str] = frozenset()  # the gold's keys: what can be scored
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def score_fields(
    source: str, gold: Mapping[str, Any], brief: Mapping[str, Any] | None, lines: Sequence[str]
) -> FieldScore:
    """Score one brief; `lines` are the article file's lines, for the junk and real-line counts."""
    score = FieldScore(source, frozenset(gold))
    if brief is None:
        score.problems.append("no brief (the file was skipped)")
        brief = {}
    for name in METADATA_FIELDS:
        if name in gold:
            _score_metadata(score, name, gold.get(name), _asserted(brief, name))
    if "junk" in gold:
        _score_lines(score, gold, brief, lines)
    if "claims" in gold:
        _score_claims(score, gold, brief, lines)
    if "lead" in gold:
        _score_summary(score, gold, brief)
    return score


def _asserted(brief: Mapping[str, Any], name: str) -> str | None:
    """The brief's value for a field, or None where it has none (a title made from the file
    name asserts nothing about the text)."""
    inferred = [Inference(**i) for i in brief.get("inferred") or []]
    return None if name == "title" and title_from_file_name(inferred) else brief.get(name)


def _same_value(name: str, gold: str, got: str) -> bool:
    if name == "date":
        return str(gold) == str(got)
    if name == "publisher":
        table = load_publishers()
        gold, got = canonical_publisher(gold, table), canonical_publisher(got, table)
        return [t for t in plain_tokens(gold) if t != "the"] == [
            t for t in plain_tokens(got) if t != "the"
        ]
    return plain_tokens(gold) == plain_tokens(got)


def _score_metadata(score: FieldScore, name: str, gold: Any, got: str | None) -> None:
    counts = score.counts
    gold = None if gold is None else str(gold)
    if gold is not None:
        counts[f"{name}_shown"] += 1
    if got is None:
        if gold is not None:
            score.problems.append(f"{name}: missing (text shows {gold!r})")
        else:
            counts[f"{name}_right_null"] += 1
        return
    if gold is not None and _same_value(name, gold, got):
        counts[f"{name}_right"] += 1
        return
    counts[f"{name}_wrong"] += 1
    score.problems.append(f"{name}: asserted {got!r}, text shows {gold!r}")


def brief_texts(brief: Mapping[str, Any]) -> list[str]:
    """Every piece of article text a brief shows: paragraphs, summary, claims and quotes."""
    texts = [p.get("text", "") for p in brief.get("paragraphs") or []]
    texts.append(brief.get("summary") or "")
    texts += [c.get("text", "") for c in brief.get("claims") or []]
    texts += [q.get("text", "") for q in brief.get("quotes") or []]
    return [text for text in texts if text]


def _real_lines(gold: Mapping[str, Any], lines: Sequence[str]) -> list[tuple[int, str]]:
    furniture = {" ".join(plain_tokens(str(text))) for text in _furniture(gold)}
    title = plain_tokens(str(gold.get("title") or ""))
    real = []
    for number, line in enumerate(lines, 1):
        tokens = plain_tokens(line)
        if tokens and tokens != title and " ".join(tokens) not in furniture:
            real.append((number, line.strip()))
    return real


def _furniture(gold: Mapping[str, Any]) -> list[str]:
    return [str(x) for x in (gold.get("junk") or [])] + [
        str(x) for x in (gold.get("highlights") or [])
    ]


def _score_lines(
    score: FieldScore, gold: Mapping[str, Any], brief: Mapping[str, Any], lines: Sequence[str]
) -> None:
    texts = brief_texts(brief)
    token_texts = [plain_tokens(text) for text in texts]
    real = _real_lines(gold, lines)
    real_tokens = [plain_tokens(line) for _, line in real]
    for junk in _furniture(gold):
        tokens = plain_tokens(junk)
        if any(contains_run(line, tokens) for line in real_tokens):
            continue  # printed in the text too (a caption repeating a sentence): not decidable
        score.counts["junk_lines"] += 1
        if _reaches(junk.strip(), tokens, texts, token_texts):
            score.counts["junk_left"] += 1
            score.problems.append(f"junk left: {junk.strip()[:90]!r}")
    paragraphs = [plain_tokens(p.get("text", "")) for p in brief.get("paragraphs") or []]
    taken_off = _taken_off(brief)
    code = any(r.get("reason") == CODE for r in brief.get("removed") or [])
    for number, line in real:
        score.counts["real_lines"] += 1
        # a record's or program's field name before the string that holds the text is syntax
        line = (_CODE_FIELD if code else _QUOTED_FIELD).sub("", line)
        pieces = [plain_tokens(piece) for piece in _HTML_BLOCK.split(line)]
        off = taken_off.get(number, []) + taken_off.get(None, [])
        pieces = [_without_taken_off(piece, off) for piece in pieces]
        if not all(
            any(contains_run(paragraph, piece) for paragraph in paragraphs)
            for piece in pieces
            if piece
        ):
            score.counts["real_removed"] += 1
            score.problems.append(f"real line {number} removed: {line[:90]!r}")


_CODE_FIELD = re.compile(r"""^\s*['"]?[\w$]+['"]?\s*:\s*(?=[`'"])""")
_QUOTED_FIELD = re.compile(r"""^\s*(['"])[\w$]+\1\s*:\s*(?=[`'"])""")  # "'body_html': '…"


def _taken_off(brief: Mapping[str, Any]) -> dict[int, list[list[str]]]:
    """Per line, what the brief took off the start or the end of it and listed (a dateline, a
    label, a closing publication note, a caption a scrape ran into the text)."""
    taken: dict[int | None, list[list[str]]] = {}
    for removed in brief.get("removed") or []:
        if removed.get("reason") in _TAKEN_OFF_REASONS:
            # A post's address is listed at the line its joined text starts on: any line's.
            line = None if removed.get("reason") == EMBED else removed.get("line")
            taken.setdefault(line, []).append(plain_tokens(removed["text"]))
    return taken


_TAKEN_OFF_REASONS = (DATELINE, METADATA, PUBLICATION_NOTE, EMBED, CAPTION, SITE_CHROME)


def _without_taken_off(tokens: list[str], pieces: list[list[str]]) -> list[str]:
    for piece in pieces:
        if not piece or len(piece) >= len(tokens):
            continue  # a whole line removed is judged as one
        if tokens[: len(piece)] == piece:
            tokens = tokens[len(piece) :]
        elif tokens[-len(piece) :] == piece:
            tokens = tokens[: -len(piece)]
    return tokens


def _reaches(
    raw: str, tokens: list[str], texts: Sequence[str], token_texts: Sequence[list[str]]
) -> bool:
    if tokens and any(text == tokens for text in token_texts):
        return True
    if len(tokens) >= 2 and any(contains_run(text, tokens) for text in token_texts):
        return True
    return len(raw) >= _MIN_RAW_JUNK and any(raw in text for text in texts)


def claim_fault(
    claim: Mapping[str, Any],
    gold: Mapping[str, Any],
    others: Iterable[str],
    real_lines: Sequence[list[str]] = (),
) -> str:
    """Why a claim is wrong on its face ('' when it is not): the issue's named faults. A claim
    that stands in a real line too (`real_lines`, tokenised) is not junk, whatever repeats it."""
    text = str(claim.get("text", "")).strip()
    tokens = plain_tokens(text)
    if tokens == plain_tokens(str(gold.get("title") or "")):
        return "headline"
    in_text = any(contains_run(line, tokens) for line in real_lines)
    for junk in _furniture(gold):
        junk_tokens = plain_tokens(junk)
        if in_text:
            break
        if junk_tokens and (junk_tokens == tokens or contains_run(junk_tokens, tokens)):
            return "junk"
    if text.endswith("?"):
        return "question"
    if len(tokens) < _FRAGMENT_WORDS or not re.search(r"[.!?…][”’\")]*$", text):
        return "fragment"
    if text.startswith(_QUOTE_OPENERS) and not claim.get("speaker") and not _SAYS.search(text):
        return "unattributed quotation"
    if any(sentence_matches(other, text) or sentence_matches(text, other) for other in others):
        return "near-duplicate"
    return ""


def _score_claims(
    score: FieldScore, gold: Mapping[str, Any], brief: Mapping[str, Any], lines: Sequence[str]
) -> None:
    ranked = [str(s) for s in (gold.get("claims") or [])] + [str(s) for s in gold.get("lead") or []]
    acceptable = [str(s) for s in gold.get("acceptable") or []]
    real_lines = [plain_tokens(line) for _, line in _real_lines(gold, lines)]
    claims = list(brief.get("claims") or [])
    for index, claim in enumerate(claims):
        text = str(claim.get("text", ""))
        score.counts["claims"] += 1
        earlier = [str(c.get("text", "")) for c in claims[:index]]
        fault = claim_fault(claim, gold, earlier, real_lines)
        if fault:
            score.counts["claims_faulty"] += 1
            score.problems.append(f"claim {index + 1} is a {fault}: {text[:90]!r}")
        elif any(sentence_matches(sentence, text) for sentence in ranked):
            score.counts["claims_good"] += 1
            score.counts["claims_ranked"] += 1
        elif any(sentence_matches(sentence, text) for sentence in acceptable):
            score.counts["claims_good"] += 1
        else:
            score.problems.append(f"claim {index + 1} not in gold: {text[:90]!r}")


def _score_summary(score: FieldScore, gold: Mapping[str, Any], brief: Mapping[str, Any]) -> None:
    summary = plain_tokens(brief.get("summary") or "")
    for sentence in gold.get("lead") or []:
        score.counts["lead_sentences"] += 1
        if contains_run(summary, plain_tokens(str(sentence))):
            score.counts["lead_in_summary"] += 1
        else:
            score.problems.append(f"lead not in summary: {str(sentence)[:90]!r}")
    for claim in brief.get("claims") or []:
        if contains_run(summary, plain_tokens(str(claim.get("text", "")))):
            score.counts["claims_repeating_summary"] += 1


def field_figures(totals: Counter) -> dict[str, float]:
    """The per-field rates of a set of scores' summed counts."""
    figures = {}
    for name in METADATA_FIELDS:
        figures[f"{name}_accuracy"] = totals[f"{name}_right"] / max(1, totals[f"{name}_shown"])
        figures[f"{name}_wrong"] = totals[f"{name}_wrong"]
    figures["junk_left"] = totals["junk_left"]
    figures["real_removed_share"] = totals["real_removed"] / max(1, totals["real_lines"])
    figures["claim_precision"] = totals["claims_good"] / max(1, totals["claims"])
    figures["claims_ranked_share"] = totals["claims_ranked"] / max(1, totals["claims"])
    figures["claims_faulty"] = totals["claims_faulty"]
    figures["lead_in_summary"] = totals["lead_in_summary"] / max(1, totals["lead_sentences"])
    figures["claims_repeating_summary"] = totals["claims_repeating_summary"]
    return figures


def article_line(score: FieldScore) -> str:
    """One article's counts on one line, for what its gold annotates."""
    c, annotated = score.counts, score.annotated
    parts = []
    for name in METADATA_FIELDS:
        if name not in annotated:
            continue
        if c[f"{name}_right"] or c[f"{name}_right_null"]:
            parts.append(f"{name} ok")
        else:
            parts.append(f"{name} WRONG" if c[f"{name}_wrong"] else f"{name} missing")
    if "junk" in annotated:
        parts.append(f"junk left {c['junk_left']}/{c['junk_lines']}")
        parts.append(f"real removed {c['real_removed']}/{c['real_lines']}")
    if "claims" in annotated:
        parts.append(f"claims good {c['claims_good']}/{c['claims']} faulty {c['claims_faulty']}")
    if "lead" in annotated:
        parts.append(f"lead in summary {c['lead_in_summary']}/{c['lead_sentences']}")
    return ", ".join(parts)


def fields_table(
    figures: Mapping[str, float], totals: Counter, more_rows: Sequence[tuple[int, str, str]] = ()
) -> str:
    """The per-field totals as a Markdown table (fields no gold annotates left out); `more_rows`
    are other scorers' (scored count, field, result) rows."""
    rows = [
        (
            totals[f"{name}_shown"] + totals[f"{name}_right_null"] + totals[f"{name}_wrong"],
            name,
            f"{totals[f'{name}_right']}/{totals[f'{name}_shown']} right "
            f"({figures[f'{name}_accuracy']:.0%}), {totals[f'{name}_wrong']} wrong asserted",
        )
        for name in METADATA_FIELDS
    ]
    rows += [
        (
            totals["junk_lines"],
            "junk lines reaching a brief",
            f"{totals['junk_left']} of {totals['junk_lines']}",
        ),
        (
            totals["real_lines"],
            "real lines removed",
            f"{totals['real_removed']} of {totals['real_lines']} "
            f"({figures['real_removed_share']:.1%})",
        ),
        (
            totals["claims"],
            "key claims good",
            f"{totals['claims_good']} of {totals['claims']} ({figures['claim_precision']:.0%}); "
            f"{totals['claims_ranked']} ({figures['claims_ranked_share']:.0%}) in the ranked gold list; "
            f"{totals['claims_faulty']} faulty",
        ),
        (
            totals["lead_sentences"],
            "lead sentences in the summary",
            f"{totals['lead_in_summary']} of {totals['lead_sentences']} "
            f"({figures['lead_in_summary']:.0%}); "
            f"{totals['claims_repeating_summary']} claims repeat the summary",
        ),
    ]
    body = [f"| {name} | {result} |" for scored, name, result in [*rows, *more_rows] if scored]
    return "\n".join(["| field | result |", "| --- | --- |", *body])
