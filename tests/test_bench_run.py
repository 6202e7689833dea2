"""The benchmark's measuring: steps run together are each charged their own time and memory."""

from __future__ import annotations

import sys

from bench.run import RunningStep

BUSY = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
IDLE = "import time; time.sleep(1.5); print('{\"seconds\": 1.5}')"


def test_steps_run_together_are_each_charged_their_own_cpu_time_and_end(tmp_path):
    busy = RunningStep([sys.executable, "-c", BUSY], tmp_path, tmp_path / "busy.log", None)
    idle = RunningStep([sys.executable, "-c", IDLE], tmp_path, tmp_path / "idle.log", None)
    idle_result, busy_result = idle.finish(), busy.finish()  # the one that ends last, first
    assert busy_result["cpu_seconds"] >= 0.5 > idle_result["cpu_seconds"]
    assert busy_result["wall_seconds"] < idle_result["wall_seconds"]
    assert idle_result["seconds"] == 1.5  # its JSON line
    assert idle_result["peak_rss"] > 0


def test_a_step_past_its_timeout_is_stopped_and_recorded_so(tmp_path):
    step = RunningStep(
        [sys.executable, "-c", "import time; time.sleep(60)"], tmp_path, tmp_path / "s.log", 0.5
    )
    result = step.finish()
    assert result["stopped_after"] == 0.5
    assert result["wall_seconds"] < 30
