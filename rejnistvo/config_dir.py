"""The installation's own folder (platformdirs' user config folder, "Rejnistvo").

What must live outside the database file so that someone who has only the file cannot
rewrite it unnoticed: the audit log's keys and the last chain heads this installation
saw (``audit_keys``), and the list of temporary files a crash may have left behind
(``atomic_write``).

The location is injectable through the environment variable ``REJNISTVO_CONFIG_DIR``:
portable mode (``locations.apply``) points it into the portable folder, and the tests at a
temporary folder, so that they never touch the real user's folder.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Rejnistvo"
ENV_VAR = "REJNISTVO_CONFIG_DIR"


def config_dir(create: bool = True) -> Path:
    """The installation folder, created on first use."""
    if os.environ.get(ENV_VAR):
        folder = Path(os.environ[ENV_VAR])
    else:
        from platformdirs import user_config_dir

        folder = Path(user_config_dir(APP_NAME, appauthor=False))
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder
