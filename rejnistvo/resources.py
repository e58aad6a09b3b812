"""The one way to find a shipped resource (rate table, catalogues, fonts, translations).

Works from a checkout and from an editable install alike: `resources/` sits next to the
`rejnistvo` package. A frozen build sets REJNISTVO_RESOURCES instead of scattering
special cases through the code.
"""

from __future__ import annotations

import os
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("REJNISTVO_RESOURCES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/, e.g. resource_path("rates.json")."""
    return resources_dir().joinpath(*parts)
