"""Reading a file the user named, never more than the program can use.

A device (``/dev/zero``), a pipe that never ends or a large file chosen by mistake was
read whole, until memory ran out. Here a file is read as far as the limit and one byte
more: that byte says it is too large without reading the rest. The callers (`--input`,
`--passphrase-file`, an exchange package) each refuse in their own words.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO


class TooLarge(Exception):
    """More than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


def read_bounded(source: str | Path | IO[bytes] | IO[str], limit: int) -> bytes:
    """All of `source` (a path, or a stream such as standard input), at most `limit`
    bytes; TooLarge past it, OSError as opening and reading raise it. A text stream (one
    put in place of standard input) is read as far as `limit` characters and one more,
    and counted in its UTF-8 bytes."""
    if isinstance(source, str | Path):
        with Path(source).open("rb") as handle:
            data = handle.read(limit + 1)
    else:
        read = source.read(limit + 1)
        data = read.encode("utf-8", "surrogatepass") if isinstance(read, str) else read
    if len(data) > limit:
        raise TooLarge(limit)
    return data
