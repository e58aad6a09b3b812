"""The installation's own folder (platformdirs' user config folder, "Rejnistvo").

What must live outside the database file so that someone who has only the file cannot
rewrite it unnoticed: the audit log's keys and the last chain heads this installation
saw (``audit_keys``), and the list of temporary files a crash may have left behind
(``atomic_write``).

The location is injectable: the environment variable ``REJNISTVO_CONFIG_DIR`` or
``set_config_dir(path)`` (tests point it at a temporary folder so that they never touch
the real user's folder).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Rejnistvo"
ENV_VAR = "REJNISTVO_CONFIG_DIR"
_override: Path | None = None


def set_config_dir(path: str | os.PathLike[str] | None) -> None:
    """Use `path` as the installation folder (None: back to the default)."""
    global _override
    _override = Path(path) if path is not None else None


def config_dir(create: bool = True) -> Path:
    """The installation folder, created on first use."""
    if _override is not None:
        folder = _override
    elif os.environ.get(ENV_VAR):
        folder = Path(os.environ[ENV_VAR])
    else:
        from platformdirs import user_config_dir

        folder = Path(user_config_dir(APP_NAME, appauthor=False))
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
