"""Helpers of the bench scripts: run a command and measure its wall time and peak memory."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
AUDITOR = [sys.executable, "-m", "auditor"]


@dataclass
class Run:
    """What one command did: its exit code, wall time and peak resident memory."""

    code: int
    seconds: float
    cpu: float  # user + system seconds of the process and its children
    peak_mb: float  # the most the process and its children held at once (sampled sum)
    stdout: bytes
    # the same of their proportional set size: a page that processes share (a worker's
    # copy-on-write pages inherited at fork, the libraries) counts once, split between them;
    # the sum of resident sizes counts it in each
    peak_pss_mb: float = 0.0


def _tree_kb(root: int, pss: bool = True) -> tuple[int, int]:
    """Resident memory of `root` and all its descendants, and (`pss`) their proportional set
    size (/proc/PID/smaps_rollup; 0 where the kernel has none or not asked), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    total = proportional = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        proportional += _pss_kb(pid) if pss else 0
        todo.extend(children.get(pid, []))
    return total, proportional


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `cmd`, sampling the memory of its process tree every 20 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    peak = peak_pss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        samples = 0
        while not done.wait(0.02):
            # the proportional sizes every 10th time: reading them walks each process's page
            # tables, which would take a core's time from the processes measured
            samples += 1
            rss, pss = _tree_kb(proc.pid, pss=samples % 10 == 1)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate(stdin)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(proc.returncode, seconds, cpu, peak / 1024, out, peak_pss / 1024)


def cores() -> int:
    return len(os.sched_getaffinity(0))
