"""A validation error as the operator reads it: the key path in the file (`milestones[2].actual_end`)
and what is wrong, for config.toml and every other file an operator edits."""

from __future__ import annotations

from typing import Any, Callable

import pydantic


def key_path(prefix: str, loc: tuple[Any, ...]) -> str:
    """`("feeds", 2, "options")` under `prefix` -> `prefix.feeds[2].options`."""
    path = prefix
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def message(err: dict[str, Any]) -> str:
    """Pydantic's message, in the words of a file's editor for the usual two."""
    if err["type"] == "extra_forbidden":
        return "unknown key (typo?)"
    if err["type"] == "missing":
        return "required key is missing"
    return err["msg"].removeprefix("Value error, ")


def issues_from(exc: pydantic.ValidationError, prefix: str = "",
                skip: Callable[[tuple[Any, ...]], bool] = lambda loc: False) -> list[tuple[str, str]]:
    """(key path, message) for each error of a validation, in its order."""
    return [(key_path(prefix, err["loc"]), message(err)) for err in exc.errors() if not skip(err["loc"])]
