"""The on-disk stores, and the memory a serving process keeps of them between runs."""

from __future__ import annotations

from generator.cache import PickleStore


class Numbers(PickleStore):
    kind = int


def test_a_store_kept_in_memory_serves_its_last_run_without_the_disk(tmp_path):
    store = Numbers(tmp_path / "numbers", in_memory=True)
    store.put("aa01", 1)
    store.put("bb02", 2)
    store.end_run()
    for path in (tmp_path / "numbers").rglob("*.pickle"):
        path.unlink()  # from now on only memory can answer
    assert (store.get("aa01"), store.get("bb02")) == (1, 2)
    assert store.get("cc03") is None
    store.end_run()
    store.get("aa01")  # the only entry this run asked for
    store.end_run()
    assert (store.get("aa01"), store.get("bb02")) == (1, None)


def test_a_store_not_kept_in_memory_reads_the_disk_every_time(tmp_path):
    store = Numbers(tmp_path / "numbers")
    store.put("aa01", 1)
    (tmp_path / "numbers" / "aa" / "aa01.pickle").unlink()
    assert store.get("aa01") is None
