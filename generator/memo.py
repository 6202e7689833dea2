"""Rendered pages remembered between builds with what each one read, so that a build in a
long-lived process (`mkdocs serve`) renders again only the pages whose inputs changed.

A page is a template rendered with its own values (a brief, a topic's coverage, a speaker) and
the site-wide context (the corpus, the speaker pages). The memo keys a page by its template and a
fingerprint of its own values; while it renders, the site-wide values are wrapped so that every
attribute, item, membership test and method call the template makes on them is recorded with a
fingerprint of what it returned. Next time, the page is reused only if replaying each recorded
read on the new corpus returns the same thing: nothing has to list what a template depends on,
so a template that starts reading something new is tracked without further ado.

A page found unchanged comes back as a `KeptPage`: its digest, not its text, which the memo does
not keep (a serving process would otherwise hold the whole site in memory); the writer compares
the digest with what it knows the page's file holds, and renders the page again only if it needs
the text after all (the file changed behind its back).

What keeps an unchanged page cheap: a read is replayed once a build however many pages made it
(a page is valid when none of its reads is among those that changed); a read returning a name or
a path is compared as it is, without hashing; and a page's own values that are the very objects
of the last build (views a build session keeps: `corpus.CorpusMemo`) are not hashed again.

The memo is active only inside `RenderMemo.active()`; outside it, templates render as always.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, is_dataclass
from typing import Any

from generator.corpus.crosslinks import PER_OBJECT, Corpus
from generator.model import Brief
from generator.page_content import KeptPage, page_digest
from generator.render.views import STABLE_VIEWS

_ACTIVE: ContextVar[RenderMemo | None] = ContextVar("render_memo", default=None)

Step = tuple  # ("attr", name) | ("item", key) | ("get", key, default) | ("call", args, kwargs) | ("index", i)
Read = tuple[str, tuple[Step, ...], tuple]  # context name, path, final operation
ReadKey = Read | bytes  # the read itself, or a digest of it when it holds more than plain values
Print = object  # what a read returned, as compared between builds (see `RenderMemo.print_of`)
_GONE = object()  # what replaying a read gives when what it read is gone: equal to nothing


def active_memo() -> RenderMemo | None:
    return _ACTIVE.get()


@dataclass
class PageEntry:
    reads: frozenset[ReadKey]
    digest: bytes  # `page_digest` of what it rendered


class RenderMemo:
    """Pages (by template and own values) from earlier builds, by digest."""

    def __init__(self) -> None:
        self.pages: dict[str, PageEntry] = {}
        self.rendered = 0  # pages rendered in the last build
        self.reused = 0  # pages reused in the last build
        # Every read of the remembered pages, with what it returned when it was last recorded.
        self._recorded: dict[ReadKey, tuple[Read, Print]] = {}
        # In the current build: the reads replayed or recorded so far, and those that changed.
        self._checked: set[ReadKey] = set()
        self._changed: set[ReadKey] = set()
        self._used_pages: set[str] = set()
        self._picklers: list[_TokenPickler] = []
        self._keys: dict[tuple, tuple[str, list]] = {}  # pages' keys by their own values' ids
        self._used_keys: set[tuple] = set()
        self._replayed_on: dict[str, Any] | None = None  # the shared values replayed on

    @contextmanager
    def active(self) -> Iterator[RenderMemo]:
        """Use (and refresh) the memo for the renders inside; forget what they did not use."""
        self.rendered = self.reused = 0
        self._used_pages, self._used_keys = set(), set()
        self._checked, self._changed = set(), set()
        self._replayed_on = None
        reset = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(reset)
            self.pages = {k: v for k, v in self.pages.items() if k in self._used_pages}
            self._keys = {k: v for k, v in self._keys.items() if k in self._used_keys}
            # Every read of a page still remembered was replayed or recorded in this build.
            self._recorded = {k: v for k, v in self._recorded.items() if k in self._checked}
            self._checked, self._changed = set(), set()
            self._replayed_on = None

    # --- fingerprints --------------------------------------------------------------------------

    def token(self, brief: Brief) -> str:
        """A hash of the whole brief, computed once for each brief object."""
        return PER_OBJECT.value(brief, "memo_token", lambda: _brief_hash(brief))

    def fingerprint(self, value: Any) -> bytes:
        """A hash of a value's content; briefs inside it count by their token, and views that a
        build session keeps from one build to the next (`STABLE_VIEWS`) are hashed once each."""
        # A pickler is made once and used again; one is taken from the pool while it pickles,
        # as pickling a view fingerprints the view with another.
        pickler = self._picklers.pop() if self._picklers else _TokenPickler(self)
        try:
            return pickler.fingerprint(value)
        finally:
            self._picklers.append(pickler)

    def stable_token(self, view: Any) -> bytes:
        """The fingerprint of a view, computed once for each view object."""

        def fingerprint() -> bytes:
            fields = tuple(getattr(view, f.name) for f in dataclasses.fields(view))
            return self.fingerprint((type(view).__name__, fields))

        return PER_OBJECT.value(view, "memo_token", fingerprint)

    def print_of(self, value: Any) -> Print:
        """What a read returned, in a form to compare: names and paths (most reads) as they are,
        anything else by fingerprint. Typed, so that 1 and True do not look the same."""
        kind = type(value)
        if value is None or kind is str:
            return value
        if kind is int or kind is bool:
            return (kind, value)
        return self.fingerprint(value)

    # --- pages ---------------------------------------------------------------------------------

    def page(
        self, name: str, context: dict[str, Any], render: Callable[[dict], str]
    ) -> str | KeptPage:
        """The page `render` makes of `context`; a `KeptPage` if an earlier build made it of the
        same own values and every read it made of the shared ones returns what it did then.

        The shared values (by name) are assumed to be the same objects for all pages of a build.
        """
        shared = {k: v for k, v in context.items() if _is_shared(v)}
        own = sorted((k, v) for k, v in context.items() if k not in shared)
        key = self._page_key(name, own)
        self._used_pages.add(key)
        entry = self.pages.get(key)
        if entry is not None and self._still_valid(entry.reads, shared):
            self.reused += 1
            return KeptPage(entry.digest, lambda: render(context))
        reads: set[ReadKey] = set()
        watched = {k: _wrap(self, reads, k, (), v) for k, v in shared.items()}
        output = render({**dict(own), **watched})
        self.pages[key] = PageEntry(frozenset(reads), page_digest(output))
        self.rendered += 1
        return output

    def _page_key(self, name: str, own: list[tuple[str, Any]]) -> str:
        """The page's key: its template and the fingerprint of its own values, computed once
        for the same value objects (a build session keeps unchanged views)."""
        by_identity = (name, *((k, id(v)) for k, v in own))
        self._used_keys.add(by_identity)
        known = self._keys.get(by_identity)
        if known is None:
            digest = hashlib.sha256(name.encode() + b"\0" + self.fingerprint(own)).hexdigest()
            # The values are kept with the key, so no id in it is given to another object.
            known = self._keys[by_identity] = (digest, [v for _, v in own])
        return known[0]

    def _still_valid(self, reads: frozenset[ReadKey], shared: dict[str, Any]) -> bool:
        """Whether every read returns what it did. Many pages make the same reads, so the first
        page of a build replays every read remembered, once, and a page is then valid when none
        of its reads changed (a set test costing the few changed reads, not the page's reads)."""
        if self._replayed_on is None:
            self._replayed_on = shared
            for key, (read, recorded) in self._recorded.items():
                self._checked.add(key)
                if self._replay(read, shared) != recorded:
                    self._changed.add(key)
        elif not _same_values(shared, self._replayed_on):  # not what the reads were replayed on
            return False
        return reads.isdisjoint(self._changed)

    def _replay(self, read: Read, shared: dict[str, Any]) -> Print:
        root, path, operation = read
        if root not in shared:
            return _GONE
        try:
            value = shared[root]
            for step in path:
                value = _step(value, step)
            return self.print_of(_finish(value, operation))
        except Exception:  # what was read is gone: render again
            return _GONE

    def record(self, reads: set[ReadKey], root: str, path: tuple, operation: tuple, result) -> None:
        read = (root, path, operation)
        key = read if _is_plain(read) else self.fingerprint(read)
        printed = self.print_of(result)  # read from this build's values
        if key not in self._checked:
            self._checked.add(key)
            earlier = self._recorded.get(key)
            # Pages rendered before, and not yet checked in this build, hold the earlier print.
            if earlier is not None and earlier[1] != printed:
                self._changed.add(key)
        self._recorded[key] = (read, printed)
        reads.add(key)


def _same_values(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return first.keys() == second.keys() and all(v is second[k] for k, v in first.items())


def _is_plain(value: Any) -> bool:
    """Whether a read is made of strings, whole numbers, None and tuples only: then it is its
    own key (compared by value, and cheap), else its fingerprint is."""
    kind = type(value)
    if kind is tuple:
        return all(_is_plain(item) for item in value)
    return value is None or kind is str or kind is int


def _is_shared(value: Any) -> bool:
    """Site-wide values, read through recorders: the corpus and mappings."""
    return isinstance(value, Mapping | Corpus)


def _is_frozen(value: Any) -> bool:
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params and params.frozen)


def _is_rich(value: Any) -> bool:
    """Mutable aggregates (coverage, speakers): read attribute by attribute, not hashed whole."""
    return is_dataclass(value) and not isinstance(value, type) and not _is_frozen(value)


def _step(value: Any, step: Step) -> Any:
    kind = step[0]
    if kind == "attr":
        return getattr(value, step[1])
    if kind == "item":
        return value[step[1]]
    if kind == "get":
        return value.get(step[1], step[2])
    if kind == "call":
        return value(*step[1], **dict(step[2]))
    if kind == "index":
        return value[step[1]]
    raise ValueError(step)


def _finish(value: Any, operation: tuple) -> Any:
    kind = operation[0]
    if kind == "value":
        return value
    if kind == "contains":
        return operation[1] in value
    if kind == "len":
        return len(value)
    if kind == "keys":
        return list(value)
    raise ValueError(operation)


def _wrap(memo: RenderMemo, reads: set[ReadKey], root: str, path: tuple, value: Any) -> Any:
    """`value` as the template should see it, recording what it reads of it."""

    def record(operation: tuple, result: Any) -> None:
        memo.record(reads, root, path, operation, result)

    if isinstance(value, Mapping):
        return _MappingRecorder(memo, reads, root, path, value)
    if _is_rich(value):
        return _ObjectRecorder(memo, reads, root, path, value)
    if callable(value) and not isinstance(value, type) and hasattr(value, "__self__"):

        def call(*args: Any, **kwargs: Any) -> Any:
            step = ("call", args, tuple(sorted(kwargs.items())))
            return _wrap(memo, reads, root, (*path, step), value(*args, **kwargs))

        return call
    if isinstance(value, list | tuple) and any(_is_rich(item) for item in value):
        record(("len",), len(value))
        return [
            _wrap(memo, reads, root, (*path, ("index", i)), item) for i, item in enumerate(value)
        ]
    if isinstance(value, list | tuple):
        return _SequenceRecorder(value, record)
    record(("value",), value)
    return value


class _SequenceRecorder(Sequence):
    """A list or tuple whose length alone can be read (`|length`, `if items`) without the page
    depending on every item; any other use reads, and records, the whole value."""

    __slots__ = ("_record", "_recorded", "_target")

    def __init__(self, target: list | tuple, record: Callable[[tuple, Any], None]) -> None:
        self._target, self._record, self._recorded = target, record, False

    def _whole(self) -> list | tuple:
        if not self._recorded:
            self._recorded = True
            self._record(("value",), self._target)
        return self._target

    def __len__(self) -> int:
        if not self._recorded:
            self._record(("len",), len(self._target))
        return len(self._target)

    def __getitem__(self, index: Any) -> Any:
        return self._whole()[index]

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __contains__(self, item: object) -> bool:
        return item in self._whole()

    def __eq__(self, other: object) -> bool:
        return self._whole() == other

    __hash__ = None  # type: ignore[assignment]


class _ObjectRecorder:
    __slots__ = ("_memo", "_path", "_reads", "_root", "_target")

    def __init__(self, memo, reads, root, path, target) -> None:
        self._memo, self._reads, self._root = memo, reads, root
        self._path, self._target = path, target

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "jinja_pass_arg":
            raise AttributeError(name)
        value = getattr(self._target, name)
        return _wrap(self._memo, self._reads, self._root, (*self._path, ("attr", name)), value)


class _MappingRecorder(Mapping):
    def __init__(self, memo, reads, root, path, target) -> None:
        self._memo, self._reads, self._root = memo, reads, root
        self._path, self._target = path, target

    def _record(self, operation: tuple, result: Any) -> Any:
        self._memo.record(self._reads, self._root, self._path, operation, result)
        return result

    def __getitem__(self, key: Any) -> Any:
        step = ("item", key)
        return _wrap(self._memo, self._reads, self._root, (*self._path, step), self._target[key])

    def get(self, key: Any, default: Any = None) -> Any:
        step = ("get", key, default)
        value = self._target.get(key, default)
        return _wrap(self._memo, self._reads, self._root, (*self._path, step), value)

    def __contains__(self, key: object) -> bool:
        return self._record(("contains", key), key in self._target)

    def __iter__(self) -> Iterator:
        return iter(self._record(("keys",), list(self._target)))

    def __len__(self) -> int:
        return self._record(("len",), len(self._target))


class _TokenPickler(pickle.Pickler):
    def __init__(self, memo: RenderMemo) -> None:
        self._buffer = io.BytesIO()
        super().__init__(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
        # No memo: with it, the bytes would depend on which equal strings happen to be one object
        # (an equal picture or brief built anew would look changed). Nothing pickled here is cyclic.
        self.fast = True
        # Only briefs and stable views go through Python code; the rest is pickled at C speed.
        self.dispatch_table = {Brief: lambda brief: (_token, (memo.token(brief),))}
        for view in STABLE_VIEWS:
            self.dispatch_table[view] = lambda value: (_token, (memo.stable_token(value),))

    def fingerprint(self, value: Any) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self.dump(value)
        return hashlib.sha256(self._buffer.getbuffer()).digest()


def _brief_hash(brief: Brief) -> str:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: equal briefs give equal bytes (see _TokenPickler)
    pickler.dump(brief)
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def _token(token: str | bytes) -> str | bytes:
    return token
