"""The R-4 the commission reads travels in the package as a PDF: it now has the attachment
the window prints for the stored case, with the ZIRD 53 reasons ticked and the workload
(FORMS5 found the package's PDF printed from SPEC 6.1's JSON, which has no field for
them, so the commission read a proposal without its reasons). The resolution the
coordinator sends back keeps them too."""

from __future__ import annotations

from rejnistvo.exchange.package import read_package
from rejnistvo.rules.catalogues import uplift_reasons
from rejnistvo.store import get_record
from tests.exchange.test_exchange_roundtrip import PASS, _resolution_of_sent_case, _send
from tests.forms.conftest import pdf_pages


def _reason_words(db, case_id: int) -> list[str]:
    names = uplift_reasons()
    reasons = get_record(db, "r4_cases", case_id)["reasons"]
    return [names[r["reason_key"]] if r["reason_key"] else r["text"] for r in reasons]


def _attachment(path) -> str:
    return " ".join(pdf_pages(read_package(path, PASS).pdf)[-1].split())


def test_the_proposal_package_prints_the_reasons(centre_db, tmp_path):
    case, path = _send(centre_db, tmp_path)
    reasons = _reason_words(centre_db, case["id"])
    assert reasons
    attachment = _attachment(path)
    assert "Razlogi iz 53. člena ZIRD:" in attachment
    for reason in reasons:
        assert " ".join(reason.split()) in attachment, reason
    assert "Obseg dela z otrokom: " in attachment


def test_the_resolution_package_prints_the_reasons(centre_db, coordinator_db, tmp_path):
    resolution = _resolution_of_sent_case(centre_db, coordinator_db, tmp_path)
    attachment = _attachment(resolution)
    assert "Razlogi iz 53. člena ZIRD:" in attachment
