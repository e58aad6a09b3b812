"""Koordinator → Paketi: a passphrase refused (too short on export, wrong on import) is
asked for again with what was typed, not the end of the export or import; before, the
message said »Vnesite geslo …« and the user had to choose the file again."""

from __future__ import annotations

from rejnistvo.exchange.package import read_package
from rejnistvo.store import get_record
from rejnistvo.ui.views.coordinator_view import CoordinatorView

GOOD = "dolgo-geslo-1234"


def _packages_view(qtbot, ctx):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentIndex(2)  # Paketi
    return view


def _select_prepared(view) -> int:
    row = next(
        r
        for r in range(view.all_cases_proxy.rowCount())
        if view.all_cases_proxy.row_record(r)["state"] == "pripravljeno"
    )
    view.all_cases_table.selectRow(row)
    return view.all_cases_proxy.row_record(row)["id"]


def _passphrase_questions(interaction) -> list[str]:
    return [label for kind, _title, label in interaction.asked if kind == "text"]


def test_short_passphrase_on_export_is_asked_again_with_the_typed_text(
    qtbot, ctx, interaction, tmp_path
):
    view = _packages_view(qtbot, ctx)
    _select_prepared(view)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), "kratko", GOOD, GOOD]
    assert view.export_package("proposal")
    assert "vsaj 10 znakov" in interaction.errors[0]
    asked = _passphrase_questions(interaction)
    assert len(asked) == 3 and asked[1].endswith("[kratko]") and asked[2] == "Ponovite geslo:"
    assert read_package(path, GOOD).kind == "proposal"
    # the file was chosen once
    assert sum(1 for kind, *_ in interaction.asked if kind == "save_path") <= 1


def test_wrong_passphrase_on_import_is_asked_again_without_choosing_the_file(
    qtbot, ctx, interaction, tmp_path
):
    view = _packages_view(qtbot, ctx)
    case_id = _select_prepared(view)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), GOOD, GOOD]
    assert view.export_package("proposal")
    subgroup = read_package(path, GOOD).subgroup
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(subgroup))
    view.tabs.setCurrentIndex(2)
    before = get_record(ctx.db, "r4_cases", case_id)
    interaction.asked.clear()
    # the file, a wrong passphrase, then the right one; the preview says it is known
    interaction.answers += [str(path), "napačno-geslo", GOOD]
    view.import_package("proposal")
    assert any("Geslo ni pravilno" in text for text in interaction.errors)
    asked = _passphrase_questions(interaction)
    assert len(asked) == 2 and asked[1].endswith("[napačno-geslo]")
    # after the right one the preview was shown: no further refusal
    assert len(interaction.errors) == 1
    assert any(
        kind == "info" and title == "Predogled paketa" for kind, title, _ in interaction.asked
    )
    assert get_record(ctx.db, "r4_cases", case_id) == before


def test_cancelling_the_repeated_question_ends_the_import(qtbot, ctx, interaction, tmp_path):
    view = _packages_view(qtbot, ctx)
    _select_prepared(view)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), GOOD, GOOD]
    assert view.export_package("proposal")
    subgroup = read_package(path, GOOD).subgroup
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(subgroup))
    interaction.answers += [str(path), "napačno-geslo", None]
    assert not view.import_package("proposal")
    assert len(_passphrase_questions(interaction)) == 4  # the export's two, the import's two


def test_a_newer_package_with_nothing_new_keeps_its_time_in_the_window(
    qtbot, ctx, interaction, tmp_path
):
    """Paketi → Uvozi: a package with nothing new only showed its preview; the case kept
    the older package's time, so a package made between the two later counted as newer.
    The window now keeps the newer time too, without a question (as `import-case`)."""
    view = _packages_view(qtbot, ctx)
    case_id = _select_prepared(view)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), GOOD, GOOD]
    assert view.export_package("proposal")
    contents = read_package(path, GOOD)
    case = get_record(ctx.db, "r4_cases", case_id)
    ctx.db.execute(  # as if taken from a package made a day earlier
        "UPDATE r4_cases SET package_created_at = '2000-01-01T00:00:00+00:00' WHERE id = ?",
        [case_id],
    )
    ctx.db.conn.commit()
    view.subgroup_combo.setCurrentIndex(view.subgroup_combo.findData(contents.subgroup))
    view.tabs.setCurrentIndex(2)
    interaction.answers += [str(path), GOOD]
    assert view.import_package("proposal") is False  # nothing taken over …
    assert any(
        kind == "info" and title == "Predogled paketa" for kind, title, _ in interaction.asked
    )
    stored = get_record(ctx.db, "r4_cases", case_id)
    assert stored["package_created_at"] == contents.created_at  # … but its time kept
    assert stored["rationale"] == case["rationale"]


def test_a_passphrase_repeated_differently_is_asked_for_anew(qtbot, ctx, interaction, tmp_path):
    """QA65: typed once, a typo locked the package for good; the recipient could not
    open it and the clerk learnt it only from them."""
    view = _packages_view(qtbot, ctx)
    _select_prepared(view)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), GOOD, GOOD + "x", GOOD, GOOD]
    assert view.export_package("proposal")
    assert any("Gesli se ne ujemata" in text for text in interaction.errors)
    asked = _passphrase_questions(interaction)
    assert len(asked) == 4 and not asked[2].endswith("]")  # asked anew, nothing kept
    assert read_package(path, GOOD).kind == "proposal"
    interaction.answers += [str(path), GOOD, None]  # the repetition cancelled
    assert not view.export_package("proposal")
