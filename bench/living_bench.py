"""시민생활 (issue 11): the price history a year deep, and the 상수도 and 시민의견 reads, against a cache
filled as the simulator's feeds fill it.

Target: the price history query for a year <= 20 ms. Run: .venv/bin/python bench/living_bench.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.cache_bench import timed  # noqa: E402
from feeds.base import FeedResult, get_feed  # noqa: E402
from kiosk.app.domains.prices import HISTORY_MONTHS, read_prices  # noqa: E402
from kiosk.app.domains.voices import read_voices  # noqa: E402
from kiosk.app.domains.water import read_water  # noqa: E402
from kiosk.app.state import DomainKey, View  # noqa: E402
from kiosk.cache import CacheReader, CacheWriter  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.simulator.prices import price_rows  # noqa: E402
from feeds.seoul_prices import parse_rows, recent_months  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
READERS = {"물가 (13 months of quotes)": (read_prices, DomainKey.PRICES),
           "상수도": (read_water, DomainKey.WATER), "시민의견": (read_voices, DomainKey.VOICES)}


def fill_prices(writer: CacheWriter, now: datetime) -> int:
    """A year and a month of the simulator's survey (about 3,000 quotes a month), as monthly polls."""
    rows = 0
    for month in reversed(recent_months(now, HISTORY_MONTHS)):
        at = datetime.strptime(f"{month}-28", "%Y-%m-%d").replace(tzinfo=timezone.utc)
        quotes = tuple(parse_rows(tuple({k.upper(): v for k, v in r.items()} for r in price_rows(now, ["", "", month]))))
        writer.submit_result("prices", FeedResult(quotes, at), min(at, now))
        rows += len(quotes)
    return rows


def fill_simulated(writer: CacheWriter, config, now: datetime) -> None:
    """One poll of every other 시민생활 feed, from the simulator's documents through the real parsers."""
    from kiosk.simulator.server import SimulatorServer
    import requests
    server = SimulatorServer(port=config.simulator.port, api_key=config.simulator.api_key,
                             scripted_outages=False, rtsp_port=config.simulator.rtsp_port).start()
    try:
        for feed in config.feeds:
            if feed.enabled and feed.kind in ("tap_water", "seoul_river_quality", "seoul_water_supply",
                                              "complaint_keywords", "calls_120"):
                writer.submit_result(feed.id, get_feed(feed.kind).fetch(requests.Session(), feed.options, now), now)
    finally:
        server.stop()


def main() -> dict[str, str]:
    config = load_config(ROOT / "config.toml")
    now = datetime.now(timezone.utc)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite3"
        writer = CacheWriter(path, retention_days=30)
        writer.start()
        rows = fill_prices(writer, now)
        fill_simulated(writer, config, now)
        writer.flush()
        writer.stop()
        with CacheReader(path) as reader:
            results["price quotes stored"] = f"{rows:,}"
            since = recent_months(now, HISTORY_MONTHS)[-1]
            results["price history query, a year"] = "median %.2f ms, max %.2f ms" % timed(
                lambda: reader.price_history("prices", since))
            for name, (read, key) in READERS.items():
                results[f"read, {name}"] = "median %.2f ms, max %.2f ms" % timed(
                    lambda: read(reader, config, now, View(key)))
    for key, value in results.items():
        print(f"{key:<34} {value}")
    return results


if __name__ == "__main__":
    main()
