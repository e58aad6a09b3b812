"""Reading a file the user named, never more than the program can use.

A device (``/dev/zero``), a pipe that never ends or a large file chosen by mistake was
read whole, until memory ran out. Here a file is read as far as the limit and one byte
more: that byte says it is too large without reading the rest. The callers (`--input`,
`--passphrase-file`, an exchange package) each refuse in their own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO


class TooLarge(Exception):
    """More than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def read_bounded(source: str | Path | BinaryIO, limit: int) -> bytes:
    """All of `source` (a path, or a binary stream such as standard input), at most
    `limit` bytes; TooLarge past it, OSError as opening and reading raise it."""
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            data = handle.read(limit + 1)
    else:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data
