"""The editor's topic knowledge: load and validate the topic file in `seeds/`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from generator.cache import PickleStore, digest
from generator.ingest.decode import plain_text
from generator.ingest.metadata import leaves_folder
from generator.model import Facet, Topic
from generator.settings import code_hash
from generator.slugs import RESERVED_SLUGS

# libyaml's loader where PyYAML has it: the pure-Python one took 16 s for 10,000 topics.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class TopicFileError(ValueError):
    """The topic file cannot be used; the message names the file, the topic and what to fix."""


def load_topics(path: Path, cache_dir: Path | None = None) -> list[Topic]:
    """Topics from the YAML file at `path`, in file order; a missing file means no topics.
    With `cache_dir`, a topic file read before is taken from there."""
    if not path.exists() and not path.is_symlink():
        return []
    shown = f"{path.parent.name}/{path.name}"  # never the build machine's absolute path
    if leaves_folder(path, path.parent):
        raise TopicFileError(
            f"{shown}: a link that points outside its folder (or nowhere); put the topic file "
            "itself there."
        )
    raw = path.read_bytes()
    key = digest(f"{raw.hex()}\0{shown}\0{topics_code_hash()}")
    if cache_dir is not None and (kept := TopicFileCache(cache_dir / "topics").get(key)):
        return kept
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise TopicFileError(f"{shown}: not valid YAML ({error}); fix the syntax.") from error
    topics = parse_topics(data, shown)
    if cache_dir is not None and topics:
        TopicFileCache(cache_dir / "topics").put(key, topics)
    return topics


class TopicFileCache(PickleStore):
    """Topic files read before, by their bytes: parsing 10,000 topics' YAML took seconds."""

    kind = list


@functools.cache
def topics_code_hash() -> str:
    """The code a topic file is read with: this module and the text cleaning it takes from
    ingest (`plain_text`), and the model."""
    return code_hash("ingest", "model.py")


def parse_topics(data: object, where: str) -> list[Topic]:
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise TopicFileError(f"{where}: expected a mapping with a list under 'topics:'.")
    topics: list[Topic] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        topic = _parse_topic(entry, f"{where}: topic #{number}")
        if topic.id in seen:
            raise TopicFileError(
                f"{where}: topic #{number} repeats the id {topic.id!r} of topic #{seen[topic.id]}; "
                "give each topic its own id, or merge their terms."
            )
        seen[topic.id] = number
        topics.append(topic)
    return topics


def _parse_topic(entry: object, where: str) -> Topic:
    if not isinstance(entry, dict):
        raise TopicFileError(f"{where}: expected a mapping with id, name, description, terms.")
    known = {"id", "name", "description", "terms", "min_evidence", "facets"}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise TopicFileError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}.")
    topic_id, name = entry.get("id"), entry.get("name")
    if not isinstance(topic_id, str) or not ID_PATTERN.match(topic_id):
        raise TopicFileError(f"{where}: 'id' must be lowercase letters, digits and dashes.")
    if topic_id in RESERVED_SLUGS:
        raise TopicFileError(
            f"{where}: the id {topic_id!r} is the Topics listing's own page; choose another id."
        )
    if not isinstance(name, str) or not plain_text(name):
        raise TopicFileError(f"{where} ({topic_id}): 'name' must be a non-empty string.")
    terms = entry.get("terms")
    if not isinstance(terms, list) or not terms or not all(isinstance(t, str) for t in terms):
        raise TopicFileError(f"{where} ({topic_id}): 'terms' must be a non-empty list of strings.")
    min_evidence = entry.get("min_evidence", 1)
    if not isinstance(min_evidence, int) or isinstance(min_evidence, bool) or min_evidence < 1:
        raise TopicFileError(f"{where} ({topic_id}): 'min_evidence' must be a whole number >= 1.")
    description = entry.get("description") or ""
    if not isinstance(description, str):
        raise TopicFileError(f"{where} ({topic_id}): 'description' must be a string.")
    # The topic file is as untrusted as the seeds: its text is cleaned as theirs is (a control
    # character in a name made every SVG picture invalid XML).
    return Topic(
        id=topic_id,
        name=plain_text(name),
        description=plain_text(description),
        terms=tuple(term for term in map(plain_text, terms) if term),
        min_evidence=min_evidence,
        facets=_parse_facets(entry.get("facets"), f"{where} ({topic_id})"),
    )


def _parse_facets(entries: object, where: str) -> tuple[Facet, ...]:
    """The topic's sub-questions: `facets:` a list of {name, terms}, optional."""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise TopicFileError(f"{where}: 'facets' must be a list of mappings with name and terms.")
    facets = []
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        terms = entry.get("terms") if isinstance(entry, dict) else None
        if (
            not isinstance(name, str)
            or not plain_text(name)
            or not isinstance(terms, list)
            or not terms
            or not all(isinstance(t, str) for t in terms)
            or set(entry) - {"name", "terms"}
        ):
            raise TopicFileError(
                f"{where}: facet #{number} must be a mapping with a non-empty 'name' and a "
                "non-empty list of 'terms' (and nothing else)."
            )
        facets.append(Facet(plain_text(name), tuple(t for t in map(plain_text, terms) if t)))
    return tuple(facets)
