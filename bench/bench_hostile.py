"""Time and peak memory of refusing each hostile file, beside importing a normal file.

Each case runs in a fresh process (`diplomap import` on a fresh embedded store) so that its
peak memory (``ru_maxrss`` of the child) is its own. The baseline imports a normal CSV of
about the same size as the largest hostile file. Figures go to bench/results/hostile.md::

    .venv/bin/python bench/bench_hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_hostile_input import CASES  # noqa: E402

#: Runs `diplomap import`, then writes the process's own peak RSS (KiB, VmHWM: unlike
#: ru_maxrss it does not carry the parent's peak across fork and exec) to a file.
CHILD = (
    "import atexit, sys\n"
    "out = sys.argv.pop(1)\n"
    "def peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            open(out, 'w').write(line.split()[1])\n"
    "atexit.register(peak)\n"
    "from cli.main import main\n"
    "main()\n"
)


def run(path: Path, data_dir: Path) -> tuple[float, int, int, str]:
    env = {**os.environ, "DIPLOMAP_DATA_DIR": str(data_dir), "DIPLOMAP_BACKEND": "embedded"}
    rss_file = data_dir.with_suffix(".rss")
    cmd = [sys.executable, "-c", CHILD, str(rss_file), "import", str(path)]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - start
    peak = int(rss_file.read_text()) if rss_file.exists() else 0
    lines = [ln for ln in (done.stderr + done.stdout).strip().splitlines() if ln.strip()]
    first = next((ln for ln in lines if "rror" in ln), lines[0] if lines else "")
    return seconds, peak // 1024, done.returncode, first.strip()[:100]


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        normal = folder / "cities.csv"
        with normal.open("w", encoding="utf-8") as fh:
            fh.write("name,country,population\n")
            for i in range(60_000):
                fh.write(f"Normalkent {i},TR,{1000 + i}\n")
        cases = [("baseline: normal CSV, 60,000 cities", normal)]
        for name, (file_name, make, _) in sorted(CASES.items()):
            path = folder / name.replace(" ", "-") / file_name
            path.parent.mkdir()
            path.write_bytes(make())
            cases.append((name, path))
        for name, path in cases:
            seconds, mib, code, first = run(path, folder / ("data-" + name.replace(" ", "-")))
            size = path.stat().st_size
            rows.append((name, size, seconds, mib, code, first))
    lines = [
        "# Hostile input: time and peak memory of each refusal, beside a normal import",
        "",
        f"- Date: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}; {os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f}",
        "- Command: `.venv/bin/python bench/bench_hostile.py` (each case a fresh `diplomap import`"
        " process; peak RSS is that process's own high-water mark (VmHWM); a process that only starts the"
        " CLI uses about 60 MiB)",
        "",
        "| case | file size | seconds | peak RSS MiB | exit | first line of the answer |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, size, seconds, mib, code, first in rows:
        lines.append(
            f"| {name} | {size / 2**20:.2f} MiB | {seconds:.2f} | {mib} | {code} | "
            f"{first.replace('|', '/')} |"
        )
    out = ROOT / "bench" / "results" / "hostile.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
