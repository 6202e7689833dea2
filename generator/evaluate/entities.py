"""Score a brief's people, organisations, places and figures against the corpus's hand annotation.

`entities.yaml` beside a half's gold lists, per article, every named person, organisation and
place with its type (or the types a name is used as) and every other form the text writes it in;
`figures.yaml` lists every figure with its kind, value and unit. A listed entity is right when its
name (or one of its aliases) is one of a gold entity's forms and its type is one the gold allows;
a figure is right when its kind, value and unit are the gold's.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_POSSESSIVE = re.compile(r"['’]s$")
_NUMBER_TOKEN = re.compile(r"\d[\d,.]*|\b[a-z]+\b")


def name_key(name: str) -> str:
    """A name as compared: case, dots, a leading 'the', a possessive and spacing do not count."""
    text = unicodedata.normalize("NFC", name).replace("’", "'").casefold().strip()
    text = _POSSESSIVE.sub("", re.sub(r"^the\s+", "", text))
    return " ".join(text.replace(".", "").split())


def _types(gold_entity: Mapping[str, Any]) -> set[str]:
    kind = gold_entity.get("type")
    return set(kind) if isinstance(kind, list) else {str(kind)}


@dataclass
class KnowledgeScore:
    """One article's entities and figures against their gold."""

    source: str
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)


def score_knowledge(
    source: str, gold: Mapping[str, Any], brief: Mapping[str, Any] | None
) -> KnowledgeScore:
    score = KnowledgeScore(source)
    if "entities" in gold:
        _score_entities(score, gold["entities"] or [], (brief or {}).get("entities") or [])
    if "figures" in gold:
        _score_figures(score, gold["figures"] or [], (brief or {}).get("figures") or [])
    return score


def _score_entities(
    score: KnowledgeScore, gold: Sequence[Mapping[str, Any]], listed: Sequence[Mapping[str, Any]]
) -> None:
    owner: dict[str, int] = {}
    for index, entity in enumerate(gold):
        for form in (entity["name"], *(entity.get("forms") or [])):
            owner.setdefault(name_key(str(form)), index)
    score.counts["entities_gold"] += len(gold)
    found: set[int] = set()
    for entity in listed:
        score.counts["entities_listed"] += 1
        names = (entity.get("name", ""), *(entity.get("aliases") or []))
        index = next((owner[k] for k in map(name_key, names) if k in owner), None)
        label = f"{entity.get('name')!r} ({entity.get('type')})"
        if index is None:
            score.problems.append(f"entity not in the text's names: {label}")
            continue
        expected = gold[index]
        if index in found:
            score.counts["entities_duplicate"] += 1
            score.problems.append(f"entity listed twice: {label} is {expected['name']!r}")
            continue
        found.add(index)
        if entity.get("type") not in _types(expected):
            score.counts["entities_wrong_type"] += 1
            score.problems.append(f"entity typed wrong: {label}, gold {expected.get('type')}")
        elif _cut_person_name(entity.get("name", ""), expected):
            score.counts["entities_short_name"] += 1
            score.problems.append(f"person named short: {label}, gold {expected['name']!r}")
        else:
            score.counts["entities_right"] += 1
    score.counts["entities_found"] += len(found)


def _cut_person_name(name: str, expected: Mapping[str, Any]) -> bool:
    """A person listed by one word of the full name the text gives ('Eriksson')."""
    full = str(expected["name"])
    return _types(expected) == {"person"} and " " in full and " " not in name.strip()


