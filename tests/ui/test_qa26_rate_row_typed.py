"""QA26: a new rate row typed under Nastavitve → Zneski rejnine (Velja od, oskrbnina,
plačilo dela, vir) and then Ctrl+S: the status bar said »Ni sprememb za shranjevanje.«,
nothing was added, and closing the window dropped the row without a question. Ctrl+S now
adds it as »Dodaj novo vrstico« does (checked, asked, audited), and closing asks."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _type_row(qtbot, window, valid_from: str = "1. 3. 2027"):
    window.show_screen("settings_view")
    view = window.current_view()
    view.tabs.setCurrentWidget(view.rates_tab)
    tab = view.rates_tab
    tab.rate_from.edit.setFocus()
    qtbot.keyClicks(tab.rate_from.edit, valid_from)
    qtbot.keyClicks(tab.rate_board.edit, "670,00")
    qtbot.keyClicks(tab.rate_fee.edit, "480,00")
    qtbot.keyClicks(tab.rate_source.edit, "Uradni list RS, 20/2027")
    return view


def _rows(ctx) -> list[str]:
    return [row[0] for row in ctx.db.execute("SELECT valid_from FROM rates ORDER BY valid_from")]


def test_ctrl_s_adds_the_typed_row_after_the_question(qtbot, ctx, interaction, shown_window):
    view = _type_row(qtbot, shown_window)
    assert view.has_unsaved_changes()
    shown_window.statusBar().clearMessage()
    qtbot.keyClick(shown_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [title for kind, title, _ in interaction.asked] == ["Nova vrstica zneskov"]
    assert "2027-03-01" in _rows(ctx)
    assert shown_window.statusBar().currentMessage() == "Vrstica od 1. 3. 2027 je dodana."
    assert not view.has_unsaved_changes()


def test_no_keeps_the_row_typed(qtbot, ctx, interaction, shown_window):
    view = _type_row(qtbot, shown_window)
    interaction.answers.append(False)
    before = _rows(ctx)
    qtbot.keyClick(shown_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _rows(ctx) == before
    assert view.rates_tab.rate_board.edit.text() == "670,00"
    assert view.has_unsaved_changes()


def test_closing_asks_about_the_typed_row(qtbot, ctx, interaction, shown_window):
    from rejnistvo.ui.interaction import Choice

    view = _type_row(qtbot, shown_window)
    interaction.answers.append(Choice.DISCARD)
    assert shown_window.settle_unsaved() is True
    assert interaction.asked[0][0] == "save_discard_cancel"
    assert view.rates_tab.rate_from.edit.text() == ""
    assert not view.has_unsaved_changes()


def test_a_stored_row_left_shown_is_no_new_row(qtbot, ctx, shown_window):
    shown_window.show_screen("settings_view")
    view = shown_window.current_view()
    view.tabs.setCurrentWidget(view.rates_tab)
    tab = view.rates_tab
    tab.rates_table.selectRow(0)
    assert tab.selected is not None and tab.rate_from.edit.text()
    tab.refresh()  # the list read again (another screen changed a rate): no selection
    assert tab.selected is None and tab.rate_from.edit.text()
    assert not view.has_unsaved_changes()


def test_a_typed_birth_grant_row_is_added_by_ctrl_s(qtbot, ctx, interaction, shown_window):
    shown_window.show_screen("settings_view")
    view = shown_window.current_view()
    view.tabs.setCurrentWidget(view.rates_tab)
    grants = view.rates_tab.grants
    grants.grant_from.edit.setFocus()
    qtbot.keyClicks(grants.grant_from.edit, "1. 3. 2027")
    qtbot.keyClicks(grants.grant_amount.edit, "455,00")
    qtbot.keyClicks(grants.grant_source.edit, "Uradni list RS, 20/2027")
    assert view.has_unsaved_changes()
    before = ctx.db.execute("SELECT count(*) FROM birth_grants").fetchone()[0]
    qtbot.keyClick(shown_window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [kind for kind, *_ in interaction.asked] == ["confirm"]
    assert ctx.db.execute("SELECT count(*) FROM birth_grants").fetchone()[0] == before + 1
    assert not view.has_unsaved_changes()
