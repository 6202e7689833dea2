"""Benchmark the generator at several corpus sizes against spaCy's own speed and the targets.

usage: .venv/bin/python -m bench.run [--sizes 100,1000] [--steps all|STEP,…] [--workdir DIR]

For each size N it writes a corpus (`bench.make_corpus`) and runs, each in its own process so
memory is per step: the generator cold on one process (empty cache), warm (nothing changed),
after one seed is edited, `mkdocs build` of the result, spaCy's bare `nlp.pipe` over the same
texts (the floor), and the generator cold on two worker processes. It prints a Markdown table per
N with PASS/FAIL against the targets, and writes everything to bench/results/latest.json.

Peak memory is the largest sum of the resident memory (RSS) of the step's whole process tree,
sampled every 50 ms from /proc; the step's main process's own peak (VmHWM) is recorded too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.make_corpus import make_corpus
from bench.step import edit_one_seed
from generator.config import read_config

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
STEPS = (
    "cold",
    "warm",
    "edit",
    "serve",
    "mkdocs",
    "mkdocs-edit",
    "site",
    "site-dirty",
    "floor",
    "cold2",
)
# Not in "all": fills the cache from a smaller run's briefs instead of a cold run (see --donor).
RECYCLE = "recycle"
GB = 1024**3
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")

# The targets of the "Speed and scale" issue.
MAX_OVERHEAD = 1.3  # cold generator time over bare nlp.pipe, one process
MIN_SPEEDUP = 1.7  # two workers over one, at N = 1000
MAX_WARM_SHARE = 0.05  # warm run over cold run
MAX_EDIT_SECONDS = 1.0  # one edited seed, at N = 1000
MAX_PEAK_BYTES = 1.5 * GB  # at N = 10,000


# --- memory of a process tree ------------------------------------------------------------------


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(entry))
    return children


def tree_rss(root: int) -> int:
    """Resident bytes of `root` and all its descendants, now."""
    children = _children_by_parent()
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        pending += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except OSError:
            continue
    return total


class PeakSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.stopped.wait(self.interval)


class RunningStep:
    """One step's process, started: timed, its tree's memory sampled, its CPU time its own.

    CPU seconds come from `os.wait4` on the step's process (its own and its reaped children's),
    so steps running at the same time (`--together`) are each charged only their own.
    """

    def __init__(self, command: list[str], cwd: Path, log: Path, timeout: float | None) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
        env.pop("CI", None)
        self.log, self.stdout_path = log, log.with_suffix(".stdout")
        self.load_before = os.getloadavg()[0]
        self.started = time.perf_counter()
        with log.open("w") as errors, self.stdout_path.open("w") as output:
            self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=errors)
        self.sampler = PeakSampler(self.process.pid)
        self.sampler.start()
        self.stopped_after: float | None = None
        self.timer = threading.Timer(timeout, self._stop, (timeout,)) if timeout else None
        if self.timer:
            self.timer.start()
        # Waited for in a thread of its own, so that its end time is its own when steps run
        # together and another one is finished first.
        self.waiter = threading.Thread(target=self._wait, daemon=True)
        self.waiter.start()

    def _wait(self) -> None:
        _pid, status, self.usage = os.wait4(self.process.pid, 0)
        self.wall = time.perf_counter() - self.started
        self.process.returncode = os.waitstatus_to_exitcode(status)

    def _stop(self, timeout: float) -> None:
        self.stopped_after = timeout
        self.process.kill()

    def finish(self) -> dict:
        """Wait for the step; its JSON result line, if any, with time, CPU and memory.

        A step that fails, or is stopped after its timeout, is recorded as such (with its time
        and peak memory so far) and the run goes on.
        """
        self.waiter.join()
        wall, usage = self.wall, self.usage
        if self.timer:
            self.timer.cancel()
        self.sampler.stopped.set()
        self.sampler.join()
        outcome: dict = {}
        if self.stopped_after is not None:
            outcome["stopped_after"] = self.stopped_after
        elif self.process.returncode != 0:
            outcome["failed"] = self.process.returncode
            print(f" failed ({self.process.returncode}); see {self.log}", file=sys.stderr, end="")
        lines = self.stdout_path.read_text(encoding="utf-8").strip().splitlines()
        if lines and lines[-1].startswith("{") and not outcome:
            outcome = json.loads(lines[-1])
        return {
            **outcome,
            "wall_seconds": wall,
            "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_rss": self.sampler.peak,
            "load_average": [self.load_before, os.getloadavg()[0]],
        }


def finished(step: dict | None) -> dict | None:
    """The step's results if it ran to the end, else None (a failed or stopped step decides nothing)."""
    return None if step is None or "failed" in step or "stopped_after" in step else step


