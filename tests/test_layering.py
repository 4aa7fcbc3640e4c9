"""DESIGN §3: feeds imports neither Qt, SQLite nor the app; widgets never imports kiosk."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "feeds": ("PySide6", "shiboken6", "pyqtgraph", "sqlite3", "sqlite_utils", "kiosk", "widgets"),
    "widgets": ("kiosk", "sqlite3", "sqlite_utils", "requests"),
}


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layering(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    bad = {f"{f.relative_to(ROOT)} imports {name}" for f in files for name in imports_of(f)
           if name.split(".")[0] in FORBIDDEN[package]}
    assert not bad


@pytest.mark.parametrize("module", ["kiosk.cache", "kiosk.config", "kiosk.fetching", "kiosk.retry", "kiosk.polling",
                                    "kiosk.cache_report", "kiosk.crash_loop", "kiosk.sd_notify", "kiosk.secrets",
                                    "kiosk.app.state"])
def test_the_headless_core_imports_no_qt(module):
    """`kiosk poll`, `kiosk cache show` and `check-config` run on a machine without a display."""
    run = subprocess.run([sys.executable, "-c", f"import sys, {module}; print(sorted(m for m in sys.modules "
                          "if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
