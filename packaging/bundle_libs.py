"""Which shared libraries the bundle can leave out once some Qt plugins are dropped
(imported by the spec file packaging/build.py writes).

PyInstaller collects every library a collected binary needs, before the spec drops the Qt
plugins the program does not ship (build.py, ``PLUGINS_KEPT``). The libraries only those
plugins needed stay behind: for the GTK theme plugin the build machine's cairo, pango,
gio, atk, gdk-pixbuf … (~10 MiB), which a running program would never load. Left out here
are exactly the libraries reachable only from dropped binaries: anything a kept binary
needs, directly or through another library, stays.

ELF only (``readelf -d``, from binutils). Elsewhere nothing is left out.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping

#: one TOC entry of PyInstaller: (destination name, source path, type code)
Entry = tuple[str, str, str]


def elf_needed(path: str) -> set[str]:
    """The ``DT_NEEDED`` names of an ELF file (empty for anything else)."""
    done = subprocess.run(
        ["readelf", "-d", path], capture_output=True, text=True, check=False
    ).stdout
    return {
        line.split("[", 1)[1].rstrip("]")
        for line in done.splitlines()
        if "(NEEDED)" in line and "[" in line
    }


def _reachable(
    roots: Iterable[str], by_name: Mapping[str, str], needed: Callable[[str], set[str]]
) -> set[str]:
    """Names of bundled libraries the binaries at the source paths ``roots`` need,
    directly or through each other."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for name in needed(todo.pop()):
            if name in by_name and name not in seen:
                seen.add(name)
                todo.append(by_name[name])
    return seen


def only_needed_by(
    dropped: Iterable[Entry],
    kept: Iterable[Entry],
    needed: Callable[[str], set[str]] = elf_needed,
) -> set[str]:
    """Destination names of the kept libraries (top-level ``BINARY`` entries, the ones
    PyInstaller collects as dependencies) that only ``dropped`` binaries need."""
    kept = list(kept)
    dropped = [e for e in dropped if e[2] in ("BINARY", "EXTENSION")]
    libraries = {
        dest: source
        for dest, source, kind in kept
        if kind == "BINARY" and "/" not in dest.replace("\\", "/")
    }
    candidates = _reachable((source for _, source, _ in dropped), libraries, needed)
    if not candidates:
        return set()
    roots = [
        source
        for dest, source, kind in kept
        if kind in ("BINARY", "EXTENSION", "EXECUTABLE") and dest not in candidates
    ]
    still_needed = _reachable(roots, libraries, needed)
    # a library is a root of its own when nothing needs it (loaded by name: libpython)
    return {name for name in candidates - still_needed if not name.startswith("libpython")}


def prune(binaries: list[Entry], dropped: list[Entry]) -> tuple[list[Entry], set[str]]:
    """``binaries`` without the libraries only ``dropped`` needed, and their names
    (their symbolic links too). Unchanged where there is no ``readelf``."""
    if not shutil.which("readelf"):
        return binaries, set()
    gone = only_needed_by(dropped, binaries)
    kept = [
        entry
        for entry in binaries
        if entry[0] not in gone and not (entry[2] == "SYMLINK" and _points_to(entry, gone))
    ]
    return kept, gone


def _points_to(entry: Entry, names: set[str]) -> bool:
    """A PyInstaller SYMLINK entry (its source is the link's target) to one of names."""
    target = entry[1].replace("\\", "/").rsplit("/", 1)[-1]
    return target in names
