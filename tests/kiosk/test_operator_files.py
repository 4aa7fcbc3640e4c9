"""A FIFO where an operator's file should be (the 120 calls file, a project.toml) does not hang `kiosk poll
--once` or `kiosk check-config`: both finish, naming the file and what is wrong with it (real processes).
A misread CSV fails its feed and the last good figures stay in the cache. check-config opens every document."""

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from feeds.base import get_feed
from feeds.contacts import ContactsError, load_contacts
from feeds.projects import SAMPLES
from feeds.startup_indicators import SAMPLE, IndicatorOptions, StartupIndicator
from kiosk import cli
from kiosk.cache import CacheReader, CacheWriter
from kiosk.config import ConfigError, load_config
from kiosk.fetching import fetch_once, store_outcome

ROOT = Path(__file__).parents[2]


def fifo_config(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A config whose 120 calls file and one project.toml are FIFOs nobody writes to."""
    calls = tmp_path / "calls.json"
    os.mkfifo(calls)
    project = tmp_path / "projects" / "seoullo"
    project.mkdir(parents=True)
    os.mkfifo(project / "project.toml")
    config = tmp_path / "config.toml"
    config.write_text(f"""
[cache]
path = "{tmp_path / 'cache.sqlite3'}"
[simulator]
enabled = false
[panels]
air = ""
[[feeds]]
id = "calls"
kind = "calls_120"
[feeds.options]
file = "{calls}"
[[feeds]]
id = "projects"
kind = "projects"
[feeds.options]
folder = "{tmp_path / 'projects'}"
""", encoding="utf-8")
    return config, calls, project / "project.toml"


def kiosk(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_check_config_names_each_fifo_and_finishes(tmp_path):
    config, calls, project_toml = fifo_config(tmp_path)
    done = kiosk("check-config", str(config))
    assert done.returncode == 1, done.stderr
    assert f"feeds[calls]: cannot read {calls} (not a regular file but a FIFO (named pipe))" in done.stderr
    assert f"feeds[projects]: {project_toml.parent}/project.toml: cannot read (not a regular file but a FIFO" \
        in done.stderr


def test_poll_once_fails_the_fifo_feed_and_reads_the_rest(tmp_path):
    config, calls, _ = fifo_config(tmp_path)
    done = kiosk("poll", "--once", "--config", str(config))
    lines = {line.split()[0]: line for line in done.stdout.splitlines()}
    assert done.returncode == 1, done.stderr
    assert f"FAILED  unavailable: cannot read {calls} (not a regular file but a FIFO" in lines["calls"]
    assert " ok " in lines["projects"]  # the broken folder is a problem record, shown on the wall


def test_config_toml_and_the_contacts_file_as_fifos_are_refused_at_once(tmp_path):
    for name in ("config.toml", "contacts.toml"):
        os.mkfifo(tmp_path / name)
    with pytest.raises(ConfigError, match="cannot read the file \\(not a regular file but a FIFO"):
        load_config(tmp_path / "config.toml")
    with pytest.raises(ContactsError, match="cannot read the file \\(not a regular file but a FIFO"):
        load_contacts(tmp_path / "contacts.toml")


def test_a_csv_misread_by_a_stray_quote_keeps_the_last_good_figures(tmp_path):
    writer = CacheWriter(tmp_path / "cache.sqlite3", retention_days=400)
    writer.start()
    feed, path = get_feed("startup_indicators"), tmp_path / "indicators.csv"
    try:
        path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
        for minute, text in enumerate((path.read_text(encoding="utf-8"),
                                       path.read_text(encoding="utf-8").replace("850,", '"850,', 1))):
            path.write_text(text, encoding="utf-8")
            at = datetime(2026, 12, 7, 6, minute, tzinfo=timezone.utc)
            store_outcome(writer, fetch_once("startups", feed, IndicatorOptions(file=str(path)), None, at), at)
        writer.flush()
    finally:
        writer.stop()
    with CacheReader(writer.path) as reader:
        status = reader.statuses()["startups"]
        assert len(reader.latest("startups", StartupIndicator)) == 144
    assert status.error_kind == "format" and "143 of 144 rows could not be read, the first at line 3" in status.last_error


def test_check_config_opens_every_document_and_names_a_damaged_one(tmp_path, capsys):
    folder = tmp_path / "projects"
    shutil.copytree(SAMPLES / "seoullo-7017", folder / "seoullo-7017")
    config = tmp_path / "config.toml"
    config.write_text(f'[panels]\nair = ""\n[[feeds]]\nid = "projects"\nkind = "projects"\n'
                      f'[feeds.options]\nfolder = "{folder}"\n', encoding="utf-8")
    assert cli.main(["check-config", str(config)]) == 0
    document = folder / "seoullo-7017" / "사업개요서.pdf"
    body = bytearray(document.read_bytes())
    middle = body.index(b"17 0 obj")  # page 2's dictionary, in the middle of the file
    body[middle:middle + 120] = bytes(120)
    document.write_bytes(bytes(body))
    capsys.readouterr()
    assert cli.main(["check-config", str(config)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: feeds[projects]: {document}: page 2 draws nothing (damaged)"]
