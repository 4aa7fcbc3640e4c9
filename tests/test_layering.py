"""DESIGN §3: feeds imports neither Qt, SQLite nor the app; widgets never imports kiosk."""

import ast
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
