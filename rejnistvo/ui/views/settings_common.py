"""What the Nastavitve tabs share: a sortable, searchable record table and the tab base."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from rejnistvo.ui.models import FilterProxy, RecordTableModel
from rejnistvo.ui.widgets.tables import configure_table


def record_table(parent: QWidget, model: RecordTableModel) -> tuple[QTableView, FilterProxy]:
    proxy = FilterProxy(parent)
    proxy.setSourceModel(model)
    view = QTableView(parent)
    view.setModel(proxy)
    configure_table(view)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, proxy


class SettingsTab(QWidget):
    """One tab of Nastavitve: builds its widgets, `retranslate()`s its texts and
    `refresh()`es from the services. `reveal` brings the tab to the front (set by the
    view) so a refused save shows the field with its reason."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reveal: Callable[[], None] = lambda: None
        # What to reload after a write: the whole view (a centre's subgroup shows on the
        # subgroups tab too); the tab alone when it stands by itself.
        self.changed: Callable[[], None] = self.refresh

    def retranslate(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        raise NotImplementedError
