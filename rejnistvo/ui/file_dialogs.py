"""The program's file dialogs, which never open a file they list.

Qt's dialog names each listed file's type, and finds its icon, from its content when
the name alone does not say (``QMimeDatabase``): it opened and closed every file of the
folder, the open database (»center.db«) and its »-shm« too. On POSIX a close drops every
lock the process holds on that file, SQLite's as well (``store/file_start.py``), so the
next SQLite client of the file (`rates`, `check`, `cases`, a print) believed it was the
last one, checkpointed and deleted the -wal: every change saved in the window after
that went into a deleted file and was gone when the program closed (QA19: Datoteka →
Odpri drugo zbirko …, a path typed, the list of the database's folder). Here the type
and the icon come from the name alone.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIcons(QFileIconProvider):
    """The style's folder or file icon, and the type from the suffix: nothing is read."""

    def icon(self, what: object) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)  # type: ignore[arg-type]

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("QAbstractFileIconProvider", "Folder")
        # the program's own words: Qt's catalogue has no Slovenian »%1 File«
        if not info.suffix():
            return QCoreApplication.translate("FileDialogs", "datoteka")
        return QCoreApplication.translate("FileDialogs", "datoteka {0}").format(info.suffix())


_ICONS: NameOnlyIcons | None = None  # one for every dialog, kept while the program runs


def file_dialog(parent: QWidget | None, title: str, directory: str, filter: str) -> QFileDialog:
    """A Qt (non-native) file dialog whose list reads only names: the program's Slovenian
    Qt catalogue translates it (issue 12), and no platform dialog reads the files."""
    global _ICONS
    if _ICONS is None:
        _ICONS = NameOnlyIcons()
    dialog = QFileDialog(parent, title, directory, filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(_ICONS)
    # a screen reader: the dialog by its title and purpose (Qt's own catalogue names its
    # lists: »Stranska vrstica«, »Datoteke«)
    from rejnistvo.ui.widgets.accessible import named_when_shown

    return named_when_shown(dialog)
