"""The change log and stale-save messages name ``report_requested_on`` as the R-5 screen
does since e2a77b8 (»Poročilo zahtevano do:«): the day the report is due by, not the day
the centre asked — »poročilo zahtevano« alone read as the day of the letter."""

from rejnistvo.store.labels import FIELD_LABELS


def test_report_requested_on_is_named_as_a_deadline() -> None:
    assert FIELD_LABELS["report_requested_on"] == "poročilo zahtevano do"
