"""Shared fixtures: the spaCy pipeline (loaded once), the seed corpus and the gold annotations."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.analyse.parse import ParsedArticle, load_pipeline, parse_article
from generator.model import Article, Paragraph

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
GOLD_FILE = ROOT.parent / "shared" / "eval" / "seeds-gold.yaml"


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline("en_core_web_sm")


@pytest.fixture(scope="session")
def gold_file() -> Path:
    if not GOLD_FILE.exists():
        pytest.skip("shared/eval/seeds-gold.yaml is not beside the repository")
    return GOLD_FILE


def article_from(
    paragraphs: list[str], title: str = "Test article", source: str = "test.txt"
) -> Article:
    """An Article from body paragraphs written in a test (a line starting '## ' is a heading)."""
    return Article(
        source=source,
        content_hash="test",
        title=title,
        publisher=None,
        date=None,
        url=None,
        paragraphs=tuple(
            Paragraph(
                id=f"p{number}",
                text=text.removeprefix("## "),
                line=number,
                kind="heading" if text.startswith("## ") else "body",
            )
            for number, text in enumerate(paragraphs, start=1)
        ),
    )


@pytest.fixture(scope="session")
def parse(nlp):
    def parse_paragraphs(paragraphs: list[str]) -> ParsedArticle:
        return parse_article(article_from(paragraphs), nlp)

    return parse_paragraphs


def copy_project(project: Path) -> Path:
    """The project's config and seeds, copied into `project`, and an empty docs/."""
    return minimal_project(project, (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def mkdocs_build(project: Path) -> str:
    """`mkdocs build --strict` in `project`; fails the test on an error or warning, else its log."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result.stderr


# Someone else's site that adds the plugin: no Markdown extensions, no navigation, no assets.
MINIMAL_CONFIG = """site_name: Somebody's briefing
theme:
  name: material
plugins:
  - search
  - tags
  - briefing
"""


def minimal_project(project: Path, config: str = MINIMAL_CONFIG) -> Path:
    """A project of `config`, the seeds, and an empty docs/ (which MkDocs needs to exist
    before the plugin fills it)."""
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    (project / "docs").mkdir()
    return project


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    """The seeds built, strict, by a minimal Material mkdocs.yml that lists the plugin."""
    project = minimal_project(tmp_path_factory.mktemp("minimal"))
    mkdocs_build(project)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """A copy of the project's config and seeds, built with `mkdocs build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs_build(project)
    return project


DEV_CORPUS = ROOT / "tests" / "corpus"


def analysed_dev(nlp, names):
    """Briefs of articles of the development corpus's dev half, analysed as a build analyses
    them against the corpus's topic file; and the topics."""
    from generator.analyse.brief import analyse_article
    from generator.ingest.seeds import read_seed
    from generator.ingest.topics import load_topics

    topics = load_topics(DEV_CORPUS / "topics.yaml")
    dev = DEV_CORPUS / "dev"
    return [analyse_article(read_seed(dev / name, dev), topics, nlp, 6) for name in names], topics
