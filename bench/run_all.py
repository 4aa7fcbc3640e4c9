"""Run every benchmark in its own process and print the figures for bench/RESULTS.md."""

import platform
import subprocess
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    cores = len([line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")])
    print(f"{date.today()} · {platform.platform()} · {cores} cores · Python {platform.python_version()}")
    for script in ("cache_bench.py", "wall_bench.py", "incident_bench.py", "traffic_bench.py", "living_bench.py",
                   "projects_bench.py", "calls_bench.py", "orders_bench.py", "cctv_bench.py", "call_cctv_bench.py",
                   "cctv_peers.py"):
        print(f"\n## {script}")
        subprocess.run([sys.executable, str(HERE / script)], check=True, stderr=subprocess.DEVNULL)
