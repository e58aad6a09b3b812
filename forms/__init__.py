"""Printed documents, one module per document, each reading top to bottom like the paper:

* `r4` – OBRAZEC R-4, zvišanje plačila dela (Priloga 1): `render_r4`, `render_r4_bytes`
* `r5` – OBRAZEC R-5, poročilo o namenskosti porabe (label "Priloga 4"): `render_r5`, …
* `r1` – OBRAZEC R-1, vloga za dovoljenje (Priloga 2): `render_r1`, `render_r1_bytes`
* `payment_sheet` – monthly payment sheet: `render_payment_sheet(header, payments, out)`
* `refund_call` – call to refund with its instalment plan: `render_refund_call(header, plan, out)`

`data` parses and checks the JSON of SPEC 6.1; example inputs ship as `r1.example.json`,
`r4.example.json`, `r5.example.json` next to this file. No Qt here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

import rejnistvo.printing  # noqa: F401 - first, so that reportlab starts faster (rl_startup)

from .data import PARSERS, ParsedForm, parse_r1, parse_r4, parse_r5

FORM_KINDS = ("r1", "r4", "r5")


def render_form(
    kind: str, data: Mapping[str, Any] | object, out_path: str | os.PathLike[str] | None = None
) -> bytes:
    """Parse and check the JSON of form `kind` (r1, r4, r5) and return its PDF bytes; write
    them to out_path too when given. Bad data raises InputError before anything is written."""
    if kind not in PARSERS:
        raise ValueError(f"unknown form {kind!r}")
    # Already parsed (and checked) forms are printed as they are.
    form = data if isinstance(data, ParsedForm) else PARSERS[kind](data)
    module = importlib.import_module(f".{kind}", __package__)
    pdf: bytes
    if out_path is None:
        pdf = getattr(module, f"render_{kind}_bytes")(form)
    else:
        pdf = getattr(module, f"render_{kind}")(form, out_path)
    return pdf


__all__ = ["FORM_KINDS", "parse_r1", "parse_r4", "parse_r5", "render_form"]
