"""A run as SPEC 6 ``run`` prints it: each line's document, and the streamed JSON of
``run --close`` (``LineJson``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring  # the encoder's own (ensure_ascii=False)
from typing import Any, cast

from rejnistvo.collector import collector_paused
from rejnistvo.rules.payment_run import UNDONE, Amounts, calc_request
from rejnistvo.rules.periods import iso_month
from rejnistvo.services.payment_run.lines import PaymentRun, RunLine

#: A line's document (SPEC 6 ``run``) is these fields in this order: whom it pays
#: (``_payee_values``: the same for every line of a placement), what the line is
#: (``_line_values``), its amounts (the ``Amounts`` fields of the same names: one object
#: that many lines share), its reason, and its inputs (one basis that many lines share,
#: around the month). ``line_document`` and ``LineJson`` are both made from these.
PAYEE_FIELDS = ("placement", "carer", "child", "contract")
LINE_FIELDS = ("kind", "for_month", "days")
AMOUNT_FIELDS = ("board", "board_increase", "fee", "fee_uplift", "total")
REASON_FIELD, INPUTS_FIELD = "reason", "inputs"


def _payee_values(line: RunLine) -> tuple[Any, ...]:
    """The values of the line's ``PAYEE_FIELDS``, in their order."""
    return (line.placement_id, line.carer, line.child, line.contract)


def _line_values(line: RunLine) -> tuple[Any, ...]:
    """The values of the line's ``LINE_FIELDS``, in their order."""
    return (line.kind, iso_month(line.for_month), line.days)


def _amount_fields(amounts: Amounts) -> dict[str, Decimal]:
    return {name: getattr(amounts, name) for name in AMOUNT_FIELDS}


def line_document(line: RunLine, inputs: LineInputs | None = None) -> dict[str, Any]:
    """`inputs`: the memo of a run's lines' inputs (``LineInputs``); without it, the
    line's ``inputs`` are made alone."""
    document = dict(zip(PAYEE_FIELDS, _payee_values(line), strict=True))
    document.update(zip(LINE_FIELDS, _line_values(line), strict=True))
    document.update(_amount_fields(line.amounts))
    document[REASON_FIELD] = line.reason
    document[INPUTS_FIELD] = line.inputs if inputs is None else inputs(line)
    return document


class LineInputs:
    """Each line's ``inputs`` (``RunLine.inputs``) for a run's document: each basis
    parsed and its month-free parts made once (``calc_request``; a run shares each basis
    object among its lines: after a backdated rate 270,000 lines have ~27,000 bases),
    and, with `encode` (``LineJson``'s), their JSON text encoded once a basis, cut at the
    month (a basis whose text holds the month more than once is encoded for each line)."""

    #: the month the inputs of a basis are first encoded with, then cut at
    _AT = date(1, 1, 1)
    _AT_TEXT = '["0001-01"]'

    __slots__ = ("_encode", "_known")

    def __init__(self, encode: Callable[[Any], str] | None = None) -> None:
        self._encode = encode
        #: id of a basis -> [the basis, kept alive so that its id is not reused; its
        #: requests; the text of its inputs before and after the month, () where it is
        #: not cut, None until it is first asked for]
        self._known: dict[int, list[Any]] = {}

    def _entry(self, basis: Any) -> list[Any]:
        known = self._known.get(id(basis))
        if known is None:
            data = json.loads(basis) if isinstance(basis, str) else basis
            known = self._known[id(basis)] = [basis, calc_request(data), None]
        return known

    def __call__(self, line: RunLine) -> dict[str, Any] | None:
        basis = line.basis
        if basis is None:
            return None
        request: Callable[[date], dict[str, Any]] = self._entry(basis)[1]
        return request(line.for_month)

    def text(self, line: RunLine) -> str:
        """The JSON of the line's inputs as `encode` gives it."""
        basis = line.basis
        if basis is None:
            return "null"
        month = line.for_month
        known = self._known.get(id(basis))
        cut = known[2] if known is not None else None
        if cut:  # the usual case: one look-up
            return f'{cut[0]}["{iso_month(month)}"]{cut[1]}'
        encode = cast(Callable[[Any], str], self._encode)
        known = self._entry(basis)
        if known[2] is None:
            parts = encode(known[1](self._AT)).split(self._AT_TEXT)
            known[2] = (parts[0], parts[1]) if len(parts) == 2 else ()
            return self.text(line)
        return encode(known[1](month))


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
    inputs = LineInputs(encode)
    undone_lines = run.undone_lines()
    lines: Iterable[Any]
    if encode is not None:
        texts = LineJson(encode, inputs)
        lines = (texts(line) for line in run.lines if line.kind != UNDONE)
        undone = [line_document(line, inputs) for line in undone_lines]
    else:
        with collector_paused():
            lines = [line_document(line, inputs) for line in run.lines if line.kind != UNDONE]
            undone = [line_document(line, inputs) for line in undone_lines]
    document = {
        "month": iso_month(run.month),
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


def _json_value(value: Any) -> str:
    """A line's field, a text, an int or None, as the encoder writes it."""
    if type(value) is str:
        return encode_basestring(value)
    return "null" if value is None else str(value)


class LineJson:
    """A line's JSON text, exactly `encode`'s of its ``line_document`` (a JSON encoder
    with ``ensure_ascii=False``), made from parts put into a template made once from the
    fields' names: the payee's fields encoded once for consecutive lines of the same
    payee (a run lists a placement's lines together), the amounts once for each
    ``Amounts`` (~1,500 after a backdated rate, 270,000 lines), the inputs once for each
    basis (``LineInputs``, ~27,000)."""

    __slots__ = ("_encode", "_amounts", "_inputs", "_template", "_payee")

    def __init__(self, encode: Callable[[Any], str], inputs: LineInputs | None = None) -> None:
        self._encode = encode
        #: id of an ``Amounts`` -> (it, kept alive so that its id is not reused; the
        #: text of its fields)
        self._amounts: dict[int, tuple[Amounts, str]] = {}
        self._inputs = LineInputs(encode) if inputs is None else inputs
        own = ", ".join(f"{encode(name)}: %s" for name in (*PAYEE_FIELDS, *LINE_FIELDS))
        self._template = f"{{{own}, %s, {encode(REASON_FIELD)}: %s, {encode(INPUTS_FIELD)}: %s}}"
        #: the last line's payee: (its values, their texts)
        self._payee: tuple[tuple[Any, ...], tuple[str, ...]] = ((), ())

    def __call__(self, line: RunLine) -> str:
        amounts = self._amounts.get(id(line.amounts))
        if amounts is None:
            a = line.amounts
            amounts = self._amounts[id(a)] = (a, self._encode(_amount_fields(a))[1:-1])
        payee = _payee_values(line)
        last = self._payee
        if payee != last[0]:
            last = self._payee = (payee, tuple(map(_json_value, payee)))
        return self._template % (
            *last[1],
            *map(_json_value, _line_values(line)),
            amounts[1],
            _json_value(line.reason),
            self._inputs.text(line),
        )
