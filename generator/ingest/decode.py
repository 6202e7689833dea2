"""Bytes → text: byte-order marks, encodings (charset-normalizer where a file is not UTF-8),
control and invisible characters; the reason a file cannot be used at all."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import charset_normalizer

MAX_SEED_BYTES = 5 * 1024 * 1024  # larger files are not articles (a dump, a binary)

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)

_MAX_CONTROL_SHARE = 0.05  # text has almost no control characters; binary data has about 11%

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200e\u200f\ufeff]")

# Characters no article needs and that break or disguise what is shown: non-characters, lone
# surrogates (from a YAML escape), bidirectional overrides ("Invoice exe.pdf"), invisible marks
# (soft hyphen, joiners, word joiner) that make two equal names look different.
INVISIBLE = re.compile(
    "[\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069\u00ad\u200c\u200d"
    "\u2060-\u2064\u180e]"
)


def plain_text(value: str) -> str:
    """A metadata or topic-file value as one line of visible text: control characters become
    spaces, invisible and direction-changing ones go, white space is collapsed, NFC."""
    text = INVISIBLE.sub("", CONTROL_CHARS.sub(" ", value))
    return " ".join(unicodedata.normalize("NFC", text).split())


class Unusable(Exception):
    """Internal: why a seed cannot be used, and what the user can do about it."""

    def __init__(self, reason: str, action: str, location: str | None = None) -> None:
        super().__init__(reason)
        self.reason, self.action, self.location = reason, action, location


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise Unusable(
                f"the file is {size / 1024 / 1024:.1f} MB, over the "
                f"{MAX_SEED_BYTES // 1024 // 1024} MB limit for one article",
                "split it into one file per article, or remove what is not article text",
            )
        return path.read_bytes()
    except OSError as error:
        raise Unusable(
            f"the file cannot be read: {error.strerror or error}",
            "check that it exists and that its permissions let the build read it",
        ) from error


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Bytes → text with Unix line ends in Unicode NFC, plus warnings; raises Unusable."""
    warnings: list[str] = []
    if not data:
        raise Unusable("the file is empty", "add the article's text, or delete the file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise Unusable(
                    f"the file starts with a {name} byte-order mark but is not valid {name} "
                    f"(at byte {error.start + len(bom)})",
                    "re-save the file as UTF-8",
                    location=f"byte {error.start + len(bom)}",
                ) from error
            break
    else:
        if _looks_binary(data):
            raise Unusable(
                "the file is binary data, not text (it holds NUL or other control bytes: "
                "an image or document renamed to .txt?)",
                "replace it with the article's text saved as plain UTF-8 text",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text, encoding = _legacy_decode(data)
            warnings.append(
                f"{source}: not valid UTF-8 (byte {error.start}); read as {encoding} — "
                "check its quotes and accented letters, or re-save the file as UTF-8"
            )
    if _looks_binary(text):
        raise Unusable(
            "the file decodes to control characters, not text",
            "replace it with the article's text saved as plain UTF-8 text",
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, invisible = INVISIBLE.subn("", CONTROL_CHARS.sub("", text))
    if invisible:
        warnings.append(
            f"{source}: {invisible} invisible or direction-changing character"
            f"{'s' if invisible != 1 else ''} removed (bidirectional overrides, joiners, soft "
            "hyphens, non-characters) — check that names and words read as intended"
        )
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise Unusable(
            "the file holds only whitespace", "add the article's text, or delete the file"
        )
    return text, warnings


# Languages written in Central European code pages (Windows-1250, ISO 8859-2): only for these is
# a detected cp1250 believed; an English text in Windows-1252 often detects as cp1250 too, and
# the two differ in letters such as "£" and "Ł".
_LATIN2_LANGUAGES = frozenset(
    {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian", "Bosnian"}
)
_LATIN2_ENCODINGS = frozenset({"cp1250", "iso8859_2"})


def _legacy_decode(data: bytes) -> tuple[str, str]:
    """Text that is not UTF-8: in the encoding charset-normalizer finds where it reads as
    another script (Windows-1251 Cyrillic, GB18030 Chinese …) or as a Central European language
    in its code page; otherwise, as before, as Windows-1252, the usual encoding of old English
    text. Returns the text and the encoding's name for the warning."""
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding not in ("ascii", "utf_8"):
        text = str(best)
        latin2 = best.encoding in _LATIN2_ENCODINGS and best.language in _LATIN2_LANGUAGES
        if latin2 or _mostly_other_script(text):
            return text, best.encoding
    return data.decode("cp1252", errors="replace"), "Windows-1252 (cp1252)"


def _mostly_other_script(text: str) -> bool:
    """Whether most letters of the text are outside the Latin script."""
    letters = [char for char in text[:20000] if char.isalpha()]
    other = sum(1 for char in letters if "LATIN" not in unicodedata.name(char, "LATIN"))
    return bool(letters) and other > len(letters) / 2


def _looks_binary(data: bytes | str) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    codes = sample if isinstance(sample, bytes) else [ord(char) for char in sample]
    if 0 in codes:
        return True
    controls = sum(1 for code in codes if code < 32 and code not in (9, 10, 12, 13))
    return controls / len(codes) > _MAX_CONTROL_SHARE
