"""The build session active in this context, if any: a leaf module, so that the pipeline can ask
for it without importing the session, which runs the pipeline."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.session import BuildSession

ACTIVE_SESSION: ContextVar[BuildSession | None] = ContextVar("build_session", default=None)


def active_session() -> BuildSession | None:
    return ACTIVE_SESSION.get()
