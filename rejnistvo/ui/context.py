"""The one context object handed to the main window, every view and every dialog."""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from rejnistvo.ui.bus import Bus
from rejnistvo.ui.interaction import Interaction

ORGANIZATION = "Rejnistvo"
APPLICATION = "Rejnistvo"


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


@dataclass
class AppContext:
    """Database, settings and services. No module-level globals anywhere in ui/."""

    db: Any  # sqlite_utils.Database
    db_path: Path
    settings: QSettings
    interaction: Interaction
    bus: Bus = field(default_factory=Bus)

    @property
    def user_name(self) -> str:
        """Who is working: written to the audit log. Set in Nastavitve."""
        name = self.settings.value("user/name", "")
        if name:
            return str(name)
        try:
            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some systems
            return "uporabnik"

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.settings.setValue("user/name", value.strip())

    def setting_int(self, key: str, default: int) -> int:
        try:
            return int(self.settings.value(key, default))
        except (TypeError, ValueError):
            return default
