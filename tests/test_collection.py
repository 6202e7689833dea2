"""Garbage collection held off during a serving rebuild and run after it."""

from __future__ import annotations

import gc

from generator.plugin import collection


def test_a_rebuild_holds_off_collection_until_it_has_been_collected_after():
    assert gc.isenabled()
    try:
        collection.hold_off()
        assert not gc.isenabled()
        garbage = []
        garbage.append(garbage)  # a cycle: only the collector frees it
        del garbage
        collection.collect_later(0).join()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_collection_due_before_a_new_rebuild_leaves_the_collector_off():
    try:
        collection.hold_off()
        first = collection.collect_later(60)
        collection.hold_off()  # the next save: the first collection is called off
        assert first.finished.is_set()  # cancelled
        assert not gc.isenabled()
        stale = collection._rebuilds - 1
        collection._collect(stale)  # as a collection already running when the rebuild began
        assert not gc.isenabled()
        collection.collect_later(0).join()
        assert gc.isenabled()
    finally:
        gc.enable()
