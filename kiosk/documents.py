"""`kiosk check-config`'s look at the documents the wall will show: each one opens and every page draws."""

from __future__ import annotations

from pathlib import Path

from feeds.base import get_feed


def document_problems(config) -> list[str]:
    """Each enabled feed's documents that cannot be shown, with the feed, the path and why (QtPdf, offscreen)."""
    wanted = [(f.id, path) for f in config.feeds if f.enabled for path in get_feed(f.kind).documents(f.options)]
    if not wanted:
        return []
    from widgets.pdf_viewer import document_problem  # QtPdf only when there is a document to open

    return [f"feeds[{feed_id}]: {path}: {problem}" for feed_id, path in wanted
            if (problem := document_problem(Path(path))) is not None]
