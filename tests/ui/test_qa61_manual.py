"""QA61: the program had no manual inside it (Pomoč had only Bližnjice and O programu); a
clerk with the bundle and nobody to ask had only the README, written partly for
developers. Pomoč → Navodila (F1) shows resources/help/navodila.md, opened at the
section of the shown screen."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from rejnistvo.resources import resource_path
from rejnistvo.ui.main_window import MainWindow
from rejnistvo.ui.manual import MANUAL_PARTS, ManualWindow, heading_anchor, manual_path
from rejnistvo.ui.shortcuts_help import _keys, _name

ROOT = Path(__file__).resolve().parents[2]


def _heading_top(manual: ManualWindow, anchor: str) -> float:
    document = manual.browser.document()
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() and heading_anchor(block.text()) == anchor:
            return document.documentLayout().blockBoundingRect(block).top()
        block = block.next()
    raise AssertionError(f"no heading {anchor}")


def _scrolled_to(manual: ManualWindow, anchor: str) -> bool:
    bar = manual.browser.verticalScrollBar()
    return abs(bar.value() - min(int(_heading_top(manual, anchor)), bar.maximum())) <= 2


def test_f1_opens_the_manual_at_the_shown_screens_section(shown_window, qtbot):
    window = shown_window
    assert window.help_menu.actions()[0] is window.act_manual
    assert window.act_manual.shortcut().toString() == "F1"
    seen = []
    for row, name in enumerate(window.screen_names()):
        window.show_screen(name)
        qtbot.waitUntil(lambda n=name: window.current_view() is window.view(n))
        window.activateWindow()
        qtbot.keyClick(window, Qt.Key.Key_F1)
        manual = window._manual
        assert manual is not None and manual.isVisible(), name
        anchor = heading_anchor(window.nav.item(row).text())
        assert anchor in manual.anchors(), (name, anchor)
        assert _scrolled_to(manual, anchor), (name, anchor)
        assert manual.browser.verticalScrollBar().value() > 0, name  # no screen is the top
        seen.append(manual)
        manual.close()
    assert all(m is seen[0] for m in seen)  # one window, shown again


def test_manual_is_not_modal_and_esc_closes_it(shown_window, qtbot):
    window = shown_window
    manual = window.show_manual()
    assert manual is not None and not manual.isModal()
    assert QApplication.activeModalWidget() is None  # the program stays usable
    qtbot.keyClick(manual.browser, Qt.Key.Key_Escape)
    assert not manual.isVisible()


def test_every_link_of_the_manual_leads_to_a_heading(qtbot):
    manual = ManualWindow()
    qtbot.addWidget(manual)
    anchors = manual.anchors()
    assert len(anchors) == len(set(anchors)), "two headings with the same anchor"
    links = manual.links()
    inside = [link for link in links if link.startswith("#")]
    assert len(inside) >= 20  # the contents and the cross-references
    assert not [link for link in links if not link.startswith(("#", "https://"))]
    missing = [link for link in inside if link[1:] not in anchors]
    assert not missing
    # every section of the contents is linked from it
    source = manual_path().read_text(encoding="utf-8")
    for level2 in re.findall(r"^## (.+)$", source, flags=re.MULTILINE):
        if level2 != "Kazalo":
            assert "#" + heading_anchor(level2) in inside, level2


def test_a_clicked_link_scrolls_to_its_section(qtbot):
    manual = ManualWindow()
    qtbot.addWidget(manual)
    manual.resize(1000, 650)
    manual.open_at()
    assert manual.browser.verticalScrollBar().value() == 0
    anchor = "zvišana-oskrbnina-poročilo-r-5-ugotovitev-in-vračilo"  # not ASCII
    (href,) = {link for link in manual.links() if link == "#" + anchor}
    from PySide6.QtCore import QUrl

    manual.browser.setSource(QUrl(href))  # what a click on the link does
    assert _scrolled_to(manual, anchor)
    assert "Zahtevaj novo poročilo" in manual.browser.toPlainText()  # the text stayed


def test_every_menu_item_and_its_key_is_in_the_manual(shown_window):
    """A menu item added to the window without a word in the manual fails here."""
    window = shown_window
    manual = window.show_manual()
    assert manual is not None
    text = manual.browser.toPlainText()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    assert len(menus) == 3
    for menu in menus:
        assert _name(menu.menuAction()) in text
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert _name(action) in text, _name(action)
            if _keys(action):  # in the tables of »Delo s tipkovnico«: key, then its item
                row = rf"^{re.escape(_keys(action))}\n{re.escape(_name(action))}"
                assert re.search(row, text, flags=re.MULTILINE), _keys(action)


def test_manual_opens_without_a_database(qtbot, ctx):
    """While the window waits for its database (or when opening it failed) F1 works."""
    ctx.db = None
    window = MainWindow(ctx, screens=())
    qtbot.addWidget(window)
    window.show()
    manual = window.show_manual()
    assert manual is not None and manual.isVisible()
    assert manual.browser.verticalScrollBar().value() == 0  # no screen: the start
    assert "Navodila za uporabo" in manual.browser.toPlainText()


def test_find_field_finds_words_without_their_marks(qtbot):
    manual = ManualWindow()
    qtbot.addWidget(manual)
    manual.open_at()
    manual.find_edit.setText("preplacila")
    assert manual.find()
    assert manual.browser.textCursor().selectedText().lower() == "preplačila"
    manual.find_edit.setText("xyzzy ni v navodilih")
    assert not manual.find()
    assert manual.find_state.text() == "Ni najdeno."


def test_manual_fits_a_small_screen(qtbot):
    manual = ManualWindow()
    qtbot.addWidget(manual)
    area = manual.screen().availableGeometry()
    assert manual.width() <= area.width() and manual.height() <= area.height()


def test_missing_manual_is_said_in_slovenian(shown_window, ctx, monkeypatch, tmp_path):
    monkeypatch.setenv("REJNISTVO_RESOURCES", str(tmp_path))
    assert shown_window.show_manual() is None
    kind, title, text = ctx.interaction.asked[-1]
    assert kind == "error" and title == "Navodila"
    assert "navodila.md" in text and "namestite znova" in text


def test_the_manual_is_a_shipped_resource():
    assert manual_path() == resource_path("help", "navodila.md")
    assert manual_path().is_relative_to(ROOT / "resources")


def test_the_bundle_and_the_installed_layout_find_the_manual(tmp_path):
    """packaging/build.py stages the installed layout (resources/ as rejnistvo/_resources)
    and hands that folder to PyInstaller; the program, run from it, finds the manual."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_qa61_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    staged = build.stage(tmp_path / "stage")
    shipped = staged / "rejnistvo" / "_resources" / Path(*MANUAL_PARTS)
    assert shipped.read_bytes() == manual_path().read_bytes()
    datas = repr((str(staged / "rejnistvo" / "_resources"), "rejnistvo/_resources"))
    assert datas in build.spec_text(staged, "1.2.3", None)
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            "import rejnistvo.ui.manual as m; print(m.manual_path())",
        ],
        cwd=staged,
        env={"PATH": "", "PYTHONPATH": str(staged), "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(found.stdout.strip()) == shipped


def test_shortcuts_help_lists_f1(shown_window, ctx):
    shown_window.act_shortcuts.trigger()
    _kind, _title, text = ctx.interaction.asked[-1]
    assert "Pomoč:\nF1 – Navodila" in text


def test_the_folder_of_the_linux_program_says_where_the_manual_is():
    text = (ROOT / "packaging" / "linux" / "PREBERI.txt").read_text(encoding="utf-8")
    assert "Pomoč → Navodila (tipka F1" in text


def test_alt_left_goes_back_to_where_the_reader_was(qtbot):
    from PySide6.QtCore import QUrl

    manual = ManualWindow()
    qtbot.addWidget(manual)
    manual.resize(700, 600)
    manual.open_at("izplačila")
    bar = manual.browser.verticalScrollBar()
    bar.setValue(bar.value() + 120)  # read on a little
    before = bar.value()
    manual.browser.setSource(QUrl("#mesečno-izplačilo"))  # a click on the link
    assert bar.value() != before
    qtbot.keyClick(manual.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert bar.value() == before
