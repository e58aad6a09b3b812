"""QA65 (Nastavitve → Dnevnik sprememb after following the manual's R-5 procedure): each
save of a report or a refund also logs the case's increase, unchanged (its version is
the case's version), as »Zvišane oskrbnine … sprememba« with an empty »Spremenjena
polja« column and a details window whose »Prej« and »Potem« are the same — a clerk
looking for what was changed found nothing. Such a row now says so: »nobeno (shranjeno
skupaj z drugim delom zapisa)«, in the column and in the details."""

from __future__ import annotations

from rejnistvo.store import save_record
from rejnistvo.ui.views.audit_log_texts import NOTHING_CHANGED
from rejnistvo.ui.views.settings_view import SettingsView


def test_an_update_without_changed_fields_says_so(qtbot, ctx):
    carer = save_record(ctx.db, "carers", {"name": "Zofka Žnidaršič", "address": "Kranj 1"})
    save_record(ctx.db, "carers", {"id": carer, "address": "Kranj 1"})  # nothing changes
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)
    tab = view.audit_tab
    row = tab.model.row_record(0)
    assert row["record_id"] == carer and row["action_label"] == "sprememba"
    assert row["changes"] == NOTHING_CHANGED
    dialog = tab.show_details(0)
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"Spremenjena polja: {NOTHING_CHANGED}" in texts
    dialog.close()
    # a new record lists its fields as before
    assert tab.model.row_record(1)["changes"] != NOTHING_CHANGED


def test_nothing_changed_reads_as_a_clerk_would():
    assert NOTHING_CHANGED == "nobeno (shranjeno skupaj z drugim delom primera)"
