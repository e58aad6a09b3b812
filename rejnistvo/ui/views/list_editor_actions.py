"""Save and delete of a list editor (``ListEditorView``): validation, the version the
editor read, the question before a duplicate, a stale save offered to reload, the
store's messages in a clerk's words, the one changed row shown again (not the whole
list) and the other screens told."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.widgets import FormValidator
from rejnistvo.ui.widgets.fields import reveal
from rejnistvo.ui.widgets.tables import make_current_row


class EditorActions:
    """Mixed into ListEditorView, whose fields and hooks (collect, store, remove,
    confirm_store) it uses."""

    @Slot()
    def save(self) -> bool:
        from rejnistvo.store import StaleRecordError, StoreError

        if not self._dirty:
            return True  # nothing typed since the record was shown or stored
        validator = FormValidator()
        record = self.collect(validator)
        if not validator.ok or record is None:
            validator.focus_first()
            self.say_refused(self.tr("Zapis ni shranjen: popravite označena polja."))
            return False
        if self._unchanged(record):
            # typed and typed back: »Shranjeno.« said a change was kept that was none
            self._dirty = False
            self.withdraw_refusal(self.tr("Ni sprememb za shranjevanje."))
            return True
        if self._current_id is not None:
            record["id"] = self._current_id
            if self._version is not None:
                record["version"] = self._version
        if not self.confirm_store(record):
            return False
        from rejnistvo.ui.interaction import offers_reload

        try:
            record_id = self.store(record)
        except StaleRecordError as exc:
            if offers_reload(
                self.ctx.interaction, self.tr("Zapis je bil medtem spremenjen"), exc.message
            ):
                self._dirty = False
                self.open_record(self.kind, self._current_id)
            return False
        except InputError as exc:
            # "periods[1]": a row of a table field is shown at the table
            field = self._fields.get(exc.field) or self._fields.get(exc.field.split("[")[0])
            if field is not None:
                field.show_error(exc.message)
                reveal(field)
            else:
                self.ctx.interaction.error(self.tr("Zapis ni shranjen"), self._readable(exc))
            return False
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Zapis ni shranjen"), self._readable(exc))
            return False
        self._current_id = record_id
        self._dirty = False
        try:
            self._shown = self.load_record(record_id)
            self._version = self._shown.get("version")
        except StoreError:
            self._version = None
        self.heading.setText(self.record_heading(record))
        self.btn_delete.setEnabled(True)
        self.show_stored(record_id)
        self._announce()
        self.withdraw_refusal(self.tr("Shranjeno."))
        return True

    def _unchanged(self, record: dict) -> bool:
        """The collected record is the stored one, as this editor read it."""
        from rejnistvo.store import StoreError

        if self._current_id is None:
            return False
        try:
            stored = self.load_record(self._current_id)
        except StoreError:
            return False  # gone meanwhile: the store's own refusal says so
        if stored.get("version") != self._version:
            return False  # changed by someone else: the stale check speaks
        return all(
            key in stored and self.comparable(key, value) == self.comparable(key, stored[key])
            for key, value in record.items()
        )

    def show_stored(self, record_id: int) -> None:
        """A stored record's row, changed or added, without reading the list again."""
        rows = self.display_rows([record_id])
        self._loading = True
        try:
            if rows:
                row = self.model.upsert_row(rows[0])
                # from the row, not a new look-up of the id (an index of 20,000 ids)
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                if index.isValid() and record_id == self._current_id:
                    make_current_row(self.table, index)
                    self.table.scrollTo(index)
            else:
                self.model.remove_row(record_id)
        finally:
            self._loading = False
        self._update_count()

    def show_removed(self, record_id: int) -> None:
        self._loading = True
        try:
            self.model.remove_row(record_id)
        finally:
            self._loading = False
        self._update_count()

    def _readable(self, error: Exception) -> str:
        """The store names its tables (»carers«); a clerk reads the screen's name."""
        from rejnistvo.services.people import readable_store_message
        from rejnistvo.ui.interaction import error_message

        return readable_store_message(error_message(error))

    def _announce(self) -> None:
        """Tell the other views (not this one: it has shown its changed row)."""
        self._announcing = True
        try:
            self.ctx.bus.records_changed.emit(self.kind)
        finally:
            self._announcing = False

    @Slot()
    def delete_current(self) -> None:
        from rejnistvo.store import StoreError

        if self._current_id is None:
            return
        if not self.ctx.interaction.confirm(
            self.tr("Brisanje"),
            self.tr("Res želite izbrisati zapis »{0}«?").format(self.heading.text()),
        ):
            return
        try:
            self.remove(self._current_id, self._version)
        except StoreError as exc:
            self.ctx.interaction.error(self.tr("Zapis ni izbrisan"), self._readable(exc))
            return
        removed = self._current_id
        self._set_editor(None)
        self.show_removed(removed)
        # Izbriši disabled itself and Qt put the keyboard on the editor's frame: it goes
        # to the list, where the next record is chosen
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._announce()
