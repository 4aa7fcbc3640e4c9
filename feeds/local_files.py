"""Reading the files operators keep, bounded like the HTTP replies: regular files only, a size cap, a deadline.

A FIFO put where a file should be would block `open` for ever, and a hung network mount blocks `stat`, `open`
and `read` alike. So each read runs on its own short-lived thread that the caller waits for at most
`timeout_s`; a FIFO, device or folder is refused before it is opened (stat first, then open with O_NONBLOCK,
so one swapped in between cannot block either, and fstat again). A read past its deadline keeps its thread
until the mount answers; until then a new read of the same path fails at once instead of adding threads.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
import tomllib
from pathlib import Path
from typing import Callable, TypeVar

DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_TIMEOUT_S = 10.0
CHUNK_BYTES = 1 << 16
Result = TypeVar("Result")

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
_STUCK: set[str] = set()  # paths whose read has outlived its deadline and still not answered
_STUCK_LOCK = threading.Lock()


def read_bytes(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, timeout_s: float = DEFAULT_TIMEOUT_S) -> bytes:
    """The whole file: OSError when it cannot be read (not a regular file, no answer in time), ValueError
    (its message says what is wrong) when it is larger than `max_bytes`."""
    path = Path(path)
    body = within(timeout_s, path, lambda: _read(path, max_bytes))
    if len(body) > max_bytes:
        raise ValueError(f"larger than {_size(max_bytes)}")
    return body


def read_text(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, encoding: str = "utf-8",
              timeout_s: float = DEFAULT_TIMEOUT_S) -> str:
    """`read_bytes` decoded; ValueError when it is not text in `encoding`."""
    body = read_bytes(path, max_bytes, timeout_s)
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_toml(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, timeout_s: float = DEFAULT_TIMEOUT_S) -> dict:
    """`read_text` parsed as TOML; ValueError also when it is not valid TOML."""
    try:
        return tomllib.loads(read_text(path, max_bytes, timeout_s=timeout_s))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"not valid TOML: {exc}") from None


def within(timeout_s: float, path: Path, work: Callable[[], Result]) -> Result:
    """`work()` (which reads `path`) on its own thread, its result or its error; OSError(ETIMEDOUT) when it
    has not answered in `timeout_s`, or when an earlier read of `path` still has not."""
    key = str(path)
    with _STUCK_LOCK:
        if key in _STUCK:
            raise OSError(errno.ETIMEDOUT, "an earlier read of it has still not answered (a hung mount?)", key)
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 (handed to the caller's thread)
            outcome["error"] = exc
        finally:
            with _STUCK_LOCK:
                outcome["done"] = True
                _STUCK.discard(key)

    worker = threading.Thread(target=run, name=f"read {path.name}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    with _STUCK_LOCK:
        if "done" not in outcome:
            _STUCK.add(key)
            raise OSError(errno.ETIMEDOUT, f"no answer within {timeout_s:g} s (a hung mount?)", key)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _read(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes` + 1 bytes of a regular file (one more says it is larger)."""
    _regular(os.stat(path).st_mode, path)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        _regular(os.fstat(descriptor).st_mode, path)
        chunks, left = [], max_bytes + 1
        while left > 0 and (chunk := os.read(descriptor, min(CHUNK_BYTES, left))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def _regular(mode: int, path: Path) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "something else")
        raise OSError(errno.EINVAL, f"not a regular file but {kind}", str(path))


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count // 1000:,} kB"
