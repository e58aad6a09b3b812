"""The subgroup coordinator's register of handled R-4 cases (čl. 29) and workflow (issue 6).

No Qt here: the coordinator's screen and the `register` command call these functions.

* rows.py — `RegisterRow`, `COLUMNS`, `filter_rows`
* queries.py — `register_rows(db, subgroup, year)`, `register_row`, `register_years`,
  `register_pages` (the coordinator's screen reads the register in pages)
* export.py — `write_register(rows, "csv"|"xlsx"|"pdf", path, subgroup=, year=)`
* workflow.py — accept, name the commission, waiting time, decide (resolution number), return
* candidates.py — candidate list changes since a date (CSV), coordinator's term
"""
