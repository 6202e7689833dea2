"""The Pages workflow is valid, passes zizmor, pins every action and rebuilds when seeds change."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS_DIR = REPO_ROOT / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOWS_DIR / "site.yml"
# The tools come from the same venv as this interpreter; not resolved, so a symlinked
# .venv/bin/python still points at .venv/bin.
VENV_BIN = Path(sys.executable).parent
FULL_SHA = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])


def load_workflow(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def workflow_triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, str):
        return {triggers: None}
    if isinstance(triggers, list):
        return dict.fromkeys(triggers)
    return triggers or {}


def uses_refs(workflow: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, ref) for every `uses:` of a job (reusable workflow) or a step."""
    for job_id, job in (workflow.get("jobs") or {}).items():
        if "uses" in job:
            yield f"jobs.{job_id}", job["uses"]
        for index, step in enumerate(job.get("steps") or []):
            if "uses" in step:
                yield f"jobs.{job_id}.steps[{index}]", step["uses"]


def is_pinned(ref: str) -> bool:
    if ref.startswith("./"):
        return True  # an action in this repository: pinned by the commit itself
    if ref.startswith("docker://"):
        return "@sha256:" in ref
    _, _, version = ref.partition("@")
    return FULL_SHA.fullmatch(version) is not None


def path_filter_regex(pattern: str) -> re.Pattern[str]:
    """GitHub's path filter glob: `**` crosses directories, `*` and `?` do not."""
    parts = re.split(r"(\*\*|\*|\?)", pattern)
    wildcards = {"**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wildcards.get(part, re.escape(part)) for part in parts))


def push_touching(triggers: dict[str, Any], branch: str, changed_path: str) -> bool:
    """Whether a push of `changed_path` to `branch` starts the workflow (the filters we use)."""
    if "push" not in triggers:
        return False
    push = triggers["push"] or {}
    branches = push.get("branches")
    if branches is not None and not any(path_filter_regex(b).fullmatch(branch) for b in branches):
        return False
    if "paths-ignore" in push:
        return not any(path_filter_regex(p).fullmatch(changed_path) for p in push["paths-ignore"])
    if "paths" not in push:
        return True
    # The last matching pattern decides; `!pattern` excludes.
    matched = False
    for pattern in push["paths"]:
        negated = pattern.startswith("!")
        if path_filter_regex(pattern.removeprefix("!")).fullmatch(changed_path):
            matched = not negated
    return matched


def run_tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = VENV_BIN / name
    if not executable.exists():
        pytest.fail(f"{executable} is missing: run `make venv` to install the dev tools")
    return subprocess.run(
        [str(executable), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_site_workflow_matches_github_schema() -> None:
    result = run_tool(
        "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        str(SITE_WORKFLOW.relative_to(REPO_ROOT)),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_zizmor() -> None:
    result = run_tool("zizmor", "--offline", "--no-progress", ".github/workflows/")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_sha() -> None:
    files = workflow_files()
    assert SITE_WORKFLOW in files
    unpinned = []
    uncommented = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        for where, ref in uses_refs(load_workflow(path)):
            if not is_pinned(ref):
                unpinned.append(f"{path.name}: {where}: {ref}")
                continue
            if ref.startswith(("./", "docker://")):
                continue
            # The SHA says what runs; the `# vX.Y.Z` comment says which release that was.
            line = next(line for line in lines if ref in line)
            if not VERSION_COMMENT.search(line):
                uncommented.append(f"{path.name}: {where}: {line.strip()}")
    assert not unpinned, "pin these to a full 40-hex commit SHA:\n" + "\n".join(unpinned)
    assert not uncommented, "add a `# vX.Y.Z` comment:\n" + "\n".join(uncommented)


def test_site_workflow_rebuilds_when_seeds_change() -> None:
    triggers = workflow_triggers(load_workflow(SITE_WORKFLOW))
    assert push_touching(triggers, "main", "seeds/005_new_article.txt")
    assert push_touching(triggers, "main", "seeds/topics.yaml")
    assert not push_touching(triggers, "feature", "seeds/005_new_article.txt")
    assert "workflow_dispatch" in triggers


def test_only_the_deploy_job_may_write() -> None:
    workflow = load_workflow(SITE_WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    writers = {
        job_id: job["permissions"]
        for job_id, job in workflow["jobs"].items()
        if "write" in (job.get("permissions") or {}).values()
    }
    assert writers == {"deploy": {"pages": "write", "id-token": "write"}}


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("seeds/**", "seeds/a/b.txt", True),
        ("seeds/*", "seeds/a/b.txt", False),
        ("seeds/*", "seeds/b.txt", True),
        ("mkdocs.yml", "mkdocs.yaml", False),
    ],
)
def test_path_filter_regex_follows_github_globs(pattern: str, path: str, expected: bool) -> None:
    assert (path_filter_regex(pattern).fullmatch(path) is not None) is expected


# The first majors that run on Node 24 (GitHub removed Node 20 from its runners in September 2026).
NODE_24_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/cache": 5,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def test_every_action_is_a_node_24_major() -> None:
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    used = re.findall(r"uses: ([\w./-]+)@[0-9a-f]{40} # v(\d+)\.", text)
    assert {name for name, _ in used} == set(NODE_24_MAJORS)
    assert all(int(major) >= NODE_24_MAJORS[name] for name, major in used), used


def test_the_site_job_builds_incrementally_from_the_site_lock_at_the_pages_address() -> None:
    steps = load_workflow(SITE_WORKFLOW)["jobs"]["build"]["steps"]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".briefing-cache"
    for source in ("requirements-site.lock", "generator/**", "seeds/topics.yaml"):
        assert source in cache["with"]["key"] and source in cache["with"]["restore-keys"]
    assert "github.run_id" in cache["with"]["key"]  # a new cache each run, the last one restored
    build = next(step for step in steps if "make site" in step.get("run", ""))
    assert "LOCK=requirements-site.lock" in build["run"]
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    config = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [SITE_URL, ""]' in config
    assert "cache_dir: .briefing-cache" in config


def pinned(lock: Path) -> dict[str, str]:
    """Package → version of every `name==version` line of a lock."""
    found = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", lock.read_text(encoding="utf-8"), re.M)
    return {name.lower(): version for name, version in found}


def test_the_site_lock_is_the_full_locks_runtime_part() -> None:
    site, full = (
        pinned(REPO_ROOT / "requirements-site.lock"),
        pinned(REPO_ROOT / "requirements.lock"),
    )
    assert {"mkdocs", "mkdocs-material", "spacy", "pagefind-bin", "setuptools"} <= set(site)
    assert not {"pytest", "ruff", "playwright", "zizmor", "dask"} & set(site)
    assert {name: full.get(name) for name in site} == site  # the same releases as the tests use
