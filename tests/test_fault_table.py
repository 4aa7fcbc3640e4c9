"""docs/architecture.md's table of faults names, for each, the tests that make it: each of them exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def fault_rows() -> list[str]:
    text = (ROOT / "docs/architecture.md").read_text()
    table = text.split("## Faults the wall survives", 1)[1].split("\n## ", 1)[0]
    return [line for line in table.splitlines() if line.startswith("| ") and "`tests/" in line]


def test_every_fault_in_the_table_names_tests_that_exist():
    rows = fault_rows()
    assert len(rows) >= 15
    for row in rows:
        named = NAMED.findall(row)
        assert named, row
        for path, name in named:
            tree = ast.parse((ROOT / path).read_text())
            functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            assert name in functions, f"{path}::{name} (in the faults table) does not exist"
