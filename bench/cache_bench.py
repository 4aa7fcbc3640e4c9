"""Cache ingest rate and trend-query speed at 30 days of hourly history for 25 stations.

Target (issue 2): the 24 h trend query <= 20 ms. Run: .venv/bin/python bench/cache_bench.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from feeds.base import FeedResult  # noqa: E402
from feeds.districts import DISTRICTS  # noqa: E402
from feeds.records import AirReading  # noqa: E402
from kiosk.cache import CacheReader, CacheWriter  # noqa: E402

DAYS = 30


def fill(path: Path, end: datetime) -> tuple[float, int]:
    """One result per hour of 25 readings, as the real feed delivers; return seconds and rows."""
    writer = CacheWriter(path, retention_days=DAYS + 1)
    writer.start()
    hours = DAYS * 24
    started = time.perf_counter()
    for h in range(hours):
        at = end - timedelta(hours=hours - h)
        rows = tuple(AirReading(d, at, pm10=30.0 + (h + i) % 50, pm25=15.0 + (h * i) % 30, grade="보통")
                     for i, d in enumerate(DISTRICTS))
        writer.submit_result("air", FeedResult(rows, at), at)
    writer.flush()
    took = time.perf_counter() - started
    writer.stop()
    return took, hours * len(DISTRICTS)


def timed(fn, runs: int = 200) -> tuple[float, float]:
    """Median and max in milliseconds."""
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def main() -> dict[str, str]:
    end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        took, rows = fill(path, end)
        with CacheReader(path) as reader:
            since = end - timedelta(hours=24)
            results = {
                "history rows": f"{reader.count(AirReading, 'air'):,}",
                "ingest": f"{rows / took:,.0f} rows/s ({DAYS * 24 / took:,.0f} fetch results/s)",
                "24 h trend, Seoul mean": "median %.2f ms, max %.2f ms" % timed(lambda: reader.air_trend("air", since)),
                "24 h trend, one district": "median %.2f ms, max %.2f ms" % timed(
                    lambda: reader.air_trend("air", since, station="중구")),
                "latest readings (25)": "median %.2f ms, max %.2f ms" % timed(lambda: reader.latest("air", AirReading)),
            }
    for key, value in results.items():
        print(f"{key:<28} {value}")
    return results


if __name__ == "__main__":
    main()
