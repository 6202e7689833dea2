"""The benchmark's measuring: steps run together are each charged their own time and memory;
its throwaway projects are the project's config with their own cache."""

from __future__ import annotations

import sys

from bench.run import RunningStep

BUSY = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\n"
IDLE = "import time; time.sleep(1.5); print('{\"seconds\": 1.5}')"


def test_steps_run_together_are_each_charged_their_own_cpu_time_and_end(tmp_path):
    def start(name: str, *command: str) -> RunningStep:
        return RunningStep(list(command), tmp_path, tmp_path / f"{name}.log", None)

    busy = start("busy", sys.executable, "-c", BUSY)
    idle = start("idle", sys.executable, "-c", IDLE)
    quick = start("quick", "true")
    # Collected in the order they end last: each still gets its own CPU time and end.
    idle_result, busy_result, quick_result = idle.finish(), busy.finish(), quick.finish()
    assert busy_result["cpu_seconds"] >= 0.5 > idle_result["cpu_seconds"]
    assert quick_result["wall_seconds"] < 1.5 <= idle_result["wall_seconds"]
    assert idle_result["seconds"] == 1.5  # its JSON line
    assert idle_result["peak_rss"] > 0


def test_a_step_past_its_timeout_is_stopped_and_recorded_so(tmp_path):
    step = RunningStep(
        [sys.executable, "-c", "import time; time.sleep(60)"], tmp_path, tmp_path / "s.log", 0.5
    )
    result = step.finish()
    assert result["stopped_after"] == 0.5
    assert result["wall_seconds"] < 30


def test_a_bench_project_is_the_projects_config_with_its_own_cache_and_an_empty_docs(tmp_path):
    from mkdocs.config import load_config

    from bench.run import Project

    project = Project(tmp_path / "n3")
    project.create(3, random_seed=1)
    config = load_config(config_file=str(project.config))  # mkdocs.yml's `!ENV` tags and all
    assert config.plugins["briefing"].config["cache_dir"] == "cache/one"
    assert len(list(project.seeds.glob("*.txt"))) == 3
    assert list((project.root / "docs").iterdir()) == []
