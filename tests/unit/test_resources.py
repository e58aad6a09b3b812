"""Shipped files are found from a checkout and from an install alike; a missing one is a
Slovenian message, never a traceback (issue 14)."""

import json
import sys

from rejnistvo import locations, resources
from rejnistvo.cli import main as cli_main


def test_every_resource_is_found_in_the_checkout(monkeypatch):
    monkeypatch.delenv("REJNISTVO_RESOURCES", raising=False)
    assert resources.resource_path("rates.json").is_file()
    assert resources.resource_path("catalogues", "centres.json").is_file()
    assert resources.resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resources.resource_path("i18n", "qt_sl.ts").is_file()
    assert resources.resource_path("icons", "rejnistvo.png").is_file()


def test_installed_layout_is_preferred(tmp_path, monkeypatch):
    """rejnistvo/_resources inside the package (wheel, bundle) wins over the checkout."""
    monkeypatch.delenv("REJNISTVO_RESOURCES", raising=False)
    installed = tmp_path / "_resources"
    installed.mkdir()
    monkeypatch.setattr(resources, "_packaged_dir", lambda: installed)
    assert resources.resources_dir() == installed


def test_missing_resource_is_a_slovenian_message(tmp_path, monkeypatch):
    monkeypatch.setenv("REJNISTVO_RESOURCES", str(tmp_path))
    try:
        resources.resource_path("rates.json")
    except resources.MissingResourceError as error:
        assert "Manjka datoteka programa »rates.json«" in error.message
        assert "namestite znova" in error.message
        assert isinstance(error, FileNotFoundError)
    else:
        raise AssertionError("no error for a missing file")
    assert resources.resource_path("x.qm", must_exist=False) == tmp_path / "x.qm"


def test_cli_reports_a_missing_resource_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("REJNISTVO_RESOURCES", str(tmp_path))
    document = {"placement": [{"from": "2026-03-10", "to": None}], "months": ["2026-03"]}
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    code = cli_main(["calc", "--input", str(source)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert "Manjka datoteka programa" in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_portable_locations_sit_next_to_the_program(tmp_path):
    portable = locations.choose_locations(True, base=tmp_path)
    assert portable.portable
    assert portable.database == tmp_path / "Rejnistvo-podatki" / "podatki" / "rejnistvo.sqlite3"
    for folder in (portable.logs, portable.config, portable.cache):
        assert folder.parent == tmp_path / "Rejnistvo-podatki"


def test_an_existing_portable_folder_means_portable(tmp_path):
    assert not locations.choose_locations(False, base=tmp_path).portable
    (tmp_path / "Rejnistvo-podatki").mkdir()
    assert locations.choose_locations(False, base=tmp_path).portable


def test_program_dir_of_a_frozen_bundle(tmp_path, monkeypatch):
    exe = tmp_path / "Rejnistvo"
    exe.write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert locations.program_dir() == tmp_path


def test_portable_mode_points_the_store_at_its_config_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(locations.CONFIG_ENV, raising=False)
    monkeypatch.delenv(locations.CACHE_ENV, raising=False)
    locations.apply(locations.portable_locations(tmp_path))
    import os

    from rejnistvo.printing import font_cache

    assert os.environ[locations.CONFIG_ENV] == str(tmp_path / "Rejnistvo-podatki" / "nastavitve")
    # the parsed fonts stay in the portable folder too
    assert locations.CACHE_ENV == font_cache.CACHE_ENV
    assert font_cache.cache_dir().is_relative_to(tmp_path / "Rejnistvo-podatki")
    locations.apply(locations.user_locations())  # not portable: leaves it as it is
    assert os.environ[locations.CONFIG_ENV] == str(tmp_path / "Rejnistvo-podatki" / "nastavitve")
