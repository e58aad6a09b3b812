"""The coordinator's steps on the store: accept, commission, decide (numbering), return."""

from __future__ import annotations

import csv
from datetime import date, timedelta

import pytest

from rejnistvo.register import workflow
from rejnistvo.register.candidates import (
    candidate_changes,
    coordinator_term,
    write_candidate_changes_csv,
)
from rejnistvo.register.queries import register_row, register_rows, register_years
from rejnistvo.rules.errors import InputError
from rejnistvo.store import get_record, save_record, set_setting

TODAY = date(2026, 11, 20)  # as the demo_db fixture fills it


def _case_in_state(db, where: str) -> dict:
    row = db.execute(f"SELECT id FROM r4_cases WHERE {where} ORDER BY id LIMIT 1").fetchone()
    assert row, where
    return get_record(db, "r4_cases", row[0])


def _sent(db):
    return _case_in_state(db, "sent_on IS NOT NULL AND accepted_on IS NULL")


def _accepted(db):
    return _case_in_state(db, "accepted_on IS NOT NULL AND commission_named_on IS NULL")


def _named(db):
    return _case_in_state(db, "commission_named_on IS NOT NULL AND decided_on IS NULL")


def _three(db, case):
    return [c.id for c in workflow.active_candidates(db, case["subgroup_id"], TODAY)[:3]]


def test_register_rows_of_a_year(demo_db):
    for subgroup in range(1, 7):
        rows = register_rows(demo_db, subgroup, 2026)
        expected = demo_db.execute(
            "SELECT count(*) FROM r4_cases WHERE subgroup_id = ? AND sent_on LIKE '2026-%'",
            [subgroup],
        ).fetchone()[0]
        assert len(rows) == expected
        assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
        assert [r.received for r in rows] == sorted(r.received for r in rows)
        for row in rows:
            assert row.child and row.carer and row.centre
            assert (len(row.members) == 3) == bool(row.commission_named)
            assert bool(row.resolution_no) == bool(row.decided)
    assert register_rows(demo_db, 1, 2019) == []
    assert 2026 in register_years(demo_db, 1)


def test_the_register_lists_the_day_each_proposal_was_prepared(demo_db):
    """SPEC 3.3: each step has a date and the register lists them — the first step
    (prepared at the centre) too: the recorded step, else the proposal form's date."""
    from rejnistvo.register.queries import register_pages
    from rejnistvo.register.rows import COLUMNS

    rows = register_rows(demo_db, 1, 2026)
    assert rows and all(r.prepared is not None for r in rows)
    assert all(r.prepared <= r.received for r in rows if r.received)
    first = rows[0]
    stored = demo_db.execute(
        "SELECT COALESCE(prepared_on, proposal_date) FROM r4_cases WHERE id = ?", [first.case_id]
    ).fetchone()[0]
    assert first.prepared == date.fromisoformat(stored)
    headings = [c.heading for c in COLUMNS]
    assert headings.index("Datum predloga") == headings.index("Prejeto") - 1
    # the screen's search finds a case by it, as by every column it shows
    pages = register_pages(demo_db, 1, 2026)
    shown = f"{first.prepared.day}. {first.prepared.month}. {first.prepared.year}"
    assert any(shown in text for text in pages.search)


def test_accept(demo_db):
    case = _sent(demo_db)
    with pytest.raises(InputError, match="pred datumom"):
        workflow.accept_proposal(demo_db, case["id"], case["sent_on"] - timedelta(days=1))
    workflow.accept_proposal(demo_db, case["id"], TODAY)
    assert get_record(demo_db, "r4_cases", case["id"])["accepted_on"] == TODAY
    assert register_row(demo_db, case["id"]).status == "sprejeto"
    with pytest.raises(InputError, match="že zapisan"):
        workflow.accept_proposal(demo_db, case["id"], TODAY)


