"""A key with `+ / =` in it: never in the log (debug included), the cache, or what the wall shows."""

import subprocess
import sys

from tests.conftest import free_port

KEY = "k+Ey/9=Zq"
FORMS = (KEY, "k%2BEy%2F9%3DZq", "k%2BEy/9%3DZq", "k+Ey%2F9%3DZq")


def test_a_key_with_url_special_characters_is_never_written_anywhere(tmp_path):
    port = free_port()
    config = tmp_path / "config.toml"
    config.write_text(f"""[cache]\npath = "{tmp_path / 'c.sqlite3'}"
[simulator]\nport = {port}\napi_key = "{KEY}"\ncameras = false\nscripted_outages = false
[[feeds]]\nid = "air"\nkind = "seoul_air"\n[feeds.options]\nbase_url = "http://127.0.0.1:{port}"\napi_key = "{KEY}"
[[feeds]]\nid = "roads"\nkind = "seoul_accidents"\n[feeds.options]\nbase_url = "http://127.0.0.1:{free_port()}"
api_key = "{KEY}"\ntimeout_s = 1.0\n""")
    poll = subprocess.run([sys.executable, "-m", "kiosk.cli", "-v", "poll", "--once", "--config", str(config)],
                          capture_output=True, text=True, timeout=60)
    assert "air          ok" in poll.stdout and "roads        FAILED" in poll.stdout  # roads: nobody listens
    assert "GET /***/json/RealtimeCityAir/1/1000" in poll.stderr  # urllib3's debug line, masked
    show = subprocess.run([sys.executable, "-m", "kiosk.cli", "cache", "show", "--json", "--config", str(config)],
                          capture_output=True, text=True, timeout=60)
    assert "cannot connect" in show.stdout
    written = poll.stdout + poll.stderr + show.stdout + (tmp_path / "c.sqlite3").read_bytes().decode(errors="replace")
    assert not [form for form in FORMS if form in written]
