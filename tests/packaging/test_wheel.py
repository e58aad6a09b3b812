"""The wheel carries everything under the rejnistvo namespace (issue 14).

Builds the real wheel with pip (build isolation, as `pip install .` does) once per run;
about 30 s, so marked slow, yet part of the default run: a wheel without its rates or
fonts is exactly the failure a user meets first.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (built,) = out.glob("rejnistvo-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel_names(wheel) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_forms_install_as_rejnistvo_forms(wheel_names):
    for name in ("__init__.py", "r4.py", "r5.py", "data.py", "r4.example.json"):
        assert f"rejnistvo/forms/{name}" in wheel_names


def test_every_resource_is_in_the_wheel(wheel_names):
    shipped = {
        str(p.relative_to(ROOT / "resources")).replace("\\", "/")
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix not in {".qm", ".pyc"} and "__pycache__" not in p.parts
    }
    assert {
        "rates.json",
        "catalogues/centres.json",
        "fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans.latin.ttf",  # the subset printing reads first
    } <= shipped
    missing = {f for f in shipped if f"rejnistvo/_resources/{f}" not in wheel_names}
    assert not missing


def test_qt_catalogue_is_compiled_into_the_wheel(wheel_names):
    assert "rejnistvo/_resources/i18n/qt_sl.qm" in wheel_names


def test_no_generic_top_level_package(wheel_names):
    top = {name.split("/")[0] for name in wheel_names}
    assert top == {"rejnistvo", next(t for t in top if t.endswith(".dist-info"))}
    assert not any(name.startswith(("forms/", "resources/")) for name in wheel_names)


def test_entry_points_for_the_cli_and_the_window(wheel, wheel_names):
    name = next(n for n in wheel_names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(name).decode("utf-8")
    console, gui = text.split("[gui_scripts]")
    assert "rejnistvo = rejnistvo.cli:main" in console
    assert "rejnistvo-okno = rejnistvo.launch:start" in gui