def test_steps_out_of_order_refused(demo_db):
    case = _sent(demo_db)
    with pytest.raises(InputError, match="dokler predlog ni sprejet"):
        workflow.name_commission(demo_db, case["id"], [1, 2, 3], TODAY)
    with pytest.raises(InputError, match="imenovana komisija"):
        workflow.record_decision(
            demo_db, case["id"], on=TODAY, outcome="no_increase", rationale="x"
        )
    with pytest.raises(InputError, match="odločen"):
        workflow.mark_returned(demo_db, case["id"], TODAY)


def test_name_commission(demo_db):
    case = _accepted(demo_db)
    ids = _three(demo_db, case)
    with pytest.raises(InputError, match="natanko trije"):
        workflow.name_commission(demo_db, case["id"], ids[:2], TODAY)
    with pytest.raises(InputError, match="natanko trije"):
        workflow.name_commission(demo_db, case["id"], [ids[0]] * 3, TODAY)
    other = demo_db.execute(
        "SELECT id FROM candidates WHERE subgroup_id != ? LIMIT 1", [case["subgroup_id"]]
    ).fetchone()[0]
    with pytest.raises(InputError, match="s seznama kandidatov podskupine"):
        workflow.name_commission(demo_db, case["id"], ids[:2] + [other], TODAY)
    workflow.name_commission(demo_db, case["id"], ids, TODAY)
    stored = get_record(demo_db, "r4_cases", case["id"])
    assert [m["candidate_id"] for m in stored["members"]] == ids
    assert stored["commission_named_on"] == TODAY


def test_removed_candidate_is_not_on_the_list(demo_db):
    case = _accepted(demo_db)
    ids = _three(demo_db, case)
    candidate = get_record(demo_db, "candidates", ids[0])
    candidate["removed_on"] = TODAY - timedelta(days=1)
    save_record(demo_db, "candidates", candidate)
    assert ids[0] not in [
        c.id for c in workflow.active_candidates(demo_db, case["subgroup_id"], TODAY)
    ]
    with pytest.raises(InputError, match="seznama kandidatov"):
        workflow.name_commission(demo_db, case["id"], ids, TODAY)


def test_commission_warnings_same_centre_and_author(demo_db):
    set_setting(demo_db, "user_name", "Mojca Kralj")
    template = _sent(demo_db)
    copied = ("id", "resolution_no", "members", "case_uuid", "prepared_by", "received_on")
    new = {k: v for k, v in template.items() if k not in copied}
    new["case_no"] = "1220-99/2026"
    case_id = save_record(demo_db, "r4_cases", new)
    subgroup, centre = template["subgroup_id"], template["centre_id"]
    author = save_record(
        demo_db,
        "candidates",
        {
            "subgroup_id": subgroup,
            "name": "Mojca  Kralj",
            "centre_id": None,
            "added_on": date(2026, 1, 1),
        },
    )
    colleague = save_record(
        demo_db,
        "candidates",
        {
            "subgroup_id": subgroup,
            "name": "Jure Colnar",
            "centre_id": centre,
            "added_on": date(2026, 1, 1),
        },
    )
    third = next(
        c.id
        for c in workflow.active_candidates(demo_db, subgroup, TODAY)
        if c.id not in (author, colleague) and c.centre_id != centre
    )
    workflow.accept_proposal(demo_db, case_id, TODAY)
    chosen = [
        c
        for c in workflow.active_candidates(demo_db, subgroup, TODAY)
        if c.id in (author, colleague)
    ]
    preview = workflow.commission_warnings(demo_db, case_id, chosen)
    assert any("Jure Colnar dela v centru" in w for w in preview)
    assert any("Mojca  Kralj je predlog napisal" in w for w in preview)
    warnings = workflow.name_commission(demo_db, case_id, [author, colleague, third], TODAY)
    assert sorted(warnings) == sorted(preview)  # warnings, not refusals: the commission is named


def test_resolution_numbers_in_sequence_per_subgroup_and_year(demo_db):
    for subgroup in range(1, 7):
        taken = [
            r
            for (r,) in demo_db.execute(
                "SELECT resolution_no FROM r4_cases WHERE subgroup_id = ? AND resolution_year = 2026",
                [subgroup],
            )
        ]
        assert (
            workflow.next_resolution_no(demo_db, subgroup, 2026)
            == f"{subgroup}-{len(taken) + 1:03d}/2026"
        )
        assert workflow.next_resolution_no(demo_db, subgroup, 2027) == f"{subgroup}-001/2027"