# --- one corpus size ---------------------------------------------------------------------------


@dataclass
class Project:
    """A throwaway site project for one corpus size: mkdocs.yml, seeds/, docs/, the caches."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    def create(
        self, size: int, random_seed: int, keep_cache: bool = False, workers: int = 1
    ) -> None:
        """A new project; `keep_cache`: with the caches of the last one of this size (the
        corpus is made again byte for byte, so its briefs are still good) but for MkDocs' page
        caches, so that `mkdocs build` is still a first build."""
        kept = self.root.parent / f".{self.root.name}-cache"
        if keep_cache and (self.root / "cache").exists():
            shutil.rmtree(kept, ignore_errors=True)
            (self.root / "cache").rename(kept)
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        if kept.exists():
            kept.rename(self.root / "cache")
            # The plugin's caches of what MkDocs made (pages, outputs, search shards): a first build
            for name in ("pages", "outputs", "search"):
                for pages in (self.root / "cache").glob(f"*/{name}"):
                    shutil.rmtree(pages)
        make_corpus(size, self.seeds, random_seed=random_seed)
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        data = read_config(config)
        for entry in data["plugins"]:
            if isinstance(entry, dict) and "briefing" in entry:
                entry["briefing"].update(workers=workers, cache_dir="cache/one")
        self.config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        self.reset_docs("docs")

    def reset_docs(self, name: str) -> Path:
        """An empty docs folder (the generator writes the pages and the site's assets)."""
        docs = self.root / name
        if docs.exists():
            shutil.rmtree(docs)
        docs.mkdir(parents=True)
        return docs

    def edit_one_seed(self) -> str:
        self.edited = edit_one_seed(self.seeds)
        return self.edited


def bench_step(name: str, *arguments: str) -> list[str]:
    """The command of one `bench.step` step."""
    return [sys.executable, "-m", "bench.step", name, *arguments]


def generator_step(project: Project, *extra: str) -> list[str]:
    return bench_step("generate", "--config", str(project.config), *extra)


def step_commands(project: Project, donor: Path | None) -> dict[str, Callable[[], list[str]]]:
    """For each step, what prepares it (an edit, an empty docs folder) and returns its command."""
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    config = str(project.config)

    def edit() -> list[str]:
        project.edit_one_seed()
        return generator_step(project)

    def mkdocs_edit() -> list[str]:
        project.edit_one_seed()
        return [mkdocs, "build", "--quiet", "--config-file", config]

    def cold2() -> list[str]:
        docs = project.reset_docs("docs-two")
        cache = project.root / "cache" / "two"
        return generator_step(
            project, "--workers", "2", "--cache-dir", str(cache), "--docs-dir", str(docs)
        )

    return {
        RECYCLE: lambda: bench_step(RECYCLE, "--config", config, "--donor", str(donor)),
        "cold": lambda: generator_step(project),
        "warm": lambda: generator_step(project),
        "edit": edit,
        # edits (another word of) the same seed, inside one process
        "serve": lambda: bench_step("serve", "--config", config),
        "mkdocs": lambda: [mkdocs, "build", "--quiet", "--config-file", config],
        "mkdocs-edit": mkdocs_edit,
        "site": lambda: bench_step("mkdocs-serve", "--config", config),
        "site-dirty": lambda: bench_step("mkdocs-serve", "--config", config, "--dirty"),
        "floor": lambda: bench_step("floor", "--seeds", str(project.seeds)),
        "cold2": cold2,
    }


def run_size(
    size: int,
    steps: list[str],
    workdir: Path,
    random_seed: int,
    donor: Path | None = None,
    timeouts: dict[str, float] | None = None,
    together: frozenset[str] = frozenset(),
    keep_cache: bool = False,
    workers: int = 1,
) -> dict:
    """Run `steps` on a fresh corpus of `size` articles, in their fixed order; the steps named in
    `together` all start at the first one's turn and run at the same time (one core each)."""
    project = Project(workdir / f"n{size}")
    print(f"## N = {size}: writing the corpus into {project.root}", file=sys.stderr, flush=True)
    project.create(size, random_seed, keep_cache, workers)
    logs = project.root / "logs"
    logs.mkdir()
    commands = step_commands(project, donor)
    timeouts = timeouts or {}

    def timeout_of(name: str) -> float | None:
        return timeouts.get(name, timeouts.get(""))

    results: dict[str, dict] = {}
    for name in (RECYCLE, *STEPS):
        if name not in steps or name in results:
            continue
        group = [other for other in (RECYCLE, *STEPS) if other in together and other in steps]
        group = group if name in group else [name]
        print(f"   {' + '.join(group)} …", file=sys.stderr, end="", flush=True)
        running = {
            member: RunningStep(
                commands[member](), project.root, logs / f"{member}.log", timeout_of(member)
            )
            for member in group
        }
        for member, process in running.items():
            results[member] = process.finish()
            if len(group) > 1:
                results[member]["together_with"] = [other for other in group if other != member]
        for edited in {"edit", "mkdocs-edit"} & set(group):
            results[edited]["edited"] = project.edited
        seconds = ", ".join(f"{results[member]['wall_seconds']:.1f} s" for member in group)
        print(f" {seconds}", file=sys.stderr, flush=True)
    return {"size": size, "workers": workers, "steps": results}


# --- judging and reporting ---------------------------------------------------------------------


def judge(size: int, steps: dict[str, dict]) -> list[tuple[str, str, str]]:
    """(target, measured, PASS/FAIL) for each target that the measured steps can decide."""
    verdicts = []
    cold, warm, edit = (finished(steps.get(name)) for name in ("cold", "warm", "edit"))
    serve, floor, cold2 = (finished(steps.get(name)) for name in ("serve", "floor", "cold2"))

    def verdict(passed: bool) -> str:
        return "PASS" if passed else "FAIL"

    # With --workers, cold ran on several processes: no one-process figure to judge.
    single = cold if cold and cold.get("workers", 1) == 1 else None
    if single and floor:
        ratio = single["seconds"] / floor["seconds"]
        cpu_ratio = single["cpu_seconds"] / floor["cpu_seconds"]
        verdicts.append(("(info) overhead in CPU time, whole processes", f"{cpu_ratio:.2f}×", ""))
        verdicts.append(
            (
                f"overhead over bare nlp.pipe ≤ {MAX_OVERHEAD}×",
                f"{ratio:.2f}×",
                verdict(ratio <= MAX_OVERHEAD),
            )
        )
    if single and cold2:
        speedup = single["seconds"] / cold2["seconds"]
        decided = verdict(speedup >= MIN_SPEEDUP) if size == 1000 else "(info: decided at N=1000)"
        verdicts.append((f"2 workers ≥ {MIN_SPEEDUP}× faster than 1", f"{speedup:.2f}×", decided))
    if cold and warm:
        share = warm["seconds"] / cold["seconds"]
        passed = warm["analysed"] == 0 and share <= MAX_WARM_SHARE
        verdicts.append(
            (
                f"warm re-analyses 0, ≤ {MAX_WARM_SHARE:.0%} of cold",
                f"{warm['analysed']} re-analysed, {share:.1%}",
                verdict(passed),
            )
        )
    if edit:
        verdicts.append(
            (
                "(info) one edit in a fresh process re-analyses exactly 1",
                f"{edit['analysed']} re-analysed, {edit['seconds']:.2f} s",
                verdict(edit["analysed"] == 1),
            )
        )
    if serve:  # the scenario: a long-lived `mkdocs serve` process
        seconds = serve["seconds"]
        passed = serve["analysed"] == 1 and (size != 1000 or seconds <= MAX_EDIT_SECONDS)
        suffix = "" if size == 1000 else " (time decided at N=1000)"
        verdicts.append(
            (
                f"one edit under serve re-analyses exactly 1, ≤ {MAX_EDIT_SECONDS:g} s",
                f"{serve['analysed']} re-analysed, {serve['rendered']} pages re-rendered, "
                f"{seconds:.2f} s",
                verdict(passed) + suffix,
            )
        )
    for name in ("site", "site-dirty"):
        if site := finished(steps.get(name)):
            verdicts.append(
                (
                    f"(info) {'`mkdocs serve --dirty`' if site['dirty'] else '`mkdocs serve`'}: "
                    "one edit until the browsers reload",
                    f"{site['seconds']:.2f} s (MkDocs {site['mkdocs_built_in']} s), "
                    f"{site['builds_after_edit']} build(s), page updated: {site['page_updated']}",
                    "",
                )
            )
    generating = [
        step
        for name, step in steps.items()
        if name not in ("mkdocs", "mkdocs-edit", "site", "site-dirty")
    ]
    if size >= 10000 and generating:
        peak = max(step["peak_rss"] for step in generating)
        verdicts.append(
            (
                f"peak memory of the generator ≤ {MAX_PEAK_BYTES / GB:g} GB",
                f"{peak / GB:.2f} GB",
                verdict(peak <= MAX_PEAK_BYTES),
            )
        )
    for name in ("mkdocs", "mkdocs-edit"):
        if name not in steps:
            continue
        mkdocs = steps[name]
        state = "" if finished(mkdocs) else " (peak so far: the step did not finish)"
        what = "`mkdocs build`" + (" after one edit" if name == "mkdocs-edit" else "")
        verdicts.append(
            (f"(info) peak memory of {what}", f"{mkdocs['peak_rss'] / GB:.2f} GB{state}", "")
        )
    return verdicts


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def markdown(result: dict) -> str:
    size, steps = result["size"], result["steps"]
    floor = finished(steps.get("floor"))
    tokens = floor["tokens"] if floor else None
    lines = [
        f"### N = {size}"
        + (f" ({floor['words']:,} words, {tokens:,} spaCy tokens)" if floor else ""),
        "",
        "| step | generator s | process s | CPU s | re-analysed | articles/s | peak RSS, tree | peak RSS, main |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    names = {
        "cold": f"cold, {plural(result.get('workers', 1), 'process', 'processes')} (empty cache)",
        "warm": "warm, nothing changed",
        "edit": "one seed edited (fresh process)",
        "serve": "one seed edited, rebuilt in the serving process",
        "mkdocs": "`mkdocs build` (plugin runs the generator warm)",
        "mkdocs-edit": "`mkdocs build` after one seed edited (a fresh process, caches warm)",
        "site": "`mkdocs serve`: one seed edited, until the browsers reload",
        "site-dirty": "`mkdocs serve --dirty`: one seed edited, until the browsers reload",
        "floor": "floor: bare `nlp.pipe` (load + pipe)",
        "cold2": "cold, 2 worker processes",
        RECYCLE: "cache filled with recycled briefs (not a cold run)",
    }
    for name in (RECYCLE, *STEPS):
        if name not in steps:
            continue
        step = steps[name]
        label = names[name]
        if step.get("together_with"):
            label += f" (at the same time as {', '.join(step['together_with'])})"
        if not finished(step):
            why = (
                f"stopped after {step['stopped_after']:g} s"
                if "stopped_after" in step
                else f"failed ({step['failed']})"
            )
            lines.append(
                f"| {label} | {why} | {step['wall_seconds']:.2f} | {step['cpu_seconds']:.1f} "
                f"|  |  | {step['peak_rss'] / 2**20:,.0f} MiB |  |"
            )
            continue
        seconds = step.get("seconds", step["wall_seconds"])
        analysed = step.get("analysed", step.get("texts", ""))
        rate = f"{size / seconds:.1f}" if name in ("cold", "cold2", "floor") else ""
        main = step.get("peak_rss_self")
        main_text = f"{main / 2**20:,.0f} MiB" if main else ""
        lines.append(
            f"| {label} | {seconds:.2f} | {step['wall_seconds']:.2f} | {step['cpu_seconds']:.1f} "
            f"| {analysed} | {rate} "
            f"| {step['peak_rss'] / 2**20:,.0f} MiB | {main_text} |"
        )
    if floor:
        lines.append("")
        lines.append(
            f"Floor: spaCy load {floor['load_seconds']:.2f} s, `nlp.pipe` (batch_size={floor['batch_size']}) "
            f"{floor['pipe_seconds']:.2f} s "
            f"({floor['tokens'] / floor['pipe_seconds']:,.0f} tokens/s). Of the articles' "
            f"{floor['paragraphs']:,} paragraphs, {floor['repeated_in_batch']:,} "
            f"({floor['repeated_in_batch'] / max(floor['paragraphs'], 1):.1%}) repeat one of "
            "their batch of articles, which the generator parses once."
        )
    loads = [load for step in steps.values() for load in step["load_average"]]
    lines.append("")
    lines.append(
        f"Machine load (1-minute average) around the steps: {min(loads):.1f}–{max(loads):.1f} "
        f"on {os.cpu_count()} cores; above the core count, wall times stretch (compare CPU s)."
    )
    lines += ["", "| target | measured | result |", "| --- | --- | --- |"]
    lines += [
        f"| {target} | {value} | {outcome} |" for target, value, outcome in result["verdicts"]
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes, comma-separated")
    parser.add_argument(
        "--steps", default="all", help=f"steps to run, comma-separated: {', '.join(STEPS)}"
    )
    parser.add_argument("--workdir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--random-seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--step-timeout",
        action="append",
        default=[],
        metavar="[STEP=]SECONDS",
        help="stop a step after this many seconds and record it as stopped; STEP=SECONDS for one "
        "step (e.g. --step-timeout 1200 --step-timeout cold=5400 at 10,000)",
    )
    parser.add_argument(
        "--donor",
        type=Path,
        help=f"with --steps {RECYCLE},…: the cache_dir of a smaller cold run whose briefs fill "
        "the cache, for sizes too large to analyse cold (e.g. WORKDIR/n1000/cache/one)",
    )
    parser.add_argument(
        "--together",
        default="",
        help="steps to run at the same time, one core each, comma-separated (e.g. cold,floor at "
        "10,000, where each takes about an hour)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="analysis processes of the project's steps (cold, warm, edit, serve, mkdocs); "
        "with more than 1, cold is not judged against the floor",
    )
    parser.add_argument(
        "--keep-cache",
        action="store_true",
        help="keep each size's caches from the last run (so steps after cold can run alone)",
    )
    args = parser.parse_args(argv)
    together = frozenset(filter(None, args.together.split(",")))
    timeouts = {
        name: float(seconds)
        for name, _, seconds in (entry.rpartition("=") for entry in args.step_timeout)
    }
    steps = list(STEPS) if args.steps == "all" else args.steps.split(",")
    if args.keep_cache and {"cold", "cold2"} & set(steps):
        parser.error("--keep-cache: cold steps need an empty cache")
    if RECYCLE in steps and not args.donor:
        parser.error(f"--steps {RECYCLE} needs --donor")
    unknown = (set(steps) | together | set(timeouts) - {""}) - {*STEPS, RECYCLE}
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    report = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "results": [],
    }
    for size in (int(text) for text in args.sizes.split(",")):
        result = run_size(
            size,
            steps,
            args.workdir,
            args.random_seed,
            args.donor,
            timeouts,
            together,
            args.keep_cache,
            args.workers,
        )
        result["verdicts"] = judge(size, result["steps"])
        report["results"].append(result)
        print(markdown(result), flush=True)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
