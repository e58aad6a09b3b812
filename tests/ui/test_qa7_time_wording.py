"""Times on screens: the change log and the Koordinator's packages word a moment as every
other place does ("2. 3. 2026 ob 7.20.05"), and a package's time is the window's clock."""

from __future__ import annotations

from rejnistvo.exchange.package import read_package
from rejnistvo.ui.views.audit_log_texts import local_time, pretty_value
from rejnistvo.ui.views.coordinator_view import CoordinatorView


def test_change_log_time_keeps_seconds_without_a_leading_zero(in_ljubljana):
    # it showed "2. 3. 2026 07:20:05"
    assert local_time("2026-03-02T06:20:05+00:00") == "2. 3. 2026 ob 7.20.05"
    assert local_time(None) == ""


def test_a_stored_moment_among_the_values_reads_the_same_way(in_ljubljana):
    # a closed month's closed_at showed "2. 3. 2026 06:20:05+00:00" (UTC, zone and all)
    assert pretty_value("2026-03-02T06:20:05+00:00") == "2. 3. 2026 ob 7.20.05"
    assert pretty_value("2026-03-02") == "2. 3. 2026"


def test_exported_package_carries_the_windows_clock(qtbot, ctx, interaction, tmp_path):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentIndex(2)  # Paketi
    row = next(
        r
        for r in range(view.all_cases_proxy.rowCount())
        if view.all_cases_proxy.row_record(r)["state"] == "pripravljeno"
    )
    view.all_cases_table.selectRow(row)
    path = tmp_path / "p.rejpaket"
    interaction.answers += [str(path), "dolgo-geslo-1234", "dolgo-geslo-1234"]
    assert view.export_package("proposal")
    sent = read_package(path, "dolgo-geslo-1234").created_at
    assert sent == ctx.clock.now().isoformat(timespec="seconds")
