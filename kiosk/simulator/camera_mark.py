"""The simulated cameras' identity mark: a row of black and white blocks in every picture saying which camera it
is, so that a test can read a picture off the screen and compare it with the name under it (no OCR here).

The row is drawn over the picture at its left edge, in the eighth of nine bands (from 7/9 to 8/9 of its height):
ten cells, each 1/16 of the picture's width, white = 1:

    1 0 | six bits of the camera's index on the server, most significant first | parity | 1

The parity cell is white when an odd number of the six bits is. The first two cells and the last one tell a mark
from a picture without one (black, or another camera's scene). In the sub-stream (320 x 180) a cell is 20 x 20
pixels: it survives H.264 at 250 kbit/s and any scaling of a tile. The server draws it with `rsvgoverlay`.
"""

from __future__ import annotations

from typing import Callable

COLUMNS, ROWS = 16, 9  # the picture's grid of cells
ROW = 7  # the mark's row, counted from the top (0)
BITS = 6
MAX_INDEX = 2**BITS - 1
WHITE_ABOVE = 128  # brightness (0-255) of a white cell, read back


def cells(index: int) -> list[bool]:
    """The mark's ten cells for a camera index, left to right (True: white)."""
    if not 0 <= index <= MAX_INDEX:
        raise ValueError(f"a camera mark encodes 0-{MAX_INDEX}, not {index}")
    bits = [bool(index >> (BITS - 1 - position) & 1) for position in range(BITS)]
    return [True, False, *bits, sum(bits) % 2 == 1, True]


def mark_svg(index: int) -> str:
    """The mark as SVG over the whole picture (`rsvgoverlay fit-to-frame=true`), in single quotes only so it can
    stand in a launch line's double-quoted property."""
    marks = cells(index)
    blocks = "".join(f"<rect x='{column}' y='{ROW}' width='1' height='1' fill='white'/>"
                     for column, white in enumerate(marks) if white)
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {COLUMNS} {ROWS}' preserveAspectRatio='none'>"
            f"<rect x='0' y='{ROW}' width='{len(marks)}' height='1' fill='black'/>{blocks}</svg>")


def cell_centres() -> list[tuple[float, float]]:
    """Where to look: each cell's middle as fractions (x, y) of the picture's width and height."""
    return [((column + 0.5) / COLUMNS, (ROW + 0.5) / ROWS) for column in range(len(cells(0)))]


def read_mark(brightness: Callable[[float, float], float]) -> int | None:
    """The camera index a picture shows, given its brightness (0-255) at a point (fractions of the picture's width
    and height); None when the picture shows no whole mark."""
    seen = [brightness(x, y) > WHITE_ABOVE for x, y in cell_centres()]
    index = sum(white << (BITS - 1 - position) for position, white in enumerate(seen[2:2 + BITS]))
    return index if seen == cells(index) else None