def _decide_named(db, case, **kwargs):
    suggestion = workflow.rule_suggestion(case)
    kwargs.setdefault("outcome", "increase" if suggestion.eligible else "no_increase")
    kwargs.setdefault("percent", suggestion.percent)
    kwargs.setdefault("rationale", "Utemeljeno.")
    return workflow.record_decision(db, case["id"], on=TODAY, **kwargs)


def test_record_decision_assigns_next_number(demo_db):
    case = _named(demo_db)
    expected = workflow.next_resolution_no(demo_db, case["subgroup_id"], TODAY.year)
    number = _decide_named(demo_db, case)
    assert number == expected
    stored = get_record(demo_db, "r4_cases", case["id"])
    assert stored["resolution_no"] == number and stored["resolution_year"] == TODAY.year
    assert stored["decided_on"] == TODAY
    assert (
        stored["decision_from"] == case["period_from"]
        and stored["decision_to"] == case["period_to"]
    )
    assert workflow.next_resolution_no(demo_db, case["subgroup_id"], TODAY.year) != number
    with pytest.raises(InputError, match="že zapisan"):
        _decide_named(demo_db, case)


def test_number_format_from_settings(demo_db):
    set_setting(demo_db, "resolution_number_format", "R4-{subgroup}/{year}/{seq:04d}")
    case = _named(demo_db)
    subgroup = case["subgroup_id"]
    assert _decide_named(demo_db, case) == f"R4-{subgroup}/2026/0001"
    assert workflow.next_resolution_no(demo_db, subgroup, 2026) == f"R4-{subgroup}/2026/0002"
    set_setting(demo_db, "resolution_number_format", "{oops}")
    with pytest.raises(InputError, match="ni veljavna"):
        workflow.next_resolution_no(demo_db, subgroup, 2026)


def test_decision_against_the_rule_needs_rationale(demo_db):
    case = _named(demo_db)
    suggestion = workflow.rule_suggestion(case)
    other = 25 if suggestion.percent == 50 else 50
    with pytest.raises(InputError, match="razlikuje od predloga pravila"):
        _decide_named(demo_db, case, outcome="increase", percent=other, rationale="")
    with pytest.raises(InputError, match="25 % ali 50 %"):
        _decide_named(demo_db, case, outcome="increase", percent=30)
    with pytest.raises(InputError, match="Konec obdobja"):
        _decide_named(demo_db, case, period_from=date(2027, 1, 1), period_to=date(2026, 1, 1))
    _decide_named(demo_db, case, outcome="no_increase", rationale="Okoliščine niso podane.")
    stored = get_record(demo_db, "r4_cases", case["id"])
    assert stored["outcome"] == "no_increase" and stored["decision_percent"] is None


def test_mark_returned(demo_db):
    case = _case_in_state(demo_db, "decided_on IS NOT NULL AND returned_on IS NULL")
    with pytest.raises(InputError, match="pred datumom"):
        workflow.mark_returned(demo_db, case["id"], case["decided_on"] - timedelta(days=1))
    workflow.mark_returned(demo_db, case["id"], TODAY)
    assert register_row(demo_db, case["id"]).status == "vrnjeno"


def test_waiting_cases_and_threshold(demo_db):
    waiting = [w for s in range(1, 7) for w in workflow.waiting_cases(demo_db, s, TODAY)]
    assert waiting
    assert any(w.overdue for w in waiting)  # the demo has one case waiting > 30 days
    for item in waiting:
        assert item.days == (TODAY - item.received).days
        assert item.overdue == (item.days > 30)
    set_setting(demo_db, "waiting_days_threshold", "365")
    assert not any(
        w.overdue for s in range(1, 7) for w in workflow.waiting_cases(demo_db, s, TODAY)
    )
    assert workflow.waiting_days(date(2026, 1, 1), date(2026, 1, 31), TODAY) == 30
    assert workflow.waiting_days(None, None, TODAY) is None


