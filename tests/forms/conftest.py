"""Helpers for the form tests: read a PDF back as text, load the shipped examples."""

from __future__ import annotations

import json
import re
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

FORMS_DIR = Path(__file__).resolve().parents[2] / "forms"


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page, whitespace folded to single spaces."""
    reader = PdfReader(BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def load_example(kind: str) -> dict:
    return json.loads((FORMS_DIR / f"{kind}.example.json").read_text(encoding="utf-8"))


@pytest.fixture
def r4_data() -> dict:
    return load_example("r4")


@pytest.fixture
def r5_data() -> dict:
    return load_example("r5")


@pytest.fixture
def r1_data() -> dict:
    return load_example("r1")
