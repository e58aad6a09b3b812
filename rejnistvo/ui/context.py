"""The one context object handed to the main window, every view and every dialog.

Imported before the window's first paint, so it stays light: a plain class rather
than a dataclass (the dataclasses module and the generated code cost ~2 ms at start),
getpass and the interaction module only when needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings

from rejnistvo.ui.bus import Bus

if TYPE_CHECKING:
    from rejnistvo.clock import Clock
    from rejnistvo.ui.interaction import Interaction

ORGANIZATION = "Rejnistvo"
APPLICATION = "Rejnistvo"


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class AppContext:
    """Database, settings and services. No module-level globals anywhere in ui/."""

    def __init__(
        self,
        db: Any,  # sqlite_utils.Database
        db_path: Path,
        settings: QSettings,
        interaction: Interaction,
        bus: Bus | None = None,
        clock: Clock | None = None,
    ) -> None:
        if clock is None:
            from rejnistvo.clock import SystemClock

            clock = SystemClock()
        #: the one "today" of the window: views and services ask it, tests pin it
        self.clock = clock
        self.settings = settings
        self._db: Any = None
        self.db = db
        self.db_path = db_path
        self.interaction = interaction
        self.bus = Bus() if bus is None else bus

    def __repr__(self) -> str:
        return f"AppContext(db_path={self.db_path!r})"

    @property
    def db(self) -> Any:  # sqlite_utils.Database
        return self._db

    @db.setter
    def db(self, database: Any) -> None:
        self._db = database
        self._tell_database_who_works()

    def _tell_database_who_works(self) -> None:
        # Every change through this window is logged (and a proposal signed, a month
        # closed, a package sent) under the name set on THIS computer, not the one a
        # colleague last saved in a file the two share.
        if self._db is not None:
            from rejnistvo.store.audit import set_acting_user

            set_acting_user(self._db, self.user_name)

    @property
    def user_name(self) -> str:
        """Who is working: written to the audit log. Set in Nastavitve."""
        name = self.settings.value("user/name", "")
        if name:
            return str(name)
        try:
            import getpass

            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name on some systems
            return "uporabnik"

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.settings.setValue("user/name", value.strip())
        self._tell_database_who_works()
