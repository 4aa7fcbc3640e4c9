"""What wall tests share: a config with the simulator off, the cache in the test's folder, no air panel
and the feeds a test names; and fetching one feed now."""

import json


def feeds_config(tmp_path, feeds, extra=""):
    """config.toml with `feeds` as (id, kind, {option: value}), polled hourly (tests fetch when they want)."""
    tables = "".join(f'\n[[feeds]]\nid = "{feed_id}"\nkind = "{kind}"\ninterval_s = 3600\n[feeds.options]\n'
                     + "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in options.items())
                     for feed_id, kind, options in feeds)
    path = tmp_path / "config.toml"
    path.write_text(f'[cache]\npath = "{tmp_path / "cache.sqlite3"}"\n[simulator]\nenabled = false\n'
                    f'[panels]\nair = ""\n{extra}{tables}', encoding="utf-8")
    return path


def fetch_now(qtbot, app, feed_id, times=1):
    """Poll the feed `times` times, each after the last has come back."""
    coordinator = next(c for c in app.runtime.scheduler.coordinators if c.config.id == feed_id)
    for _ in range(times):
        qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=8000)
        coordinator.fetch_now()
        qtbot.waitUntil(lambda: not coordinator._in_flight, timeout=8000)
