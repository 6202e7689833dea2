"""The whole run, seeds → docs/, as a fresh process (`python -m generator build`) runs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.build
from generator.build import generate_site
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
STEMS = ("000_43e5b812922c8089", "001_bbc7442c2c936912")

pytestmark = pytest.mark.slow


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


@pytest.fixture
def settings(tmp_path) -> Settings:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for stem in STEMS:
        for suffix in (".txt", ".meta.yaml"):
            shutil.copy(SEEDS / f"{stem}{suffix}", seeds)
    shutil.copy(SEEDS / "topics.yaml", seeds)
    return Settings(
        seeds_dir=seeds,
        topics_file=seeds / "topics.yaml",
        docs_dir=tmp_path / "docs",
        cache_dir=tmp_path / "cache",
        workers=1,
    )


def test_a_run_with_nothing_changed_renders_nothing_and_any_change_renders_again(
    settings, monkeypatch
):
    first = generate_site(settings)
    written = tree(settings.docs_dir)
    render_site = generator.build.render_site
    rendered = []

    def counting_render(*args, **kwargs):
        rendered.append(True)
        return render_site(*args, **kwargs)

    monkeypatch.setattr(generator.build, "render_site", counting_render)

    again = generate_site(settings)
    assert (rendered, again.corpus, again.written.written) == ([], None, [])
    assert again.pages == first.pages and again.written.unchanged == len(set(first.pages))
    assert tree(settings.docs_dir) == written

    brief_page = next(p for p in first.pages if p.startswith("briefs/") and p.endswith(".md"))
    (settings.docs_dir / brief_page).write_text("edited by hand\n", encoding="utf-8")
    mended = generate_site(settings)
    assert rendered and mended.written.written == [brief_page]
    assert tree(settings.docs_dir) == written

    rendered.clear()
    renamed = Settings(**{**settings.__dict__, "site_name": "Another briefing"})
    assert generate_site(renamed).written.written and rendered

    rendered.clear()
    seed = settings.seeds_dir / f"{STEMS[0]}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(" the ", " this ", 1), "utf-8")
    edited = generate_site(renamed)
    assert len(edited.generation.analysed) == 1 and rendered


def test_every_data_file_the_analysis_reads_invalidates_cached_briefs() -> None:
    """A knowledge file the analysis reads (a table of places, towns, aliases) is part of the
    analysis cache's key, so editing it re-analyses instead of serving stale briefs."""
    import re

    from generator.settings import ANALYSIS_INPUTS

    package = Path(generator.build.__file__).resolve().parent
    read = {
        name
        for source in (package / "analyse").glob("*.py")
        for name in re.findall(r"[\"'/]([\w-]+\.(?:yaml|txt|json))[\"']", source.read_text())
    }
    assert read, "the analysis reads its tables from files named in its code"
    assert read <= set(ANALYSIS_INPUTS)


def test_every_module_the_analysis_imports_invalidates_cached_briefs() -> None:
    """A module of the package that the analysis imports (the data model, boilerplate rules,
    dates, slugs) is part of the analysis cache's key, so changing it re-analyses. The cache's
    own writer and the settings (whose model name is in the key) shape no brief."""
    import re

    from generator.settings import ANALYSIS_INPUTS

    package = Path(generator.build.__file__).resolve().parent
    imported = {
        name.replace(".", "/") + ".py"
        for source in (package / "analyse").glob("*.py")
        for name in re.findall(r"^from generator\.([\w.]+) import", source.read_text(), re.M)
        if not name.startswith("analyse")
    }
    assert {"model.py", "ingest/boilerplate.py"} <= imported
    assert imported - {"cache.py", "settings.py"} <= set(ANALYSIS_INPUTS)
