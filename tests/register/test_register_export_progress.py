"""The register exports report progress and can be cancelled without leaving a file."""

from __future__ import annotations

import pytest
from test_register_exports import _rows

from rejnistvo.register.export import ExportCancelled, write_register


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_progress_runs_from_zero_to_total(tmp_path, fmt):
    calls: list[tuple[int, int]] = []
    out = tmp_path / f"evidenca.{fmt}"

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    write_register(_rows(120), fmt, out, subgroup=3, year=2026, progress=progress)
    assert out.exists()
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    done = [d for d, _t in calls]
    assert done == sorted(done) and len(calls) >= 3
    assert len({t for _d, t in calls}) == 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("stop_after", [0, 2])
def test_cancel_leaves_no_file(tmp_path, fmt, stop_after):
    out = tmp_path / f"evidenca.{fmt}"
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) <= stop_after

    with pytest.raises(ExportCancelled):
        write_register(_rows(200), fmt, out, subgroup=3, year=2026, progress=progress)
    assert list(tmp_path.iterdir()) == []


def test_pdf_progress_counts_rows_laid_out_on_pages(tmp_path):
    seen: list[int] = []
    write_register(
        _rows(300),
        "pdf",
        tmp_path / "e.pdf",
        subgroup=3,
        year=2026,
        progress=lambda d, t: seen.append(d) or True,
    )
    # more than the cell-making half: the table's pages were counted as they were drawn
    assert any(300 < d < 600 for d in seen)
