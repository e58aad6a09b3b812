"""emso.py, uplift.py, catalogues.py."""

from datetime import date

import pytest

from rejnistvo.rules.catalogues import EXPENSE_CATEGORY_KEYS, expense_categories, uplift_reasons
from rejnistvo.rules.emso import EmsoInfo, check_emso
from rejnistvo.rules.errors import InputError
from rejnistvo.rules.uplift import Workload, suggest_uplift


def test_valid_emso():
    day = date(2026, 1, 1)
    assert check_emso("0101006500006", today=day) == EmsoInfo(date(2006, 1, 1), "M")
    assert check_emso("1503988505604", today=day) == EmsoInfo(date(1988, 3, 15), "F")
    assert check_emso(" 2902000500128 ", today=day).birth_date == date(2000, 2, 29)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("010100650000", "13 števk"),
        ("01010065000061", "13 števk"),
        ("01010065A0006", "le števke"),
        ("2902999500120", "datum rojstva"),
        ("0101006500007", "kontrolna števka"),
        (101006500006, "besedilo"),
    ],
)
def test_invalid_emso_reasons(value, reason):
    with pytest.raises(InputError) as caught:
        check_emso(value, "child.emso", today=date(2026, 1, 1))
    assert caught.value.field == "child.emso"
    assert reason in caught.value.message


@pytest.mark.parametrize(
    ("count", "workload", "eligible", "percent"),
    [
        (0, None, False, None),
        (0, Workload.STRONG, False, None),
        (1, Workload.MODERATE, True, 25),
        (1, Workload.STRONG, True, 50),
        (1, None, True, None),
        (2, Workload.MODERATE, True, 50),
        (2, None, True, 50),
        (5, Workload.STRONG, True, 50),
    ],
)
def test_uplift_table(count, workload, eligible, percent):
    suggestion = suggest_uplift(count, workload)
    assert (suggestion.eligible, suggestion.percent) == (eligible, percent)
    assert "30. člen" in suggestion.explanation


def test_uplift_refuses_negative_count():
    with pytest.raises(InputError):
        suggest_uplift(-1, None)


def test_catalogues():
    categories = expense_categories()
    assert tuple(categories) == EXPENSE_CATEGORY_KEYS
    assert categories["education"] == "Izobraževalni proces"
    reasons = uplift_reasons()
    assert len(reasons) >= 5
    assert all(isinstance(text, str) and text for text in reasons.values())


def test_emso_birth_date_in_the_future_refused_against_the_injected_today():
    from stdnum.si import emso

    born_2030 = "0101030500" + "00"
    born_2030 += emso.calc_check_digit(born_2030)
    with pytest.raises(InputError) as caught:
        check_emso(born_2030, "child.emso", today=date(2029, 12, 31))
    assert caught.value.field == "child.emso" and "prihodnosti" in caught.value.message
    assert check_emso(born_2030, today=date(2030, 1, 1)).birth_date == date(2030, 1, 1)


def test_emso_before_1900_and_non_ascii_digits_refused():
    from stdnum.si import emso

    old = "311289950000"
    old += emso.calc_check_digit(old)  # 31. 12. 1899
    with pytest.raises(InputError) as caught:
        check_emso(old, today=date(2026, 1, 1))
    assert "1900" in caught.value.message
    for digits in ("\u0660" * 13, "０１０１００６５００００６", "0101006500006\u0663"):
        with pytest.raises(InputError) as caught:
            check_emso(digits, today=date(2026, 1, 1))
        assert "števke 0–9" in caught.value.message


def test_distinct_reasons_case_and_space_insensitive():
    from rejnistvo.rules.uplift import distinct_reasons

    assert distinct_reasons(["Bolezen", " bolezen", "BOLEZEN ", "selitev", "  ", "Selitev"]) == [
        "Bolezen",
        "selitev",
    ]
    assert (
        suggest_uplift(len(distinct_reasons(["Bolezen", "bolezen"])), Workload.MODERATE).percent
        == 25
    )
