"""A message box shows a rule's lower-case message as a sentence (capital first letter).

Izplačila → SEPA without the centre's name in Nastavitve showed »v Nastavitvah vpišite
ime centra (plačnika) za SEPA.« starting in lower case."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from rejnistvo.rules.errors import InputError
from rejnistvo.ui.interaction import QtInteraction, error_message


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    texts: list[str] = []

    def exec_(box: QMessageBox) -> int:
        texts.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return texts


def test_a_lower_case_rule_message_starts_the_box_with_a_capital(
    qapp: Any, shown: list[str]
) -> None:
    error = InputError("centre_name", "v Nastavitvah vpišite ime centra (plačnika) za SEPA.")
    interaction = QtInteraction()
    interaction.error("Izplačilo ni izvoženo", error_message(error))
    interaction.info("Obvestilo", "čakajoči paketi so uvoženi.")
    assert shown == [
        "V Nastavitvah vpišite ime centra (plačnika) za SEPA.",
        "Čakajoči paketi so uvoženi.",
    ]


def test_a_message_that_starts_with_a_quote_or_a_capital_is_unchanged(
    qapp: Any, shown: list[str]
) -> None:
    interaction = QtInteraction()
    interaction.error("Napaka", "»abc« ni datum.")
    interaction.error("Napaka", "Zbirka je zaklenjena.")
    interaction.error("Napaka", "")
    assert shown == ["»abc« ni datum.", "Zbirka je zaklenjena.", ""]
