"""One carer with an account, one child and their placement from 1. 1. 2026 (centre 1):
the smallest file a command's run, close or bank file can be tried on."""

from __future__ import annotations

from rejnistvo.store import save_record

IBAN = "SI56191000000123438"


def add_one_placement(db, carer: str = "Rejnica A", child: str = "Otrok A") -> int:
    """The placement's id; the carer is paid to ``IBAN``."""
    carer_id = save_record(db, "carers", {"name": carer, "centre_id": 1, "iban": IBAN})
    child_id = save_record(db, "children", {"name": child, "centre_id": 1})
    return save_record(
        db,
        "placements",
        {"contract_no": "1220-A/2026", "carer_id": carer_id, "child_id": child_id,
         "child_centre_id": 1,
         "periods": [{"kind": "contract", "from_date": "2026-01-01", "to_date": None}]},
    )  # fmt: skip
