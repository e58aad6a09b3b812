"""Editable catalogues shipped in `resources/catalogues/`: expense categories of
Pravilnik čl. 27 and the child's circumstances of ZIRD 53 (reasons for a fee uplift)."""

from __future__ import annotations

import json
from pathlib import Path

EXPENSE_CATEGORY_KEYS = ("education", "interest", "health", "other")


def _load(name: str, path: Path | str | None) -> dict[str, str]:
    if path is None:
        from rejnistvo.resources import resource_path

        path = resource_path("catalogues", name)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {str(item["key"]): str(item["name"]) for item in data["items"]}


def expense_categories(path: Path | str | None = None) -> dict[str, str]:
    """key → Slovenian name: education, interest, health, other (čl. 27/1–4)."""
    return _load("expense_categories.json", path)


def uplift_reasons(path: Path | str | None = None) -> dict[str, str]:
    """key → Slovenian text of a ZIRD 53 reason (editable catalogue)."""
    return _load("uplift_reasons.json", path)
