"""Child process for test_fetch_threads: the real fetch path, one feed fetched again and again.

argv: simulator URL, cache path, feed kind, fetch count. One worker thread, so every fetch
after the first lands on a reused pool thread. Prints one line per completed fetch; a crash
in a native library ends the process with a signal, which the test sees.
"""

import sys

from PySide6.QtCore import QCoreApplication, QTimer

from feeds.base import get_feed
from kiosk.cache import CacheWriter
from kiosk.config import FeedConfig
from kiosk.scheduler import FeedCoordinator
from kiosk.tasks import TaskRunner


def main(url: str, cache: str, kind: str, count: int) -> int:
    app = QCoreApplication([])
    writer = CacheWriter(cache, 30)
    writer.start()
    runner = TaskRunner(1)
    options = get_feed(kind).options(base_url=url, api_key="TESTKEY")
    coordinator = FeedCoordinator(FeedConfig(id="roads", kind=kind, interval_s=60, options=options),
                                  writer, runner)
    done = []
    original = coordinator._on_fetch_done

    def on_done(outcome):
        original(outcome)
        done.append(outcome)
        print(f"fetch {len(done)}: {'ok' if outcome.ok else outcome.error_kind} "
              f"{len(outcome.result.records) if outcome.ok else outcome.message}", flush=True)
        if len(done) == count:
            app.quit()
        else:
            QTimer.singleShot(50, coordinator.fetch_now)

    coordinator._on_fetch_done = on_done
    coordinator.fetch_now()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    coordinator.stop()
    runner.stop()
    writer.stop()
    return 0 if len(done) == count and all(o.ok for o in done) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