def _number(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def _same_value(gold: Any, got: Any) -> bool:
    if gold is None or got is None:
        return gold is None and got is None
    a, b = _number(gold), _number(got)
    if a is None or b is None:
        return str(gold).strip() == str(got).strip()
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def unit_key(unit: Any) -> str:
    """A unit as compared: case, a plural 's' and dots do not count ('Muslims' is 'muslim')."""
    text = str(unit or "").casefold().replace(".", "").strip()
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def same_unit(gold: Any, got: Any) -> bool:
    """The gold's unit, or the noun it ends on ("soldiers" for "Ukrainian soldiers")."""
    want, have = unit_key(gold), unit_key(got)
    return want == have or (bool(have) and bool(want) and unit_key(want.split()[-1]) == have)


def _figure_tokens(text: str) -> set[str]:
    return set(_NUMBER_TOKEN.findall(str(text).casefold()))


def _score_figures(
    score: KnowledgeScore, gold: Sequence[Mapping[str, Any]], listed: Sequence[Mapping[str, Any]]
) -> None:
    score.counts["figures_gold"] += len(gold)
    used: set[int] = set()
    for figure in listed:
        score.counts["figures_listed"] += 1
        label = f"{figure.get('text')!r} ({figure.get('kind')})"
        index = _matching_figure(figure, gold, used)
        if index is None:
            score.problems.append(f"figure not in the text's figures: {label}")
            continue
        used.add(index)
        expected = gold[index]
        if figure.get("kind") == expected.get("kind"):
            score.counts["figures_kind_right"] += 1
        wrong = [
            name
            for name, same in (
                ("kind", figure.get("kind") == expected.get("kind")),
                ("value", _same_value(expected.get("value"), figure.get("value"))),
                ("unit", same_unit(expected.get("unit"), figure.get("unit"))),
            )
            if not same
        ]
        if wrong:
            got = {k: figure.get(k) for k in ("kind", "value", "unit")}
            want = {k: expected.get(k) for k in ("kind", "value", "unit")}
            score.problems.append(f"figure {label}: {', '.join(wrong)} wrong: {got} vs {want}")
        else:
            score.counts["figures_right"] += 1
    score.counts["figures_found"] += len(used)


def _matching_figure(
    figure: Mapping[str, Any], gold: Sequence[Mapping[str, Any]], used: set[int]
) -> int | None:
    """The first unused gold figure whose text shares the listed one's digits (or, for a figure
    in words, one of its words): gold and brief both keep reading order."""
    text = " ".join(str(figure.get("text", "")).casefold().split())
    tokens = _figure_tokens(text)
    digits = {t for t in tokens if t[0].isdigit()}
    wanted = digits or tokens
    sharing = [
        index
        for index, expected in enumerate(gold)
        if index not in used and wanted & _figure_tokens(str(expected.get("text", "")))
    ]
    holding = [i for i in sharing if text in " ".join(str(gold[i]["text"]).casefold().split())]
    return (holding or sharing or [None])[0]


def knowledge_figures(totals: Counter) -> dict[str, float]:
    return {
        "entity_precision": totals["entities_right"] / max(1, totals["entities_listed"]),
        "entity_recall": totals["entities_found"] / max(1, totals["entities_gold"]),
        "figure_precision": totals["figures_right"] / max(1, totals["figures_listed"]),
        "figure_recall": totals["figures_found"] / max(1, totals["figures_gold"]),
    }


def knowledge_line(score: KnowledgeScore) -> str:
    c = score.counts
    parts = []
    if c["entities_gold"] or c["entities_listed"]:
        parts.append(
            f"entities right {c['entities_right']}/{c['entities_listed']} "
            f"(found {c['entities_found']}/{c['entities_gold']}, "
            f"{c['entities_duplicate']} twice)"
        )
    if c["figures_gold"] or c["figures_listed"]:
        parts.append(
            f"figures right {c['figures_right']}/{c['figures_listed']} "
            f"(found {c['figures_found']}/{c['figures_gold']})"
        )
    return ", ".join(parts)


def knowledge_rows(totals: Counter) -> list[tuple[int, str, str]]:
    """Rows for the per-field table: (how many were scored, field, result)."""
    f = knowledge_figures(totals)
    return [
        (
            totals["entities_gold"],
            "people, organisations, places right",
            f"{totals['entities_right']} of {totals['entities_listed']} listed "
            f"({f['entity_precision']:.0%}): {totals['entities_wrong_type']} typed wrong, "
            f"{totals['entities_short_name']} persons by one word, "
            f"{totals['entities_duplicate']} listed twice, "
            f"{totals['entities_listed'] - totals['entities_found'] - totals['entities_duplicate']}"
            f" not a name of the text's; {totals['entities_found']} of "
            f"{totals['entities_gold']} found ({f['entity_recall']:.0%})",
        ),
        (
            totals["figures_gold"],
            "figures right",
            f"{totals['figures_right']} of {totals['figures_listed']} listed "
            f"({f['figure_precision']:.0%}), {totals['figures_kind_right']} of the right kind; "
            f"{totals['figures_found']} of "
            f"{totals['figures_gold']} found ({f['figure_recall']:.0%})",
        ),
    ]