def test_candidate_changes_csv(demo_db, tmp_path):
    save_record(
        demo_db,
        "candidates",
        {"subgroup_id": 3, "name": "Žiga Čuk", "centre_id": 1, "added_on": date(2026, 11, 1)},
    )
    changes = candidate_changes(demo_db, 3, date(2026, 10, 31))
    assert any(c.name == "Žiga Čuk" and c.change == "added" for c in changes)
    assert all(c.on >= date(2026, 10, 31) for c in changes)
    path = write_candidate_changes_csv(changes, tmp_path / "kandidati.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    assert table[0] == ["Datum", "Sprememba", "Kandidat", "Center"]
    assert ["1. 11. 2026", "dodan(a)", "Žiga Čuk"] == table[-1][:3] or any(
        row[:3] == ["1. 11. 2026", "dodan(a)", "Žiga Čuk"] for row in table
    )


def test_coordinator_term(demo_db):
    term = coordinator_term(demo_db, 3, TODAY)
    assert term is not None
    assert term.days_left == (term.term_to - TODAY).days
    assert term.term_from <= TODAY
    assert coordinator_term(demo_db, 3, term.term_to + timedelta(days=1)).ended


def test_decided_period_must_lie_inside_the_placement(demo_db):
    case = _named(demo_db)
    (last,) = demo_db.execute(
        "SELECT max(coalesce(to_date, '9999-12-31')) FROM placement_periods WHERE placement_id = ?",
        [case["placement_id"]],
    ).fetchone()
    (first,) = demo_db.execute(
        "SELECT min(from_date) FROM placement_periods WHERE placement_id = ?",
        [case["placement_id"]],
    ).fetchone()
    before = date.fromisoformat(first) - timedelta(days=10)
    with pytest.raises(InputError, match="znotraj namestitve"):
        _decide_named(demo_db, case, period_from=before, period_to=date.fromisoformat(first))
    assert last  # the demo placement has periods to check against


def test_commission_warnings_compare_units(demo_db):
    case = _accepted(demo_db)
    subgroup, centre = case["subgroup_id"], case["centre_id"]
    units = [u for (u,) in demo_db.execute("SELECT id FROM units WHERE centre_id = ?", [centre])]
    assert case["unit_id"] in units and len(units) >= 2
    other_unit = next(u for u in units if u != case["unit_id"])

    def candidate(name, unit_id):
        return save_record(
            demo_db,
            "candidates",
            {
                "subgroup_id": subgroup,
                "name": name,
                "centre_id": centre,
                "unit_id": unit_id,
                "added_on": date(2026, 1, 1),
            },
        )

    same = candidate("Tanja Šket", case["unit_id"])
    other = candidate("Rok Žibert", other_unit)
    unknown = candidate("Vid Čretnik", None)
    chosen = {c.id: c for c in workflow.active_candidates(demo_db, subgroup, TODAY)}
    warnings = workflow.commission_warnings(
        demo_db, case["id"], [chosen[same], chosen[other], chosen[unknown]]
    )
    assert any(w.startswith("Tanja Šket dela v enoti") for w in warnings)
    assert not any("Rok Žibert" in w for w in warnings)  # same centre, another unit
    assert any("Vid Čretnik dela v centru" in w for w in warnings)  # unit unknown: centre
    # A case whose unit is unknown falls back to the centre for every member.
    save_record(demo_db, "r4_cases", {"id": case["id"], "unit_id": None})
    warnings = workflow.commission_warnings(demo_db, case["id"], [chosen[other]])
    assert any("Rok Žibert dela v centru" in w for w in warnings)


def test_author_warning_reads_prepared_by(demo_db):
    case = _accepted(demo_db)
    author = case["prepared_by"]
    assert author  # the demo names the caseworker who wrote each proposal
    member = workflow.Candidate(id=0, name=author, centre_id=None, centre="")
    warnings = workflow.commission_warnings(demo_db, case["id"], [member])
    assert warnings == [f"{author} je predlog napisal(a) in ne bi smel(a) o njem odločati."]


def test_received_on_drives_the_register(demo_db):
    case = _sent(demo_db)
    sent = case["sent_on"]
    assert register_row(demo_db, case["id"]).received == sent  # fallback: sent_on
    with pytest.raises(InputError, match="pred datumom pošiljanja"):
        workflow.record_received(demo_db, case["id"], sent - timedelta(days=1))
    workflow.record_received(demo_db, case["id"], sent + timedelta(days=3))
    assert register_row(demo_db, case["id"]).received == sent + timedelta(days=3)
    with pytest.raises(InputError, match="pred datumom prejšnjega koraka"):
        workflow.accept_proposal(demo_db, case["id"], sent + timedelta(days=2))
    workflow.accept_proposal(demo_db, case["id"], sent + timedelta(days=3))
    with pytest.raises(InputError, match="po datumu sprejema"):
        workflow.record_received(demo_db, case["id"], sent + timedelta(days=4))


def test_register_year_follows_received_on(demo_db):
    case = _sent(demo_db)
    subgroup = case["subgroup_id"]
    save_record(demo_db, "r4_cases", {"id": case["id"], "sent_on": date(2025, 12, 30)})
    workflow.record_received(demo_db, case["id"], date(2026, 1, 5))
    assert case["id"] in [r.case_id for r in register_rows(demo_db, subgroup, 2026)]
    assert case["id"] not in [r.case_id for r in register_rows(demo_db, subgroup, 2025)]
    waiting = {w.case_id: w for w in workflow.waiting_cases(demo_db, subgroup, TODAY)}
    assert waiting[case["id"]].received == date(2026, 1, 5)


def test_hand_entered_case_is_received_when_accepted(demo_db):
    template = _sent(demo_db)
    copied = ("id", "resolution_no", "members", "case_uuid", "received_on", "sent_on")
    new = {k: v for k, v in template.items() if k not in copied}
    new["case_no"] = "1220-98/2026"
    case_id = save_record(demo_db, "r4_cases", new)
    workflow.accept_proposal(demo_db, case_id, TODAY)
    stored = get_record(demo_db, "r4_cases", case_id)
    assert stored["received_on"] == TODAY and stored["sent_on"] is None
    assert register_row(demo_db, case_id).received == TODAY


def test_decision_against_the_rule_names_the_rules_figure(demo_db):
    # The whole explanation inside the parentheses ended as ».);« and buried the figure.
    case = _named(demo_db)
    suggestion = workflow.rule_suggestion(case)
    assert suggestion.eligible and suggestion.percent in (25, 50)
    other = 25 if suggestion.percent == 50 else 50
    with pytest.raises(InputError) as refused:
        _decide_named(demo_db, case, outcome="increase", percent=other, rationale="")
    assert refused.value.message == (
        f"Odločitev (ZVIŠA za {other} %) se razlikuje od predloga pravila "
        f"(zvišanje za {suggestion.percent} %); vpišite obrazložitev."
    )


def test_candidates_come_in_slovenian_order(demo_db):
    """The commission's choice listed »Šuštar« after »Zupan« (SQLite's code points)."""
    subgroup = demo_db.execute("SELECT min(id) FROM subgroups").fetchone()[0]
    for name in ("Zala Zupan", "Špela Šuštar", "Sara Suhadolnik", "Čarli Cvek"):
        save_record(
            demo_db,
            "candidates",
            {"subgroup_id": subgroup, "name": name, "added_on": TODAY.isoformat()},
        )
    names = [c.name for c in workflow.active_candidates(demo_db, subgroup, TODAY)]
    mine = [
        n for n in names if n in ("Zala Zupan", "Špela Šuštar", "Sara Suhadolnik", "Čarli Cvek")
    ]
    assert mine == ["Čarli Cvek", "Sara Suhadolnik", "Špela Šuštar", "Zala Zupan"]
