"""Counts shown to the user: Slovenian grouping ("14.629") and, where a noun follows the
number, the noun's form for 1, 2, 3–4 and 5+ (1 primer, 2 primera, 3 primeri, 5 primerov)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from rejnistvo.clock import FixedClock
from rejnistvo.ui.format import count_text, format_count
from rejnistvo.ui.views.coordinator_view import CoordinatorView
from rejnistvo.ui.views.deadlines_view import DeadlinesView
from rejnistvo.ui.views.settings_view import SettingsView

COUNTS = [0, 1, 2, 3, 5, 999, 1000, 14629, 1234567, -14629]


@pytest.mark.parametrize("count", COUNTS)
def test_counts_are_grouped_as_babel_groups_them_for_slovenian(count):
    from babel.numbers import format_decimal

    assert format_count(count) == format_decimal(count, locale="sl")


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 primer"),
        (2, "2 primera"),
        (3, "3 primeri"),
        (4, "4 primeri"),
        (5, "5 primerov"),
        (101, "101 primer"),
        (14629, "14.629 primerov"),
    ],
)
def test_a_noun_after_a_count_agrees_with_it(count, text):
    assert count_text(count, "primer") == text


def test_roki_summary_groups_its_counts(qtbot, ctx):
    ctx.clock = FixedClock(date(2026, 11, 22))
    view = DeadlinesView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view._stop_completing()
    # earliest first, as the service lists them: 1,200 late, then 13,429 to come
    view._deadlines = [SimpleNamespace(days=-1)] * 1200 + [SimpleNamespace(days=3)] * 13429
    view._whole = True
    view._show_summary()
    assert view.summary.text() == "Opomniki: 14.629, od tega zamujeni: 1.200."


def _audit_tab(qtbot, ctx):
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentWidget(view.audit_tab)  # loads the log
    return view.audit_tab


@pytest.mark.parametrize(
    ("count", "text"), [(1, "1 vrstica"), (2, "2 vrstici"), (3, "3 vrstice"), (5, "5 vrstic")]
)
def test_audit_log_counts_its_rows_in_the_right_form(qtbot, ctx, count, text):
    tab = _audit_tab(qtbot, ctx)
    rows = tab.model.rows()
    assert len(rows) >= count
    tab._more = False
    tab.model.set_rows(rows[:count])
    tab._update_count()
    assert tab.count_label.text() == text


def test_audit_log_names_how_many_newest_rows_it_shows(qtbot, ctx):
    tab = _audit_tab(qtbot, ctx)
    tab.page_size = 2
    tab.reload()
    assert tab.count_label.text().startswith("Prikazanih najnovejših vrstic: 2;")


@pytest.mark.parametrize(("count", "shown"), [(21, "21"), (23, "23"), (1020, "1.020")])
def test_a_broken_audit_chain_counts_all_its_problems(
    qtbot, ctx, interaction, monkeypatch, count, shown
):
    import rejnistvo.store.audit as audit

    monkeypatch.setattr(
        audit, "verify_audit_chain", lambda db: [f"težava {i}" for i in range(count)]
    )
    tab = _audit_tab(qtbot, ctx)
    assert len(tab.verify_chain()) == count
    text = tab.verify_result.text()
    assert "težava 19" in text and "težava 20" not in text
    assert text.endswith(f"… (vseh težav: {shown})")


@pytest.mark.parametrize(
    ("count", "text"), [(1, "1 primer"), (2, "2 primera"), (3, "3 primeri"), (5, "5 primerov")]
)
def test_coordinator_register_counts_its_cases_in_the_right_form(qtbot, ctx, count, text):
    view = CoordinatorView(ctx)
    qtbot.addWidget(view)
    view.refresh()
    view.tabs.setCurrentIndex(1)  # the register's list is read when its tab is shown
    view.register_proxy.rowCount = lambda *parent: count
    view._apply_register_filter()
    assert view.register_count.text() == text
