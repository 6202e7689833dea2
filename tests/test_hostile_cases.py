"""Every hostile and broken input case of `bench/hostile.py` (except the slow cost cases, which
only the bench runs), as real `mkdocs build --strict` builds beside good seeds: the cases that
can share a site in one build, the others each in its own. Each build is judged by the bench's
checks (no injected element or attribute, nothing from outside `seeds/`, no traceback, nothing
lost, listings intact) and each case by its own. Time and memory are the bench's to judge."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.hostile import (
    Built,
    Case,
    case_project,
    cases,
    judge,
    make_project,
    run_build,
    tags_of_site,
)

ROOT = Path(__file__).resolve().parent.parent
QUICK = [case for case in cases() if not case.heavy]
TOGETHER = [case for case in QUICK if not case.on_its_own]
ON_ITS_OWN = [case for case in QUICK if case.on_its_own]
EVERY_CASE = Case("every case together", "all", "", lambda _project: None)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def normal(tmp_path_factory) -> tuple[Path, frozenset[str]]:
    """A built project of the good seeds only, and the tags its pages use."""
    project = make_project(tmp_path_factory.mktemp("hostile") / "normal", ROOT)
    built = run_build(project, ROOT)
    assert built.returncode == 0, built.stderr
    return project, tags_of_site(project / "site")


@pytest.fixture(scope="module")
def together(normal, tmp_path_factory) -> Built:
    primed, _tags = normal
    project = tmp_path_factory.mktemp("together") / "project"
    shutil.copytree(primed, project, symlinks=True)
    for case in TOGETHER:
        case.write(project)
    return run_build(project, ROOT)


def test_there_are_twice_as_many_cases_as_the_issue_lists():
    assert len(cases()) >= 68  # the issue lists 34
    assert len({case.name for case in cases()}) == len(cases())


def test_the_site_of_every_case_together_is_clean(together, normal):
    _primed, tags = normal
    assert judge(EVERY_CASE, together, tags) == []


@pytest.mark.parametrize("case", TOGETHER, ids=lambda case: case.name)
def test_a_case_among_the_others(case, together):
    assert case.check(together) == []


@pytest.mark.parametrize("case", ON_ITS_OWN, ids=lambda case: case.name)
def test_a_case_on_its_own(case, normal, tmp_path):
    primed, tags = normal
    project = case_project(tmp_path, primed, case)
    built = run_build(project, ROOT, case)
    assert judge(case, built, tags) == []
