"""Texts written into a CSV file that a spreadsheet would run as formulas.

Excel (and LibreOffice) opening a CSV runs a cell that starts with »=«, »+«, »-« or »@«
(a tab or a carriage return first hides the sign) as a formula: a carer's note typed as
»=HYPERLINK(…)« became a live link, »=1+2« showed 3, in a file of children's personal
data. Such a text cell is written with an apostrophe in front, which the spreadsheet
shows as text (OWASP's advice for CSV injection). Only text: an amount or a day count
is a number, and »-12,50« in an amount column must stay one."""

from __future__ import annotations

#: what a spreadsheet takes as the start of a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """`value` as a CSV writer should get it: a text that would run as a formula gets an
    apostrophe in front; anything else (numbers, dates, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
