"""QA26: the program's shortcuts were nowhere to be read in the program. Pomoč →
Bližnjice na tipkovnici lists them, read from the menus' actions (and the shown
screen's), so the list follows any change of a key."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def _shown_text(window, ctx) -> str:
    window.act_shortcuts.trigger()
    kind, title, text = ctx.interaction.asked[-1]
    assert (kind, title) == ("info", "Bližnjice na tipkovnici")
    return text


def test_help_lists_the_menus_shortcuts(shown_window, ctx):
    window = shown_window
    assert window.act_shortcuts in window.help_menu.actions()
    text = _shown_text(window, ctx)
    for line in (
        "Datoteka:",
        "Ctrl+O – Odpri drugo zbirko",
        "Ctrl+N – Nov zapis",
        "Ctrl+S – Shrani",
        "Ctrl+P – Natisni",
        "Ctrl+F – Išči",
        "Ctrl+Q – Izhod",
        "Pogled:",
        "Ctrl+1 – Roki",
        "Ctrl+0 – Nastavitve",
    ):
        assert line in text.splitlines(), line
    # every menu item with a key is there, none without
    listed = [a for a in window.file_menu.actions() if not a.shortcut().isEmpty()]
    assert len(listed) == len(text.split("\n\n")[0].splitlines()) - 1


def test_a_changed_key_is_listed_as_it_is(shown_window, ctx):
    window = shown_window
    window.act_save.setShortcuts([QKeySequence("Ctrl+Shift+S")])
    text = _shown_text(window, ctx)
    assert "Ctrl+Shift+S – Shrani" in text and "Ctrl+S – Shrani" not in text


def test_help_lists_the_keys_of_fields_and_buttons(shown_window, ctx):
    """QA54: Alt+letter (the buttons), the calendar's key and Ctrl+Z are no actions, and
    a keyboard user found them nowhere in the program; they close the list."""
    text = _shown_text(shown_window, ctx)
    last = text.split("\n\n")[-1].splitlines()
    assert last[0] == "Polja in gumbi:"
    assert "Alt – pokaže črke gumbov; Alt+črka – pritisne gumb" in last
    assert "Alt+↓ ali F4 – koledar ob datumu, seznam ob izbiri" in last
    assert any(line.startswith("Ctrl+Z – v tabeli obdobij") for line in last)
