"""The local SQLite cache: one writer thread, read-only readers, migrations at start-up."""

from kiosk.cache.reader import CacheReader
from kiosk.cache.writer import CacheWriter

__all__ = ["CacheReader", "CacheWriter"]
