"""`kiosk audit`, `kiosk cache show` and `kiosk poll` on a missing, empty, damaged, unreadable or read-only cache, and
into a closed pipe: one sentence and an exit code, never a traceback."""

import os
import subprocess
import sys

import pytest

from kiosk.cli import PIPE_CLOSED
from tests.conftest import free_port
from tests.kiosk.test_cache_recovery import read_only, written_cache
from tests.kiosk.test_wall import write_config


def kiosk(*args, stdout=subprocess.PIPE):
    """The real command in a child process."""
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120)


BROKEN = {
    "missing": lambda path: None,
    "empty": lambda path: path.write_bytes(b""),
    "damaged": lambda path: path.write_bytes(b"\0not a database: a disk error\n" * 300),
    "a directory": lambda path: path.mkdir(),
}


@pytest.mark.parametrize("command", [["audit"], ["audit", "--csv"], ["cache", "show"], ["cache", "show", "--json"]])
@pytest.mark.parametrize("broken", BROKEN)
def test_a_cache_that_cannot_be_read_gives_one_sentence_and_an_exit_code(tmp_path, command, broken):
    config = write_config(tmp_path, free_port())
    path = tmp_path / "cache.sqlite3"
    BROKEN[broken](path)
    run = kiosk(*command, "--config", str(config))
    assert run.returncode == 1 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and str(path) in run.stderr, run.stderr


def test_in_a_read_only_directory_the_cache_is_read_and_a_poll_says_it_cannot_write(tmp_path):
    config = write_config(tmp_path, free_port())
    path = written_cache(tmp_path / "cache.sqlite3", entries=2)
    with read_only(tmp_path, path):
        audit, show, poll = kiosk("audit", "--config", str(config)), kiosk("cache", "show", "--config", str(config)), \
            kiosk("poll", "--once", "--config", str(config))
    assert audit.returncode == 0 and len(audit.stdout.splitlines()) == 2 and "강동 지휘1호차" in audit.stdout
    assert show.returncode == 0 and "[air] last success" in show.stdout, show.stderr
    assert poll.returncode == 1 and poll.stdout == ""
    assert f"cannot use the cache {path}: unable to open database file" in poll.stderr
    assert "Traceback" not in audit.stderr + show.stderr + poll.stderr


@pytest.mark.parametrize("command", [["audit"], ["cache", "show"], ["poll", "--once"]])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path, command):
    """`kiosk cache show | head -1`: the reader has gone before the command writes."""
    config = write_config(tmp_path, free_port())
    written_cache(tmp_path / "cache.sqlite3", entries=3)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = kiosk(*command, "--config", str(config), stdout=write_end)
    finally:
        os.close(write_end)
    assert run.returncode == PIPE_CLOSED and "Error" not in run.stderr and "cannot" not in run.stderr, run.stderr
