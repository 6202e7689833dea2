"""An article's metadata from a sidecar file or front matter: the fields, their synonyms, their
checks."""

from __future__ import annotations

import datetime as dt
import json
import re
import reprlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.ingest.dates import read_date
from generator.ingest.decode import plain_text

MAX_SIDECAR_BYTES = 64 * 1024

# Metadata keys a sidecar or front matter may set; `source` is another name for `publisher`
# (or for `url`, when it holds a web address, as web clippers write it).
METADATA_KEYS = ("title", "publisher", "source", "date", "url")

# Other names web clippers and site generators give the same fields.
_KEY_SYNONYMS = {
    "published": "date",
    "published_at": "date",
    "published_time": "date",
    "date_published": "date",
    "publish_date": "date",
    "pubdate": "date",
    "pub_date": "date",
    "link": "url",
    "source_url": "url",
    "canonical_url": "url",
    "headline": "title",
    "site_name": "publisher",
    "dateline": "date",
}

# A site's template may suffix its fields with their type: "dateline_str", "title_text".
_SITE_SUFFIX = re.compile(r"_(?:str|string|text)$")

# A clipper's or site's byline: read only to see whether it names a publisher of the table.
BYLINE_FIELD = "byline"

_BYLINE_KEYS = frozenset({"author", "byline"})

# What clippers also write and a brief does not use: passed over without a warning.
_CLIPPER_KEYS = frozenset(
    {"author", "authors", "created", "clipped", "tags", "description", "excerpt", "categories"}
    | {"category", "image", "language", "lang", "byline", "updated", "modified", "keywords"}
)


def leaves_folder(path: Path, folder: Path) -> bool:
    """Whether `path` is a link that resolves outside `folder` (or to nothing, or in a loop).
    Only links are resolved: the seeds are found without following linked folders."""
    try:
        if path.is_symlink():
            path.resolve(strict=True).relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError, ValueError):
        return True
    return False


# --- metadata -----------------------------------------------------------------------------------


