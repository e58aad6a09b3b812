"""A run as SPEC 6 ``run`` prints it: each line's document, and the streamed JSON of
``run --close`` (``LineJson``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from json.encoder import encode_basestring  # the encoder's own (ensure_ascii=False)
from typing import Any, cast

from rejnistvo.collector import collector_paused
from rejnistvo.rules.payment_run import UNDONE, Amounts, calc_request
from rejnistvo.services.payment_run.lines import PaymentRun, RunLine


def _iso_month(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def line_document(
    line: RunLine, inputs: Callable[[RunLine], dict[str, Any] | None] | None = None
) -> dict[str, Any]:
    """`inputs`: the line's ``inputs`` as a memo gives them (``_inputs_memo``)."""
    return {
        "placement": line.placement_id,
        "carer": line.carer,
        "child": line.child,
        "contract": line.contract,
        "kind": line.kind,
        "for_month": _iso_month(line.for_month),
        "days": line.days,
        "board": line.amounts.board,
        "board_increase": line.amounts.board_increase,
        "fee": line.amounts.fee,
        "fee_uplift": line.amounts.fee_uplift,
        "total": line.amounts.total,
        "reason": line.reason,
        "inputs": line.inputs if inputs is None else inputs(line),
    }


def _inputs_memo() -> Callable[[RunLine], dict[str, Any] | None]:
    """``RunLine.inputs``, each basis parsed and its month-free parts made once
    (``calc_request``; a run shares each basis object among its lines): after a
    backdated rate 270,000 lines have ~27,000 bases."""
    #: id of a basis -> (the basis, kept alive so that its id is not reused; its requests)
    requests: dict[int, tuple[Any, Callable[[date], dict[str, Any]]]] = {}

    def inputs(line: RunLine) -> dict[str, Any] | None:
        basis = line.basis
        if basis is None:
            return None
        known = requests.get(id(basis))
        if known is None:
            data = json.loads(basis) if isinstance(basis, str) else basis
            known = requests[id(basis)] = (basis, calc_request(data))
        return known[1](line.for_month)

    return inputs


def run_document(run: PaymentRun, encode: Callable[[Any], str] | None = None) -> dict[str, Any]:
    """The run as SPEC 6 `run` prints it (amounts as Decimals; the CLI writes strings).
    The collector waits while the lines' dicts are made: 20,000 lines are ~200,000 new
    dicts and lists, each a count toward a full collection of the run's millions of
    objects (it took three quarters of the time).

    `encode` (the CLI's: a JSON encoder's ``encode``, amounts as two-decimal text):
    ``"lines"`` is an iterator of each line's JSON as `encode` gives it for the line's
    dict (``LineJson``), made as it is read: after a backdated rate the 270,000 dicts
    and their inputs are never made, each part of a line is encoded once for the lines
    that share it, and nothing is left for the collector to pass over."""
    inputs = _inputs_memo()
    undone_lines = run.undone_lines()
    lines: Iterable[Any]
    if encode is not None:
        texts = LineJson(encode)
        lines = (texts(line) for line in run.lines if line.kind != UNDONE)
        undone = [line_document(line, inputs) for line in undone_lines]
    else:
        with collector_paused():
            lines = [line_document(line, inputs) for line in run.lines if line.kind != UNDONE]
            undone = [line_document(line, inputs) for line in undone_lines]
    document = {
        "month": _iso_month(run.month),
        "status": run.status,
        "lines": lines,
        "total": run.total,
        "warnings": list(run.warnings),
    }
    if undone:
        # Not a line of SPEC 6's `lines` (their kinds are month, arrears, overpayment and
        # one-off, and a reader may sum every line that is not an overpayment): a part of
        # a rise that gives back an open overpayment is neither paid nor recovered.
        document["overpayments_undone"] = undone
    return document


def _json_text(text: str | None) -> str:
    return "null" if text is None else encode_basestring(text)


class LineJson:
    """A line's JSON text, exactly `encode`'s of its ``line_document`` with the amounts
    as two-decimal text, made from parts each encoded once: the five amounts for each
    ``Amounts`` (~1,500 after a backdated rate), the inputs for each basis (~27,000)
    around the month (``calc_request``). A part that cannot be cut so (a month text
    found more than once) is encoded whole for each line."""

    #: the month the inputs of a basis are first encoded with, then cut at
    _AT = date(1, 1, 1)
    _AT_TEXT = '["0001-01"]'

    def __init__(self, encode: Callable[[Any], str]) -> None:
        self._encode = encode
        self._amounts: dict[int, tuple[Amounts, str]] = {}
        #: id of a basis -> (the basis, kept alive so that its id is not reused; the text
        #: of its inputs before and after the month, or its requests when not cut)
        self._inputs: dict[int, tuple[Any, tuple[str, str] | Callable[[date], Any]]] = {}

    def __call__(self, line: RunLine) -> str:
        e = encode_basestring
        amounts = self._amounts.get(id(line.amounts))
        if amounts is None:
            a = line.amounts
            texts = (a.board, a.board_increase, a.fee, a.fee_uplift, a.total)
            board, increase, fee, uplift, total = (f'"{x:.2f}"' for x in texts)
            amounts = self._amounts[id(a)] = (
                a,
                f'"board": {board}, "board_increase": {increase}, "fee": {fee}, '
                f'"fee_uplift": {uplift}, "total": {total}',
            )
        m = line.for_month
        placement = "null" if line.placement_id is None else line.placement_id
        carer, child, contract = line.carer, line.child, line.contract
        return (
            f'{{"placement": {placement}, "carer": {_json_text(carer)}, '
            f'"child": {_json_text(child)}, "contract": {_json_text(contract)}, '
            f'"kind": {e(line.kind)}, '
            f'"for_month": "{m.year:04d}-{m.month:02d}", "days": {line.days}, {amounts[1]}, '
            f'"reason": {_json_text(line.reason)}, '
            f'"inputs": {self._inputs_text(line.basis, m)}}}'
        )

    def _inputs_text(self, basis: Any, month: date) -> str:
        if basis is None:
            return "null"
        known = self._inputs.get(id(basis))
        if known is None:
            request = calc_request(json.loads(basis) if isinstance(basis, str) else basis)
            whole = self._encode(request(self._AT))
            parts = whole.split(self._AT_TEXT)
            cut = (parts[0], parts[1]) if len(parts) == 2 else request
            known = self._inputs[id(basis)] = (basis, cut)
        cut = known[1]
        if type(cut) is tuple:
            return f'{cut[0]}["{month.year:04d}-{month.month:02d}"]{cut[1]}'
        return self._encode(cast(Callable[[date], Any], cut)(month))
