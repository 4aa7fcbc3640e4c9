"""Cyclic garbage is collected on the GUI thread while the wall runs, never on a worker's."""

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from kiosk.app.collector import MainThreadCollector


def _cyclic_qobject_garbage(died_on: list[str]) -> weakref.ref:
    obj = QObject()
    obj.itself = obj  # only the cyclic collector can free it
    return weakref.ref(obj, lambda _ref: died_on.append(threading.current_thread().name))


def _allocate_on_a_worker() -> None:
    worker = threading.Thread(target=lambda: [[] for _ in range(50000)], name="worker")
    worker.start()
    worker.join()


def test_a_worker_allocating_no_longer_frees_qt_objects(qtbot):
    was_enabled = gc.isenabled()
    gc.enable()  # as in a plain interpreter: the worker's allocations would collect the garbage there
    collector = MainThreadCollector(interval_ms=50)
    collector.start()
    try:
        died_on: list[str] = []
        ref = _cyclic_qobject_garbage(died_on)
        _allocate_on_a_worker()
        assert ref() is not None and not gc.isenabled()
        kept = [[] for _ in range(gc.get_threshold()[0] + 1)]  # the wall allocates too: the youngest is due
        qtbot.waitUntil(lambda: ref() is None, timeout=5000)
        assert died_on == [threading.main_thread().name] and kept
    finally:
        collector.stop()
        assert gc.isenabled()  # given back as it was found
        if not was_enabled:
            gc.disable()


def test_the_oldest_generation_due_is_collected(monkeypatch):
    collected = []
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "collect", collected.append)
    for counts in ((10, 0, 0), (701, 3, 0), (701, 11, 2), (5, 0, 11)):
        monkeypatch.setattr(gc, "get_count", lambda counts=counts: counts)
        MainThreadCollector.collect()
    assert collected == [0, 1, 2]