def read_sidecar(sidecar: Path, source: str) -> tuple[bytes, dict[str, str], list[str]]:
    name = PurePosixPath(source).with_name(sidecar.name).as_posix()  # as seeds/ shows it
    seeds_dir = sidecar.parents[len(PurePosixPath(source).parts) - 1]
    if leaves_folder(sidecar, seeds_dir):
        return b"", {}, [f"{name}: a link that points outside the seeds folder; metadata ignored"]
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return b"", {}, [f"{name}: over {MAX_SIDECAR_BYTES // 1024} KB; metadata ignored"]
        data = sidecar.read_bytes()
    except OSError as error:
        return b"", {}, [f"{name}: cannot be read ({error.strerror or error}); metadata ignored"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data, {}, [f"{name}: not UTF-8 text; metadata ignored — re-save it as UTF-8"]
    metadata, warnings = parse_metadata(text, name, first_line=1)
    return data, metadata, warnings


def read_front_matter(lines: Sequence[str], source: str) -> tuple[dict[str, str], int, list[str]]:
    """Metadata from a Markdown seed's `---` … `---` block (YAML, or JSON after `---json`), and
    the line where the body starts."""
    if lines and lines[0].strip() == "---json":
        return _json_front_matter(lines, source)
    if not lines or lines[0].strip() != "---":
        return {}, 1, []
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            metadata, warnings = parse_metadata(
                "\n".join(lines[1:index]), f"{source} front matter", first_line=2, clipped=True
            )
            return metadata, index + 2, warnings
    return {}, 1, [_unclosed(source)]


def _json_front_matter(lines: Sequence[str], source: str) -> tuple[dict[str, str], int, list[str]]:
    """A `---json` … `---` block, as some site generators write front matter."""
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        return {}, 1, [_unclosed(source)]
    try:
        data = json.loads("\n".join(lines[1:end]))
    except ValueError as error:
        return {}, end + 2, [f"{source} front matter: broken JSON ({error}); metadata ignored"]
    if not isinstance(data, dict):
        return {}, end + 2, [f"{source} front matter: JSON is not key: value pairs; ignored"]
    metadata, warnings = metadata_fields(
        data, f"{source} front matter", clipped=True, others_expected=True
    )
    return metadata, end + 2, warnings


def _unclosed(source: str) -> str:
    return f"{source}: front matter opened on line 1 is never closed with ---; read as text"


class _MetadataLoader(yaml.SafeLoader):
    """Safe YAML whose dates stay text: one impossible date (9999-02-30) is then that field's
    warning, not an error that drops the whole sidecar. Aliases are refused: metadata needs none,
    and a few hundred bytes of nested ones expand to gigabytes."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.events.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed here", self.peek_event().start_mark
            )
        return super().compose_node(parent, index)


_MetadataLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_metadata(
    text: str, where: str, first_line: int, *, clipped: bool = False
) -> tuple[dict[str, str], list[str]]:
    """Validated metadata from YAML text; anything wrong becomes a warning, never an error.

    `where` names the YAML's origin in warnings; `first_line` is its first line in that file.
    `clipped`: front matter as web clippers write it, whose other keys pass without a warning.
    """
    try:
        data = yaml.load(text, Loader=_MetadataLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [f"{where}{at}: broken YAML ({problem}); metadata ignored — fix the YAML"]
    except ValueError as error:  # a well-formed value the YAML types reject, e.g. 2023-02-30
        return {}, [f"{where}: a value cannot be read ({error}); metadata ignored — fix it"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{where}: YAML is a {type(data).__name__}, not key: value pairs; ignored"]
    return metadata_fields(data, where, clipped=clipped)


def metadata_fields(
    data: dict[Any, Any], where: str, *, clipped: bool = False, others_expected: bool = False
) -> tuple[dict[str, str], list[str]]:
    """The fields of a mapping (a sidecar's, front matter's, a dataset record's) that a brief
    uses, validated; `clipped`: a web clipper's keys pass without a warning; `others_expected`:
    any other key does (a site generator's or a dataset's own fields)."""
    metadata: dict[str, str] = {}
    warnings: list[str] = []
    for key, value in data.items():
        name = _SITE_SUFFIX.sub("", str(key).strip().lower())
        name = _KEY_SYNONYMS.get(name, name)
        if clipped and name in _BYLINE_KEYS and isinstance(value, str) and value.strip():
            metadata[BYLINE_FIELD] = plain_text(value)  # a publisher's name only where it is one
            continue
        if clipped and name in _CLIPPER_KEYS:
            continue
        if name not in METADATA_KEYS and others_expected:
            continue
        if name not in METADATA_KEYS:
            known = ", ".join(METADATA_KEYS)
            warnings.append(f"{where}: unknown key {key!r} ignored (known keys: {known})")
            continue
        field = "publisher" if name == "source" else name
        if name == "source" and isinstance(value, str) and re.match(r"^\s*https?://", value):
            field = "url"
        if value is None:
            continue
        checked = _check_field(field, value)
        if checked is None:
            warnings.append(f"{where}: {key} {_describe(value)} is not a valid {field}; ignored")
        elif field in metadata and metadata[field] != checked:
            warnings.append(f"{where}: {field} given twice; using {metadata[field]!r}")
        else:
            metadata[field] = checked
    return metadata, warnings


def _describe(value: Any) -> str:
    shown = reprlib.repr(value)
    return f"({type(value).__name__} {shown[:60]})"


def _check_field(field: str, value: Any) -> str | None:
    if field == "date":
        return normalise_date(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = plain_text(value)
    if not text:
        return None
    if field == "url" and not re.match(r"^https?://\S+$", text):
        return None
    return text


def normalise_date(value: Any) -> str | None:
    """An ISO `yyyy-mm-dd` date from a YAML date, an ISO string, or a written-out full date
    ("8 August 2023", "Aug. 8, 2023"); None for anything else (never a guess)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    return read_date(value)
