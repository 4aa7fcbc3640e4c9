"""Operator files are read bounded: regular files only (a FIFO is refused before it can block), a size
cap, a deadline (a read that hangs, like one on a hung network mount, is given up and not repeated)."""

import errno
import os
import threading
import time

import pytest

from feeds.local_files import read_bytes, read_text, read_toml, within


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('name = "서울"\n', encoding="utf-8")
    assert read_bytes(path) == path.read_bytes()
    assert read_toml(path) == {"name": "서울"}


def test_a_fifo_is_refused_at_once_without_a_writer(tmp_path):
    fifo = tmp_path / "calls.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(OSError, match="not a regular file but a FIFO") as raised:
        read_bytes(fifo, timeout_s=30)
    assert time.monotonic() - started < 5 and raised.value.filename == str(fifo)


def test_a_folder_or_a_device_is_refused(tmp_path):
    folder = tmp_path / "project.toml"
    folder.mkdir()
    with pytest.raises(OSError, match="not a regular file but a folder"):
        read_text(folder)
    with pytest.raises(OSError, match="not a regular file but a device"):
        read_bytes("/dev/zero")  # would read for ever


def test_a_file_over_the_cap_is_refused_with_the_cap(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2_000_001)
    with pytest.raises(ValueError, match="larger than 2 MB"):
        read_bytes(path, max_bytes=2_000_000)
    assert len(read_bytes(path, max_bytes=2_000_001)) == 2_000_001
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"caf\xe9")
    with pytest.raises(ValueError, match="not UTF-8 text"):
        read_text(latin1)


def test_a_read_that_hangs_is_given_up_at_its_deadline_and_not_repeated(tmp_path):
    """A blocking open of a FIFO stands in for a hung mount: the same kind of call that never returns."""
    fifo = tmp_path / "hung"
    os.mkfifo(fifo)

    def hang() -> bytes:
        with open(fifo, "rb") as handle:  # blocks until a writer opens it
            return handle.read()

    started = time.monotonic()
    with pytest.raises(OSError, match="no answer within 0.5 s") as raised:
        within(0.5, fifo, hang)
    assert raised.value.errno == errno.ETIMEDOUT and time.monotonic() - started < 5
    with pytest.raises(OSError, match="an earlier read of it has still not answered"):
        within(30, fifo, hang)  # refused at once: no second thread stuck on the same file
    with open(fifo, "wb") as writer:  # the "mount" answers: the stuck thread ends
        writer.write(b"late")
    deadline = time.monotonic() + 30
    while any(t.name == "read hung" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    tmp_path.joinpath("hung").unlink()
    tmp_path.joinpath("hung").write_bytes(b"now a file")
    assert read_bytes(fifo) == b"now a file"  # and the file can be read again


def test_reads_of_one_file_at_the_same_time_are_not_taken_for_a_hung_one(tmp_path):
    path, release, results = tmp_path / "contacts.toml", threading.Event(), []

    def slow() -> str:
        release.wait(30)
        return "read"

    def reader() -> None:
        results.append(within(30, path, slow))

    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in readers:
        thread.start()
    release.set()
    for thread in readers:
        thread.join(30)
    assert results == ["read", "read"]
