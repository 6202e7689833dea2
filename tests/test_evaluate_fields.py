"""The corpus scorer on real articles: what it counts right, wrong and missing, and the dev half's
floors (the regression guard for the rules tuned on it; the test half is only scored, by hand)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.analyse.brief import analyse_article
from generator.cli import article_lines
from generator.evaluate.entities import knowledge_figures
from generator.evaluate.fields import field_figures, read_gold, score_fields
from generator.evaluate.quotes import evaluate
from generator.ingest.seeds import read_corpus, read_seed
from generator.ingest.topics import load_topics
from generator.model import Article, Inference, Paragraph, to_dict

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "corpus" / "dev"
VOA = "voa-2024-11-21-voyager-reconnected.txt"


@pytest.fixture(scope="module")
def dev_gold() -> dict:
    return read_gold(DEV / "gold.yaml")


def brief_of(article: Article, **changes) -> dict:
    """A brief's JSON with the article's own fields, as the scorer reads it."""
    brief = to_dict(article)
    brief.update(summary="", claims=[], quotes=[])
    brief.update({k: to_dict(v) for k, v in changes.items()})
    return brief


def score(article: Article, gold: dict, **changes):
    lines = (DEV / VOA).read_text(encoding="utf-8").splitlines()
    return score_fields(VOA, gold[VOA], brief_of(article, **changes), lines).counts


def test_a_brief_as_ingest_reads_it_is_right_on_every_field(dev_gold) -> None:
    counts = score(read_seed(DEV / VOA, DEV), dev_gold)
    assert [counts[f"{name}_right"] for name in ("title", "publisher", "date")] == [1, 1, 1]
    assert counts["junk_left"] == 0 and counts["junk_lines"] == 7
    assert counts["real_removed"] == 0 and counts["real_lines"] > 10


def test_junk_in_a_paragraph_and_a_lost_paragraph_are_counted(dev_gold) -> None:
    article = read_seed(DEV / VOA, DEV)
    paragraphs = [*article.paragraphs[1:], Paragraph("p99", "I’m Bryan Lynn.", 43)]
    counts = score(article, dev_gold, paragraphs=paragraphs)
    assert counts["junk_left"] == 1
    assert counts["real_removed"] == 1  # the first paragraph's line


def test_a_wrong_value_is_asserted_and_a_title_from_the_file_name_is_only_missing(
    dev_gold,
) -> None:
    article = read_seed(DEV / VOA, DEV)
    counts = score(article, dev_gold, date="2024-11-20")
    assert counts["date_wrong"] == 1 and counts["date_right"] == 0
    from_name = Inference(
        "title", "voa 2024 11 21", "no headline line found; made from the file name"
    )
    counts = score(article, dev_gold, title="voa 2024 11 21", inferred=[from_name])
    assert counts["title_wrong"] == 0 and counts["title_right"] == 0 and counts["title_shown"] == 1


def test_a_claim_printed_in_the_text_is_not_junk_though_a_junk_line_repeats_it(dev_gold) -> None:
    name = "pclob-2019-06-28-senate-confirmation-new-members.md"
    lines = (DEV / name).read_text(encoding="utf-8").splitlines()
    sentence = (
        "The Senate also confirmed the re-nomination of Board Member Edward Felten to a new "
        "six-year term."
    )  # in the body, and in the front matter's excerpt (junk)
    brief = brief_of(read_seed(DEV / name, DEV), claims=[])
    brief["claims"] = [{"text": sentence}, {"text": "layout: post."}]
    problems = score_fields(name, dev_gold[name], brief, lines).problems
    assert not any("claim 1 is a" in problem for problem in problems)
    assert any("claim 2 is a junk" in problem for problem in problems)


def test_a_label_taken_off_a_line_and_listed_is_not_a_lost_line(dev_gold) -> None:
    name = "bbc-undated-middlesex-adam-voges-injury.txt"
    lines = (DEV / name).read_text(encoding="utf-8").splitlines()
    article = read_seed(DEV / name, DEV)
    assert article.paragraphs[0].text.startswith("Voges was forced")  # "Document: " went
    counts = score_fields(name, dev_gold[name], brief_of(article), lines).counts
    assert counts["real_removed"] == 0
    unlisted = brief_of(article)
    unlisted["removed"] = [r for r in unlisted["removed"] if r["text"] != "Document:"]
    assert score_fields(name, dev_gold[name], unlisted, lines).counts["real_removed"] == 1


@pytest.mark.slow
def test_the_dev_half_keeps_its_floors(dev_gold, nlp) -> None:
    articles, _ = read_corpus(DEV)
    topics = load_topics(DEV.parent / "topics.yaml")
    briefs = [to_dict(analyse_article(article, topics, nlp, 6)) for article in articles]
    result = evaluate(dev_gold, briefs, article_lines(DEV, dev_gold))
    fields, quotes = field_figures(result.field_totals), result.figures()
    knowledge = knowledge_figures(result.knowledge_totals)
    # Measured on 154 dev articles (tests/corpus/README.md); a rule that breaks another format
    # shows here first. Claims are good by either annotation (`acceptable.yaml`): 0.84 on the
    # first 120, 0.840 with the 8 of 2026-12-02's third batch, whose one-line page dump gives
    # sentences run into its furniture. Of the real lines removed, 55 are one EU country page
    # whose scraper cut link text out of sentences.
    assert fields["title_accuracy"] >= 0.95 and fields["title_wrong"] == 0
    assert fields["date_accuracy"] >= 0.95 and fields["date_wrong"] == 0
    # publisher: 0.906 on the first 128; 78 of 88 with the 4 of the session after stop 35 (an
    # openFDA post names "FDA" only inside "openFDA"; a release's minister line); 85 of 99 with
    # the 8 of the session after stop 40 (a feed page's "USGS Newsroom", a byline's "…, CDS", a
    # story map's code); 85 of 105 with its 7 more (translation sources, statistics bulletins)
    assert fields["publisher_accuracy"] >= 0.80 and fields["publisher_wrong"] == 0
    # junk 36 and real lines removed 1.6 % on the first 147; 82 and 1.9 % with the 7 of the
    # session after stop 40's second round (an interview's closing resources, a bulletin's notes)
    assert fields["junk_left"] <= 90
    assert fields["real_removed_share"] <= 0.020
    assert fields["claim_precision"] >= 0.835
    assert fields["claims_faulty"] <= 4 and fields["claims_repeating_summary"] == 0
    # 0.970 and 0.984 on the first 147; 0.952 and 0.979 with that round's 7 (a Drupal template
    # that puts quotation, "said" and name on lines of their own)
    assert quotes["recall_full"] >= 0.95 and quotes["precision"] >= 0.975
    assert quotes["speaker_accuracy"] >= 0.965
    # Issue 19's annotations (entities.yaml, figures.yaml, topics-gold.yaml)
    # (80 articles since the session after stop 30: 0.726 and 0.842; all 132 annotated since the
    # session after stop 36: 0.780 and 0.844 as they came, 0.786 and 0.847 at its end)
    assert knowledge["entity_precision"] >= 0.78 and knowledge["entity_recall"] >= 0.84
    assert knowledge["figure_precision"] >= 0.92
    assert quotes["topic_accuracy"] >= 0.98
    assert result.totals["topics_passing_linked"] <= 5
    # `check`'s first ten proposals, as with no topic file: 9 are subjects of the gold's
    assert sum(p.subject is not None for p in result.proposals) >= 8


def test_the_second_annotation_of_claims_is_read_beside_the_gold(dev_gold) -> None:
    second = yaml.safe_load((DEV / "acceptable.yaml").read_text(encoding="utf-8"))
    assert set(second) == set(dev_gold)  # every dev article has both annotations
    name = next(name for name, sentences in second.items() if sentences)
    assert dev_gold[name]["acceptable"] == second[name]
    sentence = second[name][0]
    brief = brief_of(read_seed(DEV / name, DEV), claims=[{"text": sentence}])
    score = score_fields(name, dev_gold[name], brief, (DEV / name).read_text().splitlines())
    assert score.counts["claims_good"] == 1 and score.counts["claims_ranked"] == 0


def test_eval_links_the_briefs_to_the_topic_file_it_is_given(tmp_path: Path) -> None:
    # The corpus's topics are scored against its own topic file, not the project's seeds' one.
    name = "voa-2024-11-21-voyager-reconnected.txt"
    topics = yaml.safe_load((DEV / "topics-gold.yaml").read_text(encoding="utf-8"))[name]
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({name: {"quotes": [], "topics": topics}}), encoding="utf-8")

    def topic_accuracy(*options: str) -> str:
        command = [sys.executable, "-m", "generator", "eval", *options, "--articles", str(DEV)]
        result = subprocess.run(
            [*command, str(gold)], cwd=ROOT, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, result.stderr
        return re.search(r"topic_acc=(\S+)", result.stdout).group(1)

    assert topic_accuracy("--topics", str(DEV.parent / "topics.yaml")) == "1.000"
    assert topic_accuracy() != "1.000"  # the seeds' topics know no space exploration
