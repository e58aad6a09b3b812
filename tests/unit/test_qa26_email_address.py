"""QA26: Rejniki took »ana novak@primer.si« (a space) or »ana@primer.« as the carer's
e-mail address, and the carer's R-1 then refused to print over it (its own check); the
service stored any text. One rule now checks the address on the screen, in the service
and on R-1 (rules.email_address)."""

from __future__ import annotations

import pytest

from forms.data_r1 import parse_r1
from rejnistvo.rules.email_address import check_email, email_problem
from rejnistvo.rules.errors import InputError

WRONG = [
    "ana novak@primer.si",
    "ana@primer.",
    "ana@.si",
    "ana@primer..si",
    "@primer.si",
    "ana@primer",
    "ana@@primer.si",
    "ana@pri@mer.si",
    "ana.primer.si",
]
RIGHT = ["ana.novak@primer.si", "a@b.si", "spela.sustar+csd@primer.gov.si"]


@pytest.mark.parametrize("text", WRONG)
def test_wrong_addresses_are_refused_everywhere(text):
    assert (
        email_problem(text)
        == f"»{text}« ni elektronski naslov; pričakovan je npr. ime.priimek@primer.si."
    )
    with pytest.raises(InputError) as refused:
        check_email(text, "email")
    assert refused.value.field == "email"
    with pytest.raises(InputError):
        parse_r1({"electronic_delivery": True, "email": text})


@pytest.mark.parametrize("text", RIGHT)
def test_right_addresses_pass_everywhere(text):
    assert email_problem(text) is None
    assert check_email(f"  {text} ", "email") == text
    assert parse_r1({"electronic_delivery": True, "email": text}).email == text


def test_blank_is_no_address():
    assert check_email("  ", "email") is None and check_email(None, "email") is None


def test_the_service_refuses_what_the_screen_refuses(tmp_path):
    from rejnistvo.services.people import Carer, save_carer
    from rejnistvo.store import open_db, save_record

    db = open_db(tmp_path / "email.sqlite3")
    try:
        centre = save_record(db, "centres", {"code": "KR", "name": "CSD", "seat": "Kranj"})
        with pytest.raises(InputError) as refused:
            save_carer(
                db,
                Carer(name="Ana Novak", address="Cesta 1", centre_id=centre, email="ana@primer."),
            )
        assert refused.value.field == "email"
    finally:
        db.close()
